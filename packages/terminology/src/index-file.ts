/**
 * The compact index file that `galen terminology import` writes into the data folder and Galen
 * loads at start-up: gzip-compressed JSON with code systems and kinds stored once and each concept
 * as a short tuple. Reading it is the only file access of this package outside the importers.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFile, rename, writeFile, mkdir, unlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Coding, Concept, ConceptKind } from './concept';

export const INDEX_FORMAT = 'galen-terminology-index';
export const INDEX_VERSION = 2;

/** What each import contributed. */
export interface SourceInfo {
  concepts: number;
  /** The file or folder it was read from (as given on the command line). */
  from: string;
  /** ISO time of the import (handed in by the caller). */
  importedAt: string;
}

export interface IndexMeta {
  createdAt: string;
  sources: Record<string, SourceInfo>;
}

interface Extra {
  /** mappings: [system index, code] */
  m?: Array<[number, string]>;
  c?: string[];
  u?: string;
  n?: 1;
  t?: string;
  i?: string[];
}

interface Header {
  format: typeof INDEX_FORMAT;
  version: number;
  meta: IndexMeta;
  systems: string[];
  kinds: string[];
  sources: string[];
  count: number;
}

/** `<dataDir>/terminology/index.json.gz` */
export function indexPath(dataDir: string): string {
  return join(dataDir, 'terminology', 'index.json.gz');
}

const SYN = '\x1f';
/** Names never hold tabs or line breaks in the index: they would break its rows. */
const clean = (s: string) => (/[\t\n\r\x1f]/.test(s) ? s.replace(/[\t\n\r\x1f]+/g, ' ') : s);

/**
 * Encode concepts as the index file: gzip of a JSON header line, then one line per concept,
 * `system# \t code \t display \t kind# \t source# \t synonyms (\x1f-separated) [\t extra JSON]`.
 * Rows are text rather than one JSON document so that loading needs only the id of each row
 * (`decodeRows`); the rest of a concept is decoded when it is first used.
 */
export function encodeIndex(concepts: Iterable<Concept>, meta: IndexMeta): Buffer {
  const tables = { systems: new Map<string, number>(), kinds: new Map<string, number>(), sources: new Map<string, number>() };
  const at = (m: Map<string, number>, v: string) => {
    let i = m.get(v);
    if (i === undefined) m.set(v, (i = m.size));
    return i;
  };
  const rows: string[] = [];
  for (const c of concepts) {
    const extra: Extra = {};
    if (c.mappings?.length) extra.m = c.mappings.map((m) => [at(tables.systems, m.system), m.code]);
    if (c.classes?.length) extra.c = c.classes;
    if (c.unit) extra.u = c.unit;
    if (c.notSelectable) extra.n = 1;
    if (c.termType) extra.t = c.termType;
    if (c.ingredients?.length) extra.i = c.ingredients;
    let row = `${at(tables.systems, c.system)}\t${clean(c.code)}\t${clean(c.display)}\t${at(tables.kinds, c.kind)}\t${at(tables.sources, c.source)}\t${c.synonyms.map(clean).join(SYN)}`;
    if (Object.keys(extra).length) row += `\t${JSON.stringify(extra)}`;
    rows.push(row);
  }
  const header: Header = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    meta,
    systems: [...tables.systems.keys()],
    kinds: [...tables.kinds.keys()],
    sources: [...tables.sources.keys()],
    count: rows.length,
  };
  return gzipSync(JSON.stringify(header) + '\n' + rows.join('\n'), { level: 6 });
}

/** Index rows with their ids, and a decoder for one row (for `MemoryConceptIndex.addLazy`). */
export interface IndexRows {
  meta: IndexMeta;
  ids: string[];
  decode(row: number): Concept;
}

/** Decode the header and the id of every row; concepts are decoded on demand. */
export function decodeRows(data: Buffer): IndexRows {
  let text: string;
  try {
    text = gunzipSync(data).toString('utf8');
  } catch {
    throw new Error('Not a Galen terminology index (expected gzip-compressed text)');
  }
  const nl = text.indexOf('\n');
  let header: Header;
  try {
    header = JSON.parse(nl < 0 ? text : text.slice(0, nl)) as Header;
  } catch {
    throw new Error('Not a Galen terminology index');
  }
  if (header.format !== INDEX_FORMAT) throw new Error('Not a Galen terminology index');
  if (header.version !== INDEX_VERSION)
    throw new Error(`Unsupported terminology index version ${header.version}; re-run \`galen terminology import\``);
  const lines = nl < 0 || header.count === 0 ? [] : text.slice(nl + 1).split('\n');
  if (lines.length !== header.count) throw new Error('Truncated terminology index; re-run `galen terminology import`');
  const { systems, kinds, sources } = header;
  const ids: string[] = new Array(lines.length);
  for (let j = 0; j < lines.length; j++) {
    const line = lines[j]!;
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    ids[j] = `${systems[Number(line.slice(0, a))]}|${line.slice(a + 1, b)}`;
  }
  return {
    meta: header.meta,
    ids,
    decode(row) {
      const f = lines[row]!.split('\t');
      const system = systems[Number(f[0])]!;
      const c: Concept = {
        id: ids[row]!,
        system,
        code: f[1]!,
        display: f[2]!,
        kind: kinds[Number(f[3])] as ConceptKind,
        synonyms: f[5] ? f[5].split(SYN) : [],
        source: sources[Number(f[4])]!,
      };
      if (f[6]) {
        const extra = JSON.parse(f[6]) as Extra;
        if (extra.m) c.mappings = extra.m.map(([ms, mc]): Coding => ({ system: systems[ms]!, code: mc }));
        if (extra.c) c.classes = extra.c;
        if (extra.u) c.unit = extra.u;
        if (extra.n) c.notSelectable = true;
        if (extra.t) c.termType = extra.t;
        if (extra.i) c.ingredients = extra.i;
      }
      return c;
    },
  };
}

/** Decode every concept of an index file; throws a clear error when it is not one. */
export function decodeIndex(data: Buffer): { concepts: Concept[]; meta: IndexMeta } {
  const rows = decodeRows(data);
  return { concepts: rows.ids.map((_, j) => rows.decode(j)), meta: rows.meta };
}

/** Read the rows of a data folder's imported index, or `undefined` when there is none. */
export async function readIndexRows(dataDir: string): Promise<IndexRows | undefined> {
  const path = indexPath(dataDir);
  if (!existsSync(path)) return undefined;
  return decodeRows(await readFile(path));
}

/** Read the imported index of a data folder, or `undefined` when there is none. */
export async function readIndexFile(dataDir: string): Promise<{ concepts: Concept[]; meta: IndexMeta } | undefined> {
  const path = indexPath(dataDir);
  if (!existsSync(path)) return undefined;
  return decodeIndex(await readFile(path));
}

/** Write the index atomically: a temporary file in the same folder, then a rename. */
export async function writeIndexFile(dataDir: string, concepts: Iterable<Concept>, meta: IndexMeta): Promise<string> {
  const path = indexPath(dataDir);
  await mkdir(join(dataDir, 'terminology'), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, encodeIndex(concepts, meta));
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  return path;
}
