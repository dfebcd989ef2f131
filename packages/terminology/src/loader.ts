/**
 * Loading the terminology Galen runs with: the starter lexicon merged with the index imported into
 * the data folder (when there is one), and building that index from official release files.
 */
import type { Concept } from './concept';
import { MemoryConceptIndex } from './memory-index';
import { starterLexicon } from './starter/index';
import { readIndexFile, readIndexRows, writeIndexFile, type IndexMeta, type SourceInfo } from './index-file';
import { IMPORTERS, type ImportPaths, type SourceName } from './import-files';

/**
 * The starter lexicon merged with `<dataDir>/terminology/index.json.gz` when present (curated
 * starter concepts keep their display, kind and classes; imported names are added to them).
 * Without `dataDir`, the starter lexicon alone.
 */
export async function loadIndex(dataDir?: string): Promise<MemoryConceptIndex> {
  const { concepts, abbreviations } = starterLexicon();
  const index = new MemoryConceptIndex(concepts, abbreviations);
  const rows = dataDir ? await readIndexRows(dataDir) : undefined;
  if (rows) index.addLazy(rows.ids, rows.decode);
  return index;
}

/**
 * A cached loader for the composition root: register it as the `terminology` service
 * (`services.get('terminology')`). The index is read once, on first use.
 */
export function terminologyService(dataDir: string): () => Promise<MemoryConceptIndex> {
  let pending: Promise<MemoryConceptIndex> | undefined;
  return () => {
    pending ??= loadIndex(dataDir).catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}

export interface ImportOptions {
  dataDir: string;
  /** Time stamp recorded in the index (the CLI passes the clock in). */
  now: Date;
  /** Called as each source starts and ends. */
  onProgress?: (event: { source: SourceName; phase: 'start' | 'done'; concepts?: number }) => void;
}

export interface ImportSummary {
  path: string;
  /** Concepts per source in the written index. */
  sources: Record<string, SourceInfo>;
  total: number;
}

/**
 * Import the given release files into the data folder's index. Sources not named keep what an
 * earlier import stored; named sources are replaced. Everything is read and checked before the
 * index is (atomically) rewritten, so a bad file leaves the old index untouched.
 */
export async function importIntoDataDir(paths: ImportPaths, opts: ImportOptions): Promise<ImportSummary> {
  const fresh = new Map<SourceName, Concept[]>();
  const importedAt = opts.now.toISOString();
  const sources: Record<string, SourceInfo> = {};
  for (const name of Object.keys(IMPORTERS) as SourceName[]) {
    const path = paths[name];
    if (!path) continue;
    opts.onProgress?.({ source: name, phase: 'start' });
    const concepts = await IMPORTERS[name](path);
    fresh.set(name, concepts);
    sources[name] = { concepts: concepts.length, from: path, importedAt };
    opts.onProgress?.({ source: name, phase: 'done', concepts: concepts.length });
  }
  if (!fresh.size) throw new Error('Nothing to import: name at least one source');
  const previous = await readIndexFile(opts.dataDir);
  const kept: Concept[] = [];
  const meta: IndexMeta = { createdAt: importedAt, sources: {} };
  if (previous) {
    for (const c of previous.concepts) if (!fresh.has(c.source as SourceName)) kept.push(c);
    for (const [name, info] of Object.entries(previous.meta.sources))
      if (!fresh.has(name as SourceName)) meta.sources[name] = info;
  }
  Object.assign(meta.sources, sources);
  const all = kept.concat(...fresh.values());
  const path = await writeIndexFile(opts.dataDir, all, meta);
  return { path, sources: meta.sources, total: all.length };
}
