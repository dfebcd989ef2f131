/**
 * `galen` subcommands of the nlp area:
 * - `galen nlp extract FILE|DIR [--format json|fhir] [--out DIR]`: annotate notes (a progress bar for directories);
 * - `galen eval negex --data DIR [--split all|dev|test] [--json]`: score ConText on a NegEx-format kit.
 */
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badRequest, notFound } from '@galen/fhir';
import { checkText, decodeUtf8, pipelineFor, defaultIndex, toFhir, type NlpResult } from '@galen/nlp';
import type { NegexScores } from '@galen/eval/negex';
import { UsageError, type CliIO, type Command } from '../command';
import { progressBar } from '../progress';

const MAX_BYTES = 100 * 1024 * 1024;

/** Read a file as UTF-8 text; a clear error (exit 2) for binary or invalid UTF-8 files. */
export function readTextFile(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_BYTES) throw badRequest(`${path}: larger than ${MAX_BYTES} bytes`);
  const text = decodeUtf8(readFileSync(path));
  if (text === undefined) throw badRequest(`${path}: not valid UTF-8 text`);
  const problem = checkText(text);
  if (problem) throw badRequest(`${path}: not text (${problem})`);
  return text;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.(txt|text|md|note)$/i.test(name) || !name.includes('.')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function render(result: NlpResult, format: string, file: string): string {
  if (format === 'fhir') {
    const documentReferenceId =
      basename(file)
        .replace(/[^A-Za-z0-9.-]/g, '-')
        .slice(0, 48) || 'document';
    const resources = toFhir(result, { patientId: 'unknown', documentReferenceId, now: new Date().toISOString() });
    return JSON.stringify(
      { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) },
      null,
      2,
    );
  }
  return JSON.stringify(result, null, 2);
}

export const nlpExtractCommand: Command = {
  name: 'nlp extract',
  summary: 'Extract concepts with context, medications and measurements from notes (JSON or FHIR)',
  usage: 'galen nlp extract FILE|DIR [--format json|fhir] [--out DIR]',
  options: {
    format: { type: 'string', default: 'json' },
    out: { type: 'string' },
  },
  async run(args, io: CliIO) {
    const format = String(args.values.format ?? 'json');
    if (format !== 'json' && format !== 'fhir') throw new UsageError(`--format must be json or fhir, not "${format}"`);
    const target = args.positionals[0];
    if (!target || args.positionals.length > 1) throw new UsageError('give one FILE or DIR');
    if (!existsSync(target)) throw notFound(`${target}: no such file or directory`);
    const pipeline = pipelineFor(defaultIndex());
    const out = typeof args.values.out === 'string' ? resolve(args.values.out) : undefined;
    if (statSync(target).isFile()) {
      const result = pipeline.extract(readTextFile(target));
      const json = render(result, format, target);
      if (out) {
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, `${basename(target)}.${format === 'json' ? 'nlp' : 'fhir'}.json`), json + '\n');
      } else io.stdout.write(json + '\n');
      return 0;
    }
    const files = listFiles(target);
    if (!out) throw new UsageError('a directory needs --out DIR');
    mkdirSync(out, { recursive: true });
    const bar = progressBar('nlp extract', io.stderr as NodeJS.WritableStream & { isTTY?: boolean }, files.length);
    let failed = 0;
    let mentions = 0;
    files.forEach((file, i) => {
      try {
        const result = pipeline.extract(readTextFile(file));
        mentions += result.mentions.length;
        const rel = file
          .slice(target.length)
          .replace(/^[\\/]+/, '')
          .replace(/[\\/]/g, '__');
        writeFileSync(join(out, `${rel}.${format === 'json' ? 'nlp' : 'fhir'}.json`), render(result, format, file) + '\n');
      } catch (err) {
        failed++;
        io.stderr.write(`\n${(err as Error).message}\n`);
      }
      bar.update(i + 1);
    });
    bar.done(`${files.length - failed} of ${files.length} files, ${mentions} mentions → ${out}`);
    return failed ? 2 : 0;
  },
};

const DEFAULT_NEGEX = fileURLToPath(new URL('../../../../../shared/data/negex', import.meta.url));

export const evalNegexCommand: Command = {
  name: 'eval negex',
  summary: 'Score negation (P/R/F1), temporality and experiencer on a NegEx/ConText test kit',
  usage: 'galen eval negex [--data DIR] [--split all|dev|test] [--json]',
  options: {
    data: { type: 'string' },
    split: { type: 'string', default: 'all' },
    json: { type: 'boolean', default: false },
  },
  async run(args, io: CliIO) {
    const data = typeof args.values.data === 'string' ? args.values.data : DEFAULT_NEGEX;
    const split = String(args.values.split ?? 'all');
    if (split !== 'all' && split !== 'dev' && split !== 'test') throw new UsageError('--split must be all, dev or test');
    if (!existsSync(data)) throw notFound(`${data}: no such file or directory`);
    const { evaluateNegex, loadNegexKit, splitNegex } = await import('@galen/eval/negex');
    const kit = loadNegexKit(data);
    const items = splitNegex(kit.items, split);
    const started = performance.now();
    const scores = evaluateNegex(items);
    const ms = performance.now() - started;
    if (args.values.json) {
      io.stdout.write(JSON.stringify({ data: kit.file, split, ...scores, ms: Math.round(ms) }) + '\n');
    } else io.stdout.write(formatScores(kit.file, split, scores, ms));
    return 0;
  },
};

function formatScores(file: string, split: string, s: NegexScores, ms: number): string {
  const n = s.negation;
  const f = (x: number) => x.toFixed(4);
  return [
    `NegEx/ConText kit: ${file} (split ${split}, ${s.items} items, ${ms.toFixed(0)} ms)`,
    `negation     precision ${f(n.precision)}  recall ${f(n.recall)}  F1 ${f(n.f1)}  accuracy ${f(n.accuracy)}  (TP ${n.tp} FP ${n.fp} FN ${n.fn} TN ${n.tn})`,
    `temporality  accuracy ${f(s.temporality.accuracy)} (${s.temporality.correct}/${s.temporality.items})`,
    `experiencer  accuracy ${f(s.experiencer.accuracy)} (${s.experiencer.correct}/${s.experiencer.items})`,
    '',
  ].join('\n');
}

export const nlpCommands: Command[] = [nlpExtractCommand, evalNegexCommand];
