/**
 * Sweep offline-engine options on ACI-Bench **valid** (the tuning split; no test split is read).
 * Each argument is one option set as JSON:
 *   npx tsx bench/scribe-sweep.ts '{"maxWords":560}' '{"maxWords":680}' '{"threshold":{"subjective":0.3}}'
 */
import { loadAciBench } from '@galen/eval/aci-bench';
import { scoreRougeCorpus } from '@galen/eval/rouge';
import { parseAciTranscript } from '@galen/scribe/transcript/parse';
import { draftOffline, type OfflineOptions } from '@galen/scribe/engines/offline/engine';
import { renderDraftText } from '@galen/scribe/note';

const encs = loadAciBench('valid');
for (const arg of process.argv.slice(2)) {
  const opts = JSON.parse(arg) as OfflineOptions;
  const pairs = encs.map((e) => ({
    reference: e.note,
    candidate: renderDraftText(draftOffline(parseAciTranscript(e.dialogue), opts)),
  }));
  const r = scoreRougeCorpus(pairs);
  console.log(
    JSON.stringify({ opts: arg, rouge1: +r.rouge1.toFixed(2), rouge2: +r.rouge2.toFixed(2), rougeLsum: +r.rougeLsum.toFixed(2) }),
  );
}
