/**
 * Throughput of PHI detection and de-identification on the PhysioNet deid notes, one core.
 * Run: npx tsx bench/deid-throughput.ts [--rounds 3]
 * The PhysioNet Perl tool does about 6.5 notes/s (5.7 KB/s) on these machines.
 */
import { detectPhi, deidentifyText, createPhiMemory } from '@galen/deid';
import { loadPhysionetDeid, physionetAvailable } from '@galen/eval/deid-physionet';

if (!physionetAvailable()) {
  console.log('physionet-deid data not found under ../shared/data; nothing to measure');
  process.exit(0);
}
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const notes = loadPhysionetDeid();
const bytes = notes.reduce((n, x) => n + Buffer.byteLength(x.text), 0);
const key = Buffer.alloc(32, 42); // a fixed benchmark key, never used for real data

function measure(label: string, f: () => void) {
  f(); // warm-up (dictionaries, JIT)
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  const perl = 6.5;
  console.log(
    `${label.padEnd(22)} ${notes.length} notes, ${(bytes / 1e6).toFixed(2)} MB in ${best.toFixed(2)} s: ${(notes.length / best).toFixed(0)} notes/s, ${(bytes / 1e6 / best).toFixed(2)} MB/s (${(notes.length / best / perl).toFixed(0)}x the Perl tool)`,
  );
}

measure('detectPhi', () => {
  for (const n of notes) detectPhi(n.text, { years: true });
});
measure('deidentifyText redact', () => {
  for (const n of notes) deidentifyText(n.text, { mode: 'redact' });
});
measure('deidentifyText surrogate', () => {
  const mem = new Map<string, ReturnType<typeof createPhiMemory>>();
  for (const n of notes) {
    let m = mem.get(n.patientId);
    if (!m) mem.set(n.patientId, (m = createPhiMemory()));
    deidentifyText(n.text, { mode: 'surrogate', key, patientId: n.patientId, memory: m });
  }
});
