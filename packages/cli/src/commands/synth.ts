/**
 * `galen synth`: synthetic patients with ground truth.
 *   galen synth --patients N [--seed S] --out DIR     write DIR/bundles.ndjson, DIR/labels.jsonl, DIR/manifest.json
 *   galen synth --patients N [--seed S] --load        load straight into the store (GALEN_DATA_DIR or DATABASE_URL)
 * Files are written into a sibling temporary folder that is renamed to DIR only when complete, so a
 * half-written set is never presented as a finished one.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError, type CliIO, type Command, type ParsedArgs } from '../command';
import { progressBar } from '../progress';

const MAX_PATIENTS = 1_000_000;
const USAGE =
  'galen synth --patients N [--seed S] [--now ISO] [--office-only] [--inpatient-share F] [--no-notes] (--out DIR | --load)';

interface SynthArgs {
  count: number;
  seed: string | number;
  now?: string;
  officeOnly: boolean;
  inpatientShare?: number;
  notes: boolean;
  out?: string;
  load: boolean;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function parseSynthArgs(args: ParsedArgs): SynthArgs {
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]!.slice(0, 40)}"`);
  const v = args.values;
  const rawCount = str(v.patients);
  if (rawCount === undefined) throw new UsageError('--patients N is required');
  if (!/^\d+$/.test(rawCount.trim()))
    throw new UsageError(
      `--patients must be a whole number from 1 to ${MAX_PATIENTS.toLocaleString('en-US')} (got "${rawCount.slice(0, 20)}")`,
    );
  const count = Number(rawCount);
  if (count < 1 || count > MAX_PATIENTS)
    throw new UsageError(`--patients must be from 1 to ${MAX_PATIENTS.toLocaleString('en-US')} (got ${rawCount.slice(0, 20)})`);
  const rawSeed = str(v.seed) ?? '1';
  const seed = /^\d{1,15}$/.test(rawSeed) ? Number(rawSeed) : rawSeed;
  const now = str(v.now);
  if (now !== undefined && !Number.isFinite(Date.parse(now)))
    throw new UsageError(`--now must be an ISO 8601 date-time (got "${now.slice(0, 40)}")`);
  let inpatientShare: number | undefined;
  const rawShare = str(v['inpatient-share']);
  if (rawShare !== undefined) {
    inpatientShare = Number(rawShare);
    if (!(inpatientShare >= 0 && inpatientShare <= 1))
      throw new UsageError(`--inpatient-share must be between 0 and 1 (got "${rawShare.slice(0, 20)}")`);
  }
  const out = str(v.out);
  const load = v.load === true;
  if (!out && !load) throw new UsageError('give --out DIR, --load, or both');
  if (v['office-only'] === true && inpatientShare !== undefined && inpatientShare > 0)
    throw new UsageError('--office-only and --inpatient-share > 0 contradict each other');
  return { count, seed, now, officeOnly: v['office-only'] === true, inpatientShare, notes: v['no-notes'] !== true, out, load };
}

/** Create the temporary sibling folder for DIR, or explain why DIR cannot be written. */
function prepareOutput(out: string): { final: string; tmp: string } {
  const final = resolve(out);
  if (existsSync(final)) {
    let entries: string[];
    try {
      entries = readdirSync(final);
    } catch {
      throw new UsageError(`output ${final} exists and is not a readable folder`);
    }
    if (entries.length) throw new UsageError(`output folder ${final} already exists and is not empty; choose a new folder`);
  }
  const parent = dirname(final);
  const tmp = join(parent, `.${basename(final)}.partial-${process.pid}`);
  try {
    // Create missing ancestors one by one: `mkdirSync(..., { recursive: true })` can spin forever
    // on special file systems such as /proc.
    const missing: string[] = [];
    for (let d = parent; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
    for (const d of missing) mkdirSync(d);
    mkdirSync(tmp);
  } catch (err) {
    throw new Error(`cannot write output folder ${final}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return { final, tmp };
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const a = parseSynthArgs(args);
  const { generatePatients, DEFAULT_NOW } = await import('@galen/synth');
  const output = a.out ? prepareOutput(a.out) : undefined;
  let store: { fhir: { transaction(b: import('@galen/fhir').Bundle): Promise<unknown> }; close(): Promise<void> } | undefined;
  let bundlesFd: number | undefined;
  let labelsFd: number | undefined;
  let completed = false;
  const bar = progressBar('synth', io.stderr as NodeJS.WritableStream & { isTTY?: boolean }, a.count);
  const cleanup = () => {
    if (bundlesFd !== undefined) closeSync(bundlesFd);
    if (labelsFd !== undefined) closeSync(labelsFd);
    bundlesFd = labelsFd = undefined;
    if (output && !completed) rmSync(output.tmp, { recursive: true, force: true });
  };
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  try {
    if (a.load) {
      const { openStore } = await import('@galen/store');
      const { galenMigrations } = await import('@galen/server/migrations');
      const { loadConfig } = await import('@galen/operations/config');
      const config = loadConfig(io.env);
      store = await openStore({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        jobs: false,
        migrations: galenMigrations,
      });
    }
    if (output) {
      bundlesFd = openSync(join(output.tmp, 'bundles.ndjson'), 'w');
      labelsFd = openSync(join(output.tmp, 'labels.jsonl'), 'w');
    }
    let done = 0;
    let resources = 0;
    let sepsis = 0;
    let aki = 0;
    let readmissions = 0;
    let bundleBuf: string[] = [];
    let labelBuf: string[] = [];
    const flush = () => {
      if (bundlesFd !== undefined && bundleBuf.length) writeSync(bundlesFd, bundleBuf.join(''));
      if (labelsFd !== undefined && labelBuf.length) writeSync(labelsFd, labelBuf.join(''));
      bundleBuf = [];
      labelBuf = [];
    };
    const t0 = Date.now();
    for (const p of generatePatients({
      count: a.count,
      seed: a.seed,
      now: a.now,
      officeOnly: a.officeOnly,
      inpatientShare: a.inpatientShare,
      notes: a.notes,
    })) {
      if (store) await store.fhir.transaction(p.bundle);
      if (output) {
        bundleBuf.push(JSON.stringify(p.bundle) + '\n');
        labelBuf.push(JSON.stringify(p.labels) + '\n');
        if (bundleBuf.length >= 100) flush();
      }
      resources += p.bundle.entry?.length ?? 0;
      if (p.labels.sepsisOnset) sepsis++;
      if (p.labels.akiOnset) aki++;
      if (p.labels.readmission30d) readmissions++;
      bar.update(++done);
    }
    flush();
    if (output) {
      writeFileSync(
        join(output.tmp, 'manifest.json'),
        JSON.stringify(
          {
            generator: '@galen/synth',
            format: {
              bundles: 'bundles.ndjson: one FHIR R4 transaction Bundle per line',
              labels: 'labels.jsonl: one PatientLabels object per line, same order',
            },
            patients: a.count,
            resources,
            seed: a.seed,
            now: a.now ?? DEFAULT_NOW,
            officeOnly: a.officeOnly,
            inpatientShare: a.inpatientShare ?? null,
            notes: a.notes,
            withSepsis: sepsis,
            withAki: aki,
            withReadmission30d: readmissions,
          },
          null,
          2,
        ) + '\n',
      );
      closeSync(bundlesFd!);
      closeSync(labelsFd!);
      bundlesFd = labelsFd = undefined;
      if (existsSync(output.final)) rmdirSync(output.final);
      renameSync(output.tmp, output.final);
      completed = true;
    }
    const secs = (Date.now() - t0) / 1000;
    bar.done(
      `${a.count} patients, ${resources} resources (${sepsis} with sepsis, ${aki} with AKI, ${readmissions} readmitted within 30 days) in ${secs.toFixed(1)} s` +
        (output ? `; wrote ${output.final}` : '') +
        (store ? '; loaded into the store' : ''),
    );
    return 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
    cleanup();
    await store?.close();
  }
}

export const synthCommands: Command[] = [
  {
    name: 'synth',
    summary: 'Generate synthetic patients with ground truth (FHIR bundles + labels), or load them into the store',
    usage: USAGE,
    options: {
      patients: { type: 'string', short: 'n' },
      seed: { type: 'string', short: 's' },
      out: { type: 'string', short: 'o' },
      load: { type: 'boolean' },
      now: { type: 'string' },
      'office-only': { type: 'boolean' },
      'inpatient-share': { type: 'string' },
      'no-notes': { type: 'boolean' },
    },
    run,
  },
];
