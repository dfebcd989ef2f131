/**
 * Offline scribe engine on ACI-Bench: ROUGE (as the official scorer) and latency per encounter.
 *   taskset -c 0 npx tsx bench/scribe-aci.ts [split=valid]   (one core)
 * Never tune on test1: use valid for development, run test1 once.
 */
import { loadAciBench } from '@galen/eval/aci-bench';
import { scoreRougeCorpus } from '@galen/eval/rouge';
import { parseAciTranscript } from '@galen/scribe/transcript/parse';
import { draftOffline } from '@galen/scribe/engines/offline/engine';
import { renderDraftText } from '@galen/scribe/note';

const split = process.argv[2] ?? 'valid';
const encs = loadAciBench(split);
// Warm-up: the classifier's tables are compiled on first use (once per process).
draftOffline(parseAciTranscript('[doctor] any chest pain ?\n[patient] no .'));
const pairs: { reference: string; candidate: string }[] = [];
const ms: number[] = [];
const cpu: number[] = [];
for (const e of encs) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const d = draftOffline(parseAciTranscript(e.dialogue));
  const text = renderDraftText(d);
  ms.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  pairs.push({ reference: e.note, candidate: text });
}
const r = scoreRougeCorpus(pairs);
ms.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    split,
    n: r.n,
    rouge1: +r.rouge1.toFixed(2),
    rouge2: +r.rouge2.toFixed(2),
    rougeLsum: +r.rougeLsum.toFixed(2),
    meanWords: Math.round(pairs.reduce((a, p) => a + p.candidate.split(/\s+/).length, 0) / pairs.length),
    msMedian: +ms[Math.floor(ms.length / 2)]!.toFixed(1),
    msP95: +ms[Math.floor(ms.length * 0.95)]!.toFixed(1),
    msMax: +ms[ms.length - 1]!.toFixed(1),
    // CPU time of this process (user + system): robust to other jobs on a shared machine.
    cpuMsMedian: +cpu[Math.floor(cpu.length / 2)]!.toFixed(1),
    cpuMsMax: +cpu[cpu.length - 1]!.toFixed(1),
  }),
);
