/**
 * Learns the offline engine's sentence classifier (multinomial naive Bayes: sentence of a turn → note division or
 * "drop") from ACI-Bench **train** (Yim et al. 2023, CC BY 4.0; `../shared/data/aci-bench`).
 * Labels come from aligning each turn's content words with the reference note's divisions.
 * Valid is kept for tuning and test1 is never read. Writes packages/scribe/src/engines/offline/data/model.json.
 *
 *   npx tsx bench/scribe-train-offline.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { divideAciNote, loadAciBench } from '@galen/eval/aci-bench';
import { parseAciTranscript } from '@galen/scribe/transcript/parse';
import { contentWords, sentenceFeatures, splitRunOn, splitSentences } from '@galen/scribe/engines/offline/features';

const LABELS = ['drop', 'subjective', 'objective_exam', 'objective_results', 'assessment_and_plan'] as const;
type Label = (typeof LABELS)[number];

const counts = new Map<Label, Map<string, number>>(LABELS.map((l) => [l, new Map()]));
const prior = new Map<Label, number>(LABELS.map((l) => [l, 0]));

const encounters = loadAciBench('train');
for (const enc of encounters) {
  const divs = divideAciNote(enc.note);
  const sets = Object.fromEntries(Object.entries(divs).map(([k, v]) => [k, new Set(contentWords(v))])) as Record<
    Exclude<Label, 'drop'>,
    Set<string>
  >;
  const turns = parseAciTranscript(enc.dialogue).turns;
  turns.forEach((t, i) => {
    for (const sentence of splitSentences(t.text).flatMap(splitRunOn)) {
      const cw = contentWords(sentence);
      let label: Label = 'drop';
      if (cw.length >= 2) {
        let best = 0;
        for (const l of LABELS.slice(1) as Exclude<Label, 'drop'>[]) {
          const hit = cw.filter((w) => sets[l].has(w)).length / cw.length;
          if (hit > best) {
            best = hit;
            label = l;
          }
        }
        if (best < 0.5) label = 'drop';
      }
      prior.set(label, prior.get(label)! + 1);
      const c = counts.get(label)!;
      for (const f of sentenceFeatures(sentence, t, turns[i - 1], i / turns.length)) c.set(f, (c.get(f) ?? 0) + 1);
    }
  });
}

// Keep features seen at least 3 times overall so the model file stays small.
const total = new Map<string, number>();
for (const c of counts.values()) for (const [f, n] of c) total.set(f, (total.get(f) ?? 0) + n);
const vocab = [...total].filter(([, n]) => n >= 3).map(([f]) => f);
const model = {
  source: 'ACI-Bench train split (67 encounters), https://github.com/wyim/aci-bench, CC BY 4.0',
  labels: LABELS,
  prior: LABELS.map((l) => prior.get(l)!),
  vocab,
  counts: LABELS.map((l) => vocab.map((f) => counts.get(l)!.get(f) ?? 0)),
};
const out = fileURLToPath(new URL('../packages/scribe/src/engines/offline/data/model.json', import.meta.url));
writeFileSync(out, JSON.stringify(model));
console.log(`sentences by label: ${LABELS.map((l) => `${l}=${prior.get(l)}`).join(' ')}; vocab ${vocab.length}; wrote ${out}`);
