/**
 * Gradient-boosted decision trees for binary outcomes (logistic loss), written for Galen:
 * histogram-based split finding (features binned into ≤ 255 quantile bins, missing values in
 * their own bin with a learned default direction), leaf-wise growth with depth and leaf limits,
 * L2-regularised leaf values, row and column subsampling with a seeded RNG.
 * Training needs only typed arrays; prediction needs only the JSON model.
 * Method: Friedman JH, Ann Stat 2001;29:1189-232; second-order split gain as in Chen & Guestrin,
 * KDD 2016; histogram binning as in Ke et al., NeurIPS 2017.
 */
import { mulberry32 } from '@galen/fhir';

/** A tree in flat arrays; node 0 is the root. `feature[i] < 0` marks a leaf holding `value[i]`. */
export interface GbtTree {
  feature: number[];
  /** Go left when x ≤ threshold. */
  threshold: number[];
  /** 1: a missing value goes left. */
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface GbtModel {
  format: 'galen-gbt';
  version: string;
  features: string[];
  /** Raw score before the first tree (log-odds). */
  base: number;
  trees: GbtTree[];
  /** Anything the trainer wants to record (params, data, metrics). */
  meta?: Record<string, unknown>;
}

/** Raw log-odds for one row (`x[offset + j]` is feature j). */
export function predictRaw(model: GbtModel, x: ArrayLike<number>, offset = 0): number {
  let s = model.base;
  for (const t of model.trees) {
    let i = 0;
    while (t.feature[i]! >= 0) {
      const v = x[offset + t.feature[i]!]!;
      i = v !== v ? (t.missingLeft[i] ? t.left[i]! : t.right[i]!) : v <= t.threshold[i]! ? t.left[i]! : t.right[i]!;
    }
    s += t.value[i]!;
  }
  return s;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * A model's trees laid out in flat typed arrays (every tree's nodes back to back; child indices
 * absolute), for the live prediction path. Thresholds and leaf values are stored as float64, so a
 * walk takes exactly the branches `predictRaw` takes and sums the same leaf values in the same order.
 */
export interface CompiledGbt {
  base: number;
  nTrees: number;
  /** Root node of tree `t`. */
  roots: Int32Array;
  /** Feature index per node; negative at a leaf. */
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

/** Lay a model out for fast prediction (see `CompiledGbt`). */
export function compileGbt(model: GbtModel): CompiledGbt {
  const T = model.trees.length;
  let total = 0;
  for (const t of model.trees) total += t.feature.length;
  const c: CompiledGbt = {
    base: model.base,
    nTrees: T,
    roots: new Int32Array(T),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    missingLeft: new Uint8Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float64Array(total),
  };
  let o = 0;
  model.trees.forEach((t, k) => {
    c.roots[k] = o;
    for (let i = 0; i < t.feature.length; i++) {
      c.feature[o + i] = t.feature[i]!;
      c.threshold[o + i] = t.threshold[i]!;
      c.missingLeft[o + i] = t.missingLeft[i] ? 1 : 0;
      c.left[o + i] = o + t.left[i]!;
      c.right[o + i] = o + t.right[i]!;
      c.value[o + i] = t.value[i]!;
    }
    o += t.feature.length;
  });
  return c;
}

/** The leaf node tree `t` sends row `x` (at `offset`) to. */
export function leafOf(c: CompiledGbt, t: number, x: ArrayLike<number>, offset = 0): number {
  const { feature, threshold, missingLeft, left, right } = c;
  let i = c.roots[t]!;
  for (let f = feature[i]!; f >= 0; f = feature[i]!) {
    const v = x[offset + f]!;
    i = v !== v ? (missingLeft[i] ? left[i]! : right[i]!) : v <= threshold[i]! ? left[i]! : right[i]!;
  }
  return i;
}

/** Raw log-odds for one row with a compiled model; identical to `predictRaw` on the model it came from. */
export function predictCompiled(c: CompiledGbt, x: ArrayLike<number>, offset = 0): number {
  let s = c.base;
  for (let t = 0; t < c.nTrees; t++) s += c.value[leafOf(c, t, x, offset)]!;
  return s;
}

/** Probabilities for `n` rows of a row-major matrix with `model.features.length` columns. */
export function predictMatrix(model: GbtModel, x: Float32Array, n: number): Float64Array {
  const F = model.features.length;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = sigmoid(predictRaw(model, x, r * F));
  return out;
}

// ---------------------------------------------------------------- training

export interface GbtParams {
  trees: number;
  learningRate: number;
  maxLeaves: number;
  maxDepth: number;
  minChildWeight: number;
  minChildSamples: number;
  lambda: number;
  /** Fraction of rows per tree. */
  subsample: number;
  /** Fraction of features per tree. */
  colsample: number;
  maxBins: number;
  seed: number;
}

export const DEFAULT_GBT: GbtParams = {
  trees: 300,
  learningRate: 0.05,
  maxLeaves: 31,
  maxDepth: 8,
  minChildWeight: 1,
  minChildSamples: 50,
  lambda: 1,
  subsample: 0.5,
  colsample: 0.6,
  maxBins: 64,
  seed: 42,
};

/** The seeded PRNG of deterministic training (mulberry32). */
export const rng = mulberry32;

export interface Binned {
  n: number;
  F: number;
  /** n × F, bin per cell; `missingBin` (= 255) for NaN. */
  bins: Uint8Array;
  /** Per feature: upper edges; bin b holds x ≤ edges[b] (last bin: above all edges). */
  edges: Float64Array[];
}

const MISSING = 255;

/** Quantile bin edges per feature from (a sample of) rows. */
export function binMatrix(x: Float32Array, n: number, F: number, maxBins: number, random: () => number): Binned {
  const edges: Float64Array[] = [];
  const sampleN = Math.min(n, 50_000);
  const idx = Array.from({ length: sampleN }, () => Math.floor(random() * n));
  for (let j = 0; j < F; j++) {
    const vals: number[] = [];
    for (const r of idx) {
      const v = x[r * F + j]!;
      if (v === v) vals.push(v);
    }
    vals.sort((a, b) => a - b);
    const e: number[] = [];
    for (let b = 1; b < maxBins; b++) {
      const q = vals[Math.floor((b / maxBins) * vals.length)];
      if (q === undefined) break;
      if (!e.length || q > e[e.length - 1]!) e.push(q);
    }
    // Midpoints between the edge and the next distinct value would generalise slightly better;
    // x ≤ edge is exact for the values seen.
    edges.push(Float64Array.from(e));
  }
  return { n, F, bins: applyBins(x, n, F, edges), edges };
}

export function applyBins(x: Float32Array, n: number, F: number, edges: Float64Array[]): Uint8Array {
  const bins = new Uint8Array(n * F);
  for (let j = 0; j < F; j++) {
    const e = edges[j]!;
    for (let r = 0; r < n; r++) {
      const v = x[r * F + j]!;
      if (v !== v) {
        bins[r * F + j] = MISSING;
        continue;
      }
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= e[mid]!) hi = mid;
        else lo = mid + 1;
      }
      bins[r * F + j] = lo;
    }
  }
  return bins;
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
  gl: number;
  hl: number;
  cl: number;
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array;
  split?: Split;
}

