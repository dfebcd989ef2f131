/**
 * ROUGE-1, ROUGE-2 and ROUGE-Lsum computed the way Google's `rouge-score` package (used through
 * Hugging Face `evaluate` by ACI-Bench and MEDIQA-Chat) computes them, so figures compare with
 * published tables. Lin, "ROUGE: A Package for Automatic Evaluation of Summaries", 2004.
 *
 * Tokenisation: lower-case; every run of characters other than `a-z0-9` becomes a space; split on
 * whitespace; optionally Porter-stem tokens longer than three characters; drop empty tokens.
 * ROUGE-Lsum splits both texts on newlines and scores the union LCS of each reference line
 * against all candidate lines, with each token counted at most as often as it appears.
 */
import { stemPorter } from './porter-stemmer';

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeLsum: RougeScore;
}

export interface RougeOptions {
  /** Porter-stem tokens longer than 3 characters (`use_stemmer=True`). Default false, as HF `evaluate`. */
  stem?: boolean;
}

/** Tokenise as `rouge_score.tokenize.tokenize`. */
export function tokenizeRouge(text: string, stem = false): string[] {
  const tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '');
  return stem ? tokens.map((t) => (t.length > 3 ? stemPorter(t) : t)) : tokens;
}

function score(hits: number, candidateTotal: number, referenceTotal: number): RougeScore {
  const precision = hits / Math.max(candidateTotal, 1);
  const recall = hits / Math.max(referenceTotal, 1);
  const fmeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, fmeasure };
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(' ');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** ROUGE-N between a reference and a candidate token list. */
export function rougeN(reference: string[], candidate: string[], n: number): RougeScore {
  const r = ngramCounts(reference, n);
  const c = ngramCounts(candidate, n);
  let hits = 0;
  let rTotal = 0;
  let cTotal = 0;
  for (const v of r.values()) rTotal += v;
  for (const [g, v] of c) {
    cTotal += v;
    hits += Math.min(v, r.get(g) ?? 0);
  }
  return score(hits, cTotal, rTotal);
}

/** Indices (into `ref`) of one LCS of `ref` and `can`, backtracking as rouge-score does. */
function lcsIndices(ref: string[], can: string[]): number[] {
  const rows = ref.length;
  const cols = can.length;
  const t: Int32Array[] = [];
  for (let i = 0; i <= rows; i++) t.push(new Int32Array(cols + 1));
  for (let i = 1; i <= rows; i++) {
    const ti = t[i]!;
    const tp = t[i - 1]!;
    const ri = ref[i - 1];
    for (let j = 1; j <= cols; j++) {
      ti[j] = ri === can[j - 1] ? tp[j - 1]! + 1 : Math.max(tp[j]!, ti[j - 1]!);
    }
  }
  const out: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (t[i]![j - 1]! > t[i - 1]![j]!) {
      j--;
    } else {
      i--;
    }
  }
  return out.reverse();
}

/** Summary-level LCS (ROUGE-Lsum) over lists of tokenised lines. */
export function rougeLsumTokens(refLines: string[][], canLines: string[][]): RougeScore {
  const m = refLines.reduce((a, s) => a + s.length, 0);
  const n = canLines.reduce((a, s) => a + s.length, 0);
  if (!refLines.length || !canLines.length || !m || !n) return { precision: 0, recall: 0, fmeasure: 0 };
  const cntR = new Map<string, number>();
  const cntC = new Map<string, number>();
  for (const s of refLines) for (const t of s) cntR.set(t, (cntR.get(t) ?? 0) + 1);
  for (const s of canLines) for (const t of s) cntC.set(t, (cntC.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of refLines) {
    const union = new Set<number>();
    for (const c of canLines) for (const idx of lcsIndices(r, c)) union.add(idx);
    for (const idx of [...union].sort((a, b) => a - b)) {
      const tok = r[idx]!;
      const a = cntC.get(tok) ?? 0;
      const b = cntR.get(tok) ?? 0;
      if (a > 0 && b > 0) {
        hits++;
        cntC.set(tok, a - 1);
        cntR.set(tok, b - 1);
      }
    }
  }
  return score(hits, n, m);
}

function lines(text: string, stem: boolean): string[][] {
  return text
    .split('\n')
    .filter((s) => s.length > 0)
    .map((s) => tokenizeRouge(s, stem));
}

/**
 * Score one candidate against one reference.
 * @example scoreRouge('the cat sat', 'the cat sat down').rouge1.fmeasure
 */
export function scoreRouge(reference: string, candidate: string, opts: RougeOptions = {}): RougeScores {
  const stem = opts.stem ?? false;
  const r = tokenizeRouge(reference, stem);
  const c = tokenizeRouge(candidate, stem);
  return {
    rouge1: rougeN(r, c, 1),
    rouge2: rougeN(r, c, 2),
    rougeLsum: rougeLsumTokens(lines(reference, stem), lines(candidate, stem)),
  };
}

export interface CorpusRouge {
  /** Mean per-document F-measure × 100, as ACI-Bench reports (`use_aggregator=False`, then mean). */
  rouge1: number;
  rouge2: number;
  rougeLsum: number;
  n: number;
}

/** Corpus score: the mean of per-document F-measures, times 100. */
export function scoreRougeCorpus(
  pairs: readonly { reference: string; candidate: string }[],
  opts: RougeOptions = {},
): CorpusRouge {
  let r1 = 0;
  let r2 = 0;
  let rl = 0;
  for (const p of pairs) {
    const s = scoreRouge(p.reference, p.candidate, opts);
    r1 += s.rouge1.fmeasure;
    r2 += s.rouge2.fmeasure;
    rl += s.rougeLsum.fmeasure;
  }
  const n = pairs.length;
  const mean = (x: number): number => (n ? (100 * x) / n : 0);
  return { rouge1: mean(r1), rouge2: mean(r2), rougeLsum: mean(rl), n };
}
