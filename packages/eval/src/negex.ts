/**
 * The NegEx / ConText test kit: loader and scoring.
 *
 * Format (tab-separated, one item a line, optional header): a number, the target concept, the
 * sentence (target written in capitals), then label columns recognised by their values —
 * negation (`Affirmed`/`Negated`/`Possible`), temporality (`Recent`/`Historical`/`Not particular`)
 * and experiencer (`Patient`/`Other`/`Family member`). The genConText variant has a note column
 * before the concept. Scoring: negation precision/recall/F1 with `negated` as the positive class,
 * temporality and experiencer accuracy.
 * @see Chapman et al., J Biomed Inform 2001;34:301-310 (NegEx); Harkema et al., JBI 2009;42:839-851 (ConText).
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { assessContext, detectSections, type SectionCategory, type Span } from '@galen/nlp';

export type NegationLabel = 'negated' | 'affirmed' | 'possible';
export type TemporalityLabel = 'recent' | 'historical' | 'hypothetical';
export type ExperiencerLabel = 'patient' | 'family' | 'other';

export interface NegexItem {
  id: string;
  concept: string;
  sentence: string;
  negation?: NegationLabel;
  temporality?: TemporalityLabel;
  experiencer?: ExperiencerLabel;
}

export interface NegexPrediction {
  negated: boolean;
  temporality: TemporalityLabel;
  experiencer: ExperiencerLabel;
}

const NEGATION: Record<string, NegationLabel> = { negated: 'negated', affirmed: 'affirmed', possible: 'possible' };
const TEMPORALITY: Record<string, TemporalityLabel> = {
  recent: 'recent',
  historical: 'historical',
  'not particular': 'hypothetical',
  hypothetical: 'hypothetical',
};
const EXPERIENCER: Record<string, ExperiencerLabel> = {
  patient: 'patient',
  other: 'other',
  'family member': 'family',
  family: 'family',
};

const unquote = (s: string) => {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
};

/** Parse one annotation file (any of the kit's layouts). Lines that do not fit are skipped. */
export function parseNegexAnnotations(text: string): NegexItem[] {
  const rows = text
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'));
  const items: NegexItem[] = [];
  for (const row of rows) {
    if (row.length < 4 || !/^\s*\d+\s*$/.test(row[0]!)) continue; // header or junk
    // label columns: the first column whose value is a known label, scanning from the right
    let first = row.length;
    const item: Partial<NegexItem> = {};
    for (let c = row.length - 1; c >= 3; c--) {
      const v = unquote(row[c]!).toLowerCase();
      if (NEGATION[v] && !item.negation) item.negation = NEGATION[v];
      else if (TEMPORALITY[v] && !item.temporality) item.temporality = TEMPORALITY[v];
      else if (EXPERIENCER[v] && !item.experiencer) item.experiencer = EXPERIENCER[v];
      else break;
      first = c;
    }
    if (first === row.length || first < 3) continue;
    items.push({
      ...item,
      id: row[0]!.trim(),
      concept: unquote(row[first - 2]!),
      sentence: unquote(row[first - 1]!),
    });
  }
  return items;
}

/** The kit files in a directory (`DIR` or `DIR/annotations`), or a file itself. */
function kitFiles(path: string): string[] {
  if (!existsSync(path)) throw new Error(`No such file or directory: ${path}`);
  if (statSync(path).isFile()) return [path];
  const dirs = [path, join(path, 'annotations')].filter((d) => existsSync(d) && statSync(d).isDirectory());
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.txt') && !/readme/i.test(f))
      .sort()
      .map((f) => join(d, f)),
  );
}

/**
 * Load the richest annotation file of a kit directory: the one with the most label kinds
 * (negation, temporality, experiencer), then the most items.
 */
export function loadNegexKit(path: string): { file: string; items: NegexItem[] } {
  let best: { file: string; items: NegexItem[]; score: number } | undefined;
  for (const file of kitFiles(path)) {
    const items = parseNegexAnnotations(readFileSync(file, 'latin1'));
    if (!items.length) continue;
    const kinds = ['negation', 'temporality', 'experiencer'].filter((k) => items.some((i) => k in i)).length;
    const score = kinds * 1e6 + items.length;
    if (!best || score > best.score) best = { file, items, score };
  }
  if (!best) throw new Error(`No NegEx annotation file found in ${path}`);
  return { file: best.file, items: best.items };
}

/** Split by item number: odd numbers are `dev` (rules may be studied on them), even are `test`. */
export function splitNegex(items: NegexItem[], split: 'all' | 'dev' | 'test'): NegexItem[] {
  if (split === 'all') return items;
  const want = split === 'dev' ? 1 : 0;
  return items.filter((i) => Number(i.id) % 2 === want);
}

function flexPattern(s: string): RegExp | undefined {
  const words = s.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'i');
}

/**
 * Where the target concept is in the sentence. The kit writes the target in capitals and its
 * concept column is sometimes cut short, so: the concept (case- and space-insensitive), preferring
 * a capitalised occurrence; else its first word extended over the capitalised run; else the
 * sentence's capitalised run; else the whole sentence.
 */
