/** `galen` subcommands of the scribe area: transcribe, draft, and the ACI-Bench evaluation. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { OperationOutcomeError, outcomeToString } from '@galen/fhir';
import { loadConfig } from '@galen/operations';
import type { ConceptExtractor } from '@galen/eval/aci-facts';
import {
  draftNote,
  draftToFhir,
  formatTranscript,
  parseAciTranscript,
  parseTranscript,
  renderDraftMarkdown,
  renderDraftText,
} from '@galen/scribe';
import { createTranscriber } from '@galen/scribe/speech/index';
import { createLanguageModel } from '@galen/llm';
import { UsageError, type Command } from '../command';

function fail(io: { stderr: NodeJS.WritableStream }, err: unknown): number {
  if (err instanceof OperationOutcomeError) {
    io.stderr.write(`${outcomeToString(err.outcome)}\n`);
    return 2;
  }
  throw err;
}

const transcribe: Command = {
  name: 'scribe transcribe',
  summary: 'Speech to text (PocketSphinx offline, or the whisper.cpp server in GALEN_WHISPER_URL)',
  usage: 'galen scribe transcribe <audio file> [--json]',
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    const file = args.positionals[0];
    if (!file) throw new UsageError('name an audio file');
    const audio = await readFile(file).catch(() => {
      throw new UsageError(`cannot read ${file}`);
    });
    const config = loadConfig(io.env);
    try {
      const t = await createTranscriber(config).transcribe(audio);
      io.stdout.write(args.values.json ? JSON.stringify(t, null, 2) + '\n' : formatTranscript(t) + '\n');
      return 0;
    } catch (err) {
      return fail(io, err);
    }
  },
};

const draft: Command = {
  name: 'scribe draft',
  summary: 'Draft a visit note from a transcript file (ACI-Bench text, WebVTT, SRT, JSON, "Speaker: text")',
  usage: 'galen scribe draft <transcript file> [--format markdown|text|fhir|json] [--offline]',
  options: { format: { type: 'string' }, offline: { type: 'boolean' } },
  async run(args, io) {
    const file = args.positionals[0];
    if (!file) throw new UsageError('name a transcript file');
    const format = String(args.values.format ?? 'markdown');
    if (!['markdown', 'text', 'fhir', 'json'].includes(format))
      throw new UsageError('--format must be markdown, text, fhir or json');
    const text = await readFile(file, 'utf8').catch(() => {
      throw new UsageError(`cannot read ${file}`);
    });
    const config = loadConfig(io.env);
    try {
      const ext = extname(file).toLowerCase();
      const transcript = parseTranscript(text, ext === '.vtt' ? 'vtt' : ext === '.srt' ? 'srt' : undefined);
      // A remote endpoint without the de-identification guard refuses to send; the draft then falls back offline.
      const llm = args.values.offline ? undefined : createLanguageModel(config);
      const d = await draftNote(transcript, llm ? { llm } : {});
      for (const w of d.warnings) io.stderr.write(`warning: ${w}\n`);
      if (format === 'markdown') io.stdout.write(renderDraftMarkdown(d));
      else if (format === 'text') io.stdout.write(renderDraftText(d) + '\n');
      else if (format === 'json') io.stdout.write(JSON.stringify(d, null, 2) + '\n');
      else {
        const now = new Date().toISOString();
        const stamp = Date.now().toString(36);
        const r = draftToFhir(d, {
          now,
          ids: { composition: `c-${stamp}`, documentReference: `d-${stamp}`, provenance: `p-${stamp}` },
        });
        io.stdout.write(
          JSON.stringify(
            {
              resourceType: 'Bundle',
              type: 'collection',
              entry: [r.documentReference, r.composition, r.provenance].map((resource) => ({ resource })),
            },
            null,
            2,
          ) + '\n',
        );
      }
      return 0;
    } catch (err) {
      return fail(io, err);
    }
  },
};

/** Concepts from `@galen/nlp` (patient's own, `-` prefix when negated); undefined if it is unavailable. */
async function nlpConcepts(): Promise<ConceptExtractor | undefined> {
  try {
    const nlp = await import('@galen/nlp');
    return (text: string) =>
      nlp
        .extract(text)
        .mentions.filter((m) => m.context.experiencer === 'patient')
        .map((m) => (m.context.negated ? '-' : '') + m.concept.id);
  } catch {
    return undefined;
  }
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

const evalAci: Command = {
  name: 'eval aci-bench',
  summary: 'Score the offline scribe on ACI-Bench: ROUGE-1/2/Lsum (official scorer), concept F1, per-division scores, latency',
  usage: 'galen eval aci-bench [--data DIR] [--split valid|test1|test2|test3|train] [--json]',
  options: { data: { type: 'string' }, split: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    // Evaluation code is loaded only by the eval commands (`scripts/layers.mjs`).
    const { scoreRouge } = await import('@galen/eval/rouge');
    const { ACI_SECTION_DIVISIONS, DEFAULT_ACI_DIR, divideAciNote, hasAciBench, loadAciBench } =
      await import('@galen/eval/aci-bench');
    const { scoreConceptF1 } = await import('@galen/eval/aci-facts');
    const dir = String(args.values.data ?? DEFAULT_ACI_DIR);
    const split = String(args.values.split ?? 'valid');
    if (!hasAciBench(dir)) throw new UsageError(`ACI-Bench not found in ${dir} (expected data/challenge_data/train.csv)`);
    const encs = loadAciBench(split, dir);
    const concepts = await nlpConcepts();
    // Warm-up: the offline classifier compiles its tables on first use (once per process).
    await draftNote(parseAciTranscript('[doctor] any chest pain ?\n[patient] no .'));
    const r1: number[] = [];
    const r2: number[] = [];
    const rl: number[] = [];
    const facts: number[] = [];
    const ms: number[] = [];
    const perDiv: Record<string, number[]> = Object.fromEntries(ACI_SECTION_DIVISIONS.map((d) => [d, []]));
    for (const e of encs) {
      const t0 = performance.now();
      const d = await draftNote(parseAciTranscript(e.dialogue));
      const text = renderDraftText(d);
      ms.push(performance.now() - t0);
      const s = scoreRouge(e.note, text);
      r1.push(s.rouge1.fmeasure);
      r2.push(s.rouge2.fmeasure);
      rl.push(s.rougeLsum.fmeasure);
      facts.push(scoreConceptF1(e.note, text, concepts).f1);
      const gold = divideAciNote(e.note);
      const pred = divideAciNote(text);
      for (const div of ACI_SECTION_DIVISIONS) {
        if (!gold[div]) continue;
        perDiv[div]!.push(scoreRouge(gold[div], pred[div]).rouge1.fmeasure);
      }
    }
    ms.sort((a, b) => a - b);
    const round = (x: number): number => Math.round(x * 100) / 100;
    const result = {
      split,
      encounters: encs.length,
      engine: 'galen-offline',
      rouge1: round(100 * mean(r1)),
      rouge2: round(100 * mean(r2)),
      rougeLsum: round(100 * mean(rl)),
      conceptF1: round(100 * mean(facts)),
      conceptMethod: concepts ? '@galen/nlp concepts (negation-aware)' : 'lexical fallback',
      sections: Object.fromEntries(Object.entries(perDiv).map(([k, v]) => [k, { rouge1: round(100 * mean(v)), n: v.length }])),
      latencyMs: { median: round(ms[Math.floor(ms.length / 2)] ?? 0), max: round(ms[ms.length - 1] ?? 0) },
    };
    if (args.values.json) io.stdout.write(JSON.stringify(result) + '\n');
    else {
      io.stdout.write(`ACI-Bench ${split} (${encs.length} encounters), engine galen-offline\n`);
      io.stdout.write(
        `ROUGE-1 ${result.rouge1}  ROUGE-2 ${result.rouge2}  ROUGE-Lsum ${result.rougeLsum}  concept F1 ${result.conceptF1} (${result.conceptMethod})\n`,
      );
      for (const [k, v] of Object.entries(result.sections)) io.stdout.write(`  ${k.padEnd(20)} ROUGE-1 ${v.rouge1} (n=${v.n})\n`);
      io.stdout.write(`latency per encounter: median ${result.latencyMs.median} ms, max ${result.latencyMs.max} ms\n`);
    }
    return 0;
  },
};

export const scribeCommands: Command[] = [transcribe, draft, evalAci];
