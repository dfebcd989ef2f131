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
export const INDEX_VERSION = 1;

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

type Row = [system: number, code: string, display: string, kind: number, synonyms: string[], source: number, extra?: Extra];

interface IndexFile {
  format: typeof INDEX_FORMAT;
  version: number;
  meta: IndexMeta;
  systems: string[];
  kinds: string[];
  sources: string[];
  rows: Row[];
}

/** `<dataDir>/terminology/index.json.gz` */
export function indexPath(dataDir: string): string {
  return join(dataDir, 'terminology', 'index.json.gz');
}

/** Encode concepts as the compact index file (gzip level 6). */
export function encodeIndex(concepts: Iterable<Concept>, meta: IndexMeta): Buffer {
  const tables = { systems: new Map<string, number>(), kinds: new Map<string, number>(), sources: new Map<string, number>() };
  const at = (m: Map<string, number>, v: string) => {
    let i = m.get(v);
    if (i === undefined) m.set(v, (i = m.size));
    return i;
  };
  const rows: Row[] = [];
  for (const c of concepts) {
    const extra: Extra = {};
    if (c.mappings?.length) extra.m = c.mappings.map((m) => [at(tables.systems, m.system), m.code]);
    if (c.classes?.length) extra.c = c.classes;
    if (c.unit) extra.u = c.unit;
    if (c.notSelectable) extra.n = 1;
    if (c.termType) extra.t = c.termType;
    if (c.ingredients?.length) extra.i = c.ingredients;
    const row: Row = [at(tables.systems, c.system), c.code, c.display, at(tables.kinds, c.kind), c.synonyms, at(tables.sources, c.source)];
    if (Object.keys(extra).length) row.push(extra);
    rows.push(row);
  }
  const file: IndexFile = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    meta,
    systems: [...tables.systems.keys()],
    kinds: [...tables.kinds.keys()],
    sources: [...tables.sources.keys()],
    rows,
  };
  return gzipSync(JSON.stringify(file), { level: 6 });
}

/** Decode an index file; throws a clear error when it is not one. */
export function decodeIndex(data: Buffer): { concepts: Concept[]; meta: IndexMeta } {
  let file: IndexFile;
  try {
    file = JSON.parse(gunzipSync(data).toString('utf8')) as IndexFile;
  } catch {
    throw new Error('Not a Galen terminology index (expected gzip-compressed JSON)');
  }
  if (file.format !== INDEX_FORMAT) throw new Error('Not a Galen terminology index');
  if (file.version !== INDEX_VERSION) throw new Error(`Unsupported terminology index version ${file.version}; re-run \`galen terminology import\``);
  const { systems, kinds, sources } = file;
  const concepts: Concept[] = new Array(file.rows.length);
  for (let i = 0; i < file.rows.length; i++) {
    const [s, code, display, k, synonyms, src, extra] = file.rows[i]!;
    const system = systems[s]!;
    const c: Concept = { id: `${system}|${code}`, system, code, display, kind: kinds[k] as ConceptKind, synonyms, source: sources[src]! };
    if (extra) {
      if (extra.m) c.mappings = extra.m.map(([ms, mc]): Coding => ({ system: systems[ms]!, code: mc }));
      if (extra.c) c.classes = extra.c;
      if (extra.u) c.unit = extra.u;
      if (extra.n) c.notSelectable = true;
      if (extra.t) c.termType = extra.t;
      if (extra.i) c.ingredients = extra.i;
    }
    concepts[i] = c;
  }
  return { concepts, meta: file.meta };
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