export function locateConcept(sentence: string, concept: string): Span {
  const pat = flexPattern(concept);
  if (pat) {
    const all = new RegExp(pat.source, 'gi');
    let fallback: Span | undefined;
    for (const m of sentence.matchAll(all)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (m[0] === m[0].toUpperCase() && /[A-Z]/.test(m[0])) return extendCapitals(sentence, span);
      fallback ??= span;
    }
    if (fallback) return fallback;
    // truncated concept: the longest prefix of whole words that is found, then extend over capitals
    const words = concept.trim().split(/\s+/);
    for (let k = words.length - 1; k >= 1; k--) {
      const p = flexPattern(words.slice(0, k).join(' '));
      const m = p && p.exec(sentence);
      if (m) return extendCapitals(sentence, { start: m.index, end: m.index + m[0].length });
    }
  }
  if (sentence !== sentence.toUpperCase()) {
    const caps = /[A-Z][A-Z0-9-]*(?:[\s,/]+[A-Z][A-Z0-9-]*)*/g;
    let best: Span | undefined;
    for (const m of sentence.matchAll(caps)) {
      if (m[0].length > 2 && (!best || m[0].length > best.end - best.start)) {
        best = { start: m.index, end: m.index + m[0].length };
      }
    }
    if (best) return best;
  }
  return { start: 0, end: sentence.length };
}

/**
 * The kit's concept column is sometimes cut short ("free air o"): finish the word, and in a
 * mixed-case sentence run on over the following capitalised words (the target is in capitals).
 */
function extendCapitals(sentence: string, span: Span): Span {
  let end = span.end;
  while (end < sentence.length && /[A-Za-z0-9]/.test(sentence[end]!)) end++;
  if (sentence !== sentence.toUpperCase()) {
    const run = /^(?:[\s,/-]+[A-Z0-9][A-Z0-9-]*)+/.exec(sentence.slice(end));
    if (run && run[0] === run[0].toUpperCase()) end += run[0].length;
  }
  return { start: span.start, end };
}

/** Galen's prediction for one item: ConText on the target's span, with the section header in the sentence. */
export function predictNegex(item: NegexItem): NegexPrediction {
  const span = locateConcept(item.sentence, item.concept);
  const sections = detectSections(item.sentence);
  const section = sections.find((s) => s.start <= span.start && span.start < s.end) ?? sections[0];
  const category: SectionCategory | undefined = section?.title ? section.category : undefined;
  const sentence = { start: section?.header?.end ?? 0, end: item.sentence.length };
  const ctx = assessContext(item.sentence, span, {
    section: category,
    sentence: span.start >= sentence.start ? sentence : undefined,
  });
  return {
    negated: ctx.negated,
    temporality: ctx.hypothetical ? 'hypothetical' : ctx.historical ? 'historical' : 'recent',
    experiencer: ctx.experiencer,
  };
}

export interface NegexScores {
  items: number;
  negation: {
    tp: number;
    fp: number;
    fn: number;
    tn: number;
    precision: number;
    recall: number;
    f1: number;
    accuracy: number;
  };
  temporality: { items: number; correct: number; accuracy: number };
  experiencer: { items: number; correct: number; accuracy: number };
}

const ratio = (a: number, b: number) => (b ? a / b : 0);

/**
 * Score predictions against the kit. Negation: `negated` is the positive class (`possible` counts as
 * not negated). Experiencer is scored as patient vs someone else when the gold uses `other` only.
 */
export function scoreNegex(items: readonly NegexItem[], predictions: readonly NegexPrediction[]): NegexScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let tItems = 0;
  let tCorrect = 0;
  let eItems = 0;
  let eCorrect = 0;
  const goldHasFamily = items.some((i) => i.experiencer === 'family');
  items.forEach((item, k) => {
    const p = predictions[k]!;
    if (item.negation) {
      const gold = item.negation === 'negated';
      if (gold && p.negated) tp++;
      else if (!gold && p.negated) fp++;
      else if (gold) fn++;
      else tn++;
    }
    if (item.temporality) {
      tItems++;
      if (item.temporality === p.temporality) tCorrect++;
    }
    if (item.experiencer) {
      eItems++;
      const pe = !goldHasFamily && p.experiencer === 'family' ? 'other' : p.experiencer;
      if (pe === item.experiencer) eCorrect++;
    }
  });
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    items: items.length,
    negation: {
      tp,
      fp,
      fn,
      tn,
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
      accuracy: ratio(tp + tn, tp + fp + fn + tn),
    },
    temporality: { items: tItems, correct: tCorrect, accuracy: ratio(tCorrect, tItems) },
    experiencer: { items: eItems, correct: eCorrect, accuracy: ratio(eCorrect, eItems) },
  };
}

/** Predict and score a kit. */
export function evaluateNegex(
  items: readonly NegexItem[],
  predict: (item: NegexItem) => NegexPrediction = predictNegex,
): NegexScores {
  return scoreNegex(items, items.map(predict));
}