/**
 * Train on binned rows. `onTree(k, addTree)` is called after each tree (for validation
 * tracking); return false from it to stop early.
 */
export function trainGbt(
  data: Binned,
  y: Uint8Array,
  featureNames: string[],
  params: Partial<GbtParams> = {},
  onTree?: (k: number, tree: GbtTree) => boolean | void,
): GbtModel {
  const p = { ...DEFAULT_GBT, ...params };
  const { n, F, bins, edges } = data;
  const random = rng(p.seed);
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const prior = Math.min(Math.max(pos / n, 1e-6), 1 - 1e-6);
  const base = Math.log(prior / (1 - prior));
  const raw = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const B = 256;
  const HS = F * B * 3;
  const rows = new Int32Array(n);
  const trees: GbtTree[] = [];
  const model: GbtModel = { format: 'galen-gbt', version: '1', features: featureNames, base, trees };

  for (let k = 0; k < p.trees; k++) {
    for (let i = 0; i < n; i++) {
      const pr = 1 / (1 + Math.exp(-raw[i]!));
      grad[i] = pr - y[i]!;
      hess[i] = Math.max(pr * (1 - pr), 1e-12);
    }
    let m = 0;
    for (let i = 0; i < n; i++) if (random() < p.subsample) rows[m++] = i;
    const feats: number[] = [];
    for (let j = 0; j < F; j++) if (random() < p.colsample) feats.push(j);
    if (!feats.length) feats.push(Math.floor(random() * F));

    const tree: GbtTree = { feature: [-1], threshold: [0], missingLeft: [0], left: [-1], right: [-1], value: [0] };
    const splitBin: number[] = [0];
    const build = (start: number, end: number): Float64Array => {
      const hist = new Float64Array(HS);
      for (let a = start; a < end; a++) {
        const r = rows[a]!;
        const g = grad[r]!;
        const h = hess[r]!;
        const off = r * F;
        for (const j of feats) {
          const idx = (j * B + bins[off + j]!) * 3;
          hist[idx] = hist[idx]! + g;
          hist[idx + 1] = hist[idx + 1]! + h;
          hist[idx + 2] = hist[idx + 2]! + 1;
        }
      }
      return hist;
    };
    const score = (g: number, h: number) => (g * g) / (h + p.lambda);
    const best = (leaf: Leaf): Split | undefined => {
      if (leaf.depth >= p.maxDepth || leaf.end - leaf.start < 2 * p.minChildSamples) return undefined;
      let bestS: Split | undefined;
      const parent = score(leaf.g, leaf.h);
      const cnt = leaf.end - leaf.start;
      for (const j of feats) {
        const nb = edges[j]!.length + 1;
        const base3 = j * B * 3;
        const mg = leaf.hist[base3 + MISSING * 3]!;
        const mh = leaf.hist[base3 + MISSING * 3 + 1]!;
        const mc = leaf.hist[base3 + MISSING * 3 + 2]!;
        let gl = 0;
        let hl = 0;
        let cl = 0;
        for (let b = 0; b < nb - 1; b++) {
          gl += leaf.hist[base3 + b * 3]!;
          hl += leaf.hist[base3 + b * 3 + 1]!;
          cl += leaf.hist[base3 + b * 3 + 2]!;
          for (let ml = 0; ml < 2; ml++) {
            if (ml === 1 && mc === 0) break;
            const GL = gl + (ml ? mg : 0);
            const HL = hl + (ml ? mh : 0);
            const CL = cl + (ml ? mc : 0);
            const GR = leaf.g - GL;
            const HR = leaf.h - HL;
            const CR = cnt - CL;
            if (CL < p.minChildSamples || CR < p.minChildSamples || HL < p.minChildWeight || HR < p.minChildWeight) continue;
            const gain = score(GL, HL) + score(GR, HR) - parent;
            if (gain > 1e-9 && (!bestS || gain > bestS.gain))
              bestS = { gain, feature: j, bin: b, missingLeft: ml === 1, gl: GL, hl: HL, cl: CL };
          }
        }
        // Missing alone on one side.
        if (mc >= p.minChildSamples && cnt - mc >= p.minChildSamples) {
          const GR = leaf.g - mg;
          const HR = leaf.h - mh;
          if (mh >= p.minChildWeight && HR >= p.minChildWeight) {
            const gain = score(mg, mh) + score(GR, HR) - parent;
            if (gain > 1e-9 && (!bestS || gain > bestS.gain))
              bestS = { gain, feature: j, bin: -1, missingLeft: true, gl: mg, hl: mh, cl: mc };
          }
        }
      }
      return bestS;
    };

    let G = 0;
    let H = 0;
    for (let a = 0; a < m; a++) {
      G += grad[rows[a]!]!;
      H += hess[rows[a]!]!;
    }
    const root: Leaf = { node: 0, start: 0, end: m, depth: 0, g: G, h: H, hist: build(0, m) };
    root.split = best(root);
    const open: Leaf[] = [root];
    let leaves = 1;
    const finals: Leaf[] = [];
    while (open.length && leaves < p.maxLeaves) {
      let bi = -1;
      for (let i = 0; i < open.length; i++)
        if (open[i]!.split && (bi < 0 || open[i]!.split!.gain > open[bi]!.split!.gain)) bi = i;
      if (bi < 0) break;
      const leaf = open.splice(bi, 1)[0]!;
      const s = leaf.split!;
      // Partition rows[start, end) into left then right.
      let a = leaf.start;
      let b = leaf.end - 1;
      const goesLeft = (r: number) => {
        const v = bins[r * F + s.feature]!;
        return v === MISSING ? s.missingLeft : s.bin >= 0 && v <= s.bin;
      };
      while (a <= b) {
        if (goesLeft(rows[a]!)) a++;
        else {
          const t = rows[a]!;
          rows[a] = rows[b]!;
          rows[b] = t;
          b--;
        }
      }
      const mid = a;
      const li = tree.feature.length;
      const ri = li + 1;
      tree.feature.push(-1, -1);
      tree.threshold.push(0, 0);
      tree.missingLeft.push(0, 0);
      tree.left.push(-1, -1);
      tree.right.push(-1, -1);
      tree.value.push(0, 0);
      splitBin.push(0, 0);
      tree.feature[leaf.node] = s.feature;
      const e = edges[s.feature]!;
      tree.threshold[leaf.node] = s.bin >= 0 && s.bin < e.length ? e[s.bin]! : Number.MAX_VALUE;
      // A "missing only" split sends every non-missing value right.
      if (s.bin < 0) tree.threshold[leaf.node] = -Number.MAX_VALUE;
      splitBin[leaf.node] = s.bin;
      tree.missingLeft[leaf.node] = s.missingLeft ? 1 : 0;
      tree.left[leaf.node] = li;
      tree.right[leaf.node] = ri;
      const L: Leaf = {
        node: li,
        start: leaf.start,
        end: mid,
        depth: leaf.depth + 1,
        g: s.gl,
        h: s.hl,
        hist: new Float64Array(0),
      };
      const R: Leaf = {
        node: ri,
        start: mid,
        end: leaf.end,
        depth: leaf.depth + 1,
        g: leaf.g - s.gl,
        h: leaf.h - s.hl,
        hist: new Float64Array(0),
      };
      const small = L.end - L.start <= R.end - R.start ? L : R;
      const large = small === L ? R : L;
      small.hist = build(small.start, small.end);
      const lh = leaf.hist;
      for (let q = 0; q < HS; q++) lh[q] = lh[q]! - small.hist[q]!;
      large.hist = lh;
      L.split = best(L);
      R.split = best(R);
      open.push(L, R);
      leaves++;
    }
    finals.push(...open);
    for (const lf of finals) tree.value[lf.node] = (-lf.g / (lf.h + p.lambda)) * p.learningRate;
    // Update raw scores for all rows (not only the subsample).
    for (let i = 0; i < n; i++) {
      let node = 0;
      while (tree.feature[node]! >= 0) {
        const f = tree.feature[node]!;
        const v = bins[i * F + f]!;
        const sb = splitBin[node]!;
        const left = v === MISSING ? tree.missingLeft[node] === 1 : sb >= 0 && v <= sb;
        node = left ? tree.left[node]! : tree.right[node]!;
      }
      raw[i] = raw[i]! + tree.value[node]!;
    }
    trees.push(tree);
    if (onTree && onTree(k, tree) === false) break;
  }
  return model;
}

/** Round thresholds and values so the JSON stays small (float32 precision is ample). */
export function compactModel(m: GbtModel): GbtModel {
  const r = (x: number) => Number(x.toPrecision(7));
  // 9 significant digits round-trip a float32 exactly, so a value equal to an edge stays on its side.
  const rt = (x: number) => (Math.abs(x) >= 1e300 ? Math.sign(x) * 1e300 : Number(x.toPrecision(9)));
  return {
    ...m,
    base: r(m.base),
    trees: m.trees.map((t) => ({ ...t, threshold: t.threshold.map(rt), value: t.value.map(r) })),
  };
}
