/**
 * Exact-span errors on the PhysioNet **development** split only (patients 1–82): gold spans that a
 * system span overlaps but does not match exactly, with both spans shown. The held-out split is
 * deliberately not reachable from this script.
 *
 * Run: npx tsx bench/deid-dev-spans.ts [--limit 200]
 */
import { detectPhi, createPhiMemory, type PhiMemory } from '@galen/deid';
import { loadPhysionetDeid, physionetAvailable } from '@galen/eval/deid-physionet';

if (!physionetAvailable()) {
  console.log('physionet-deid data not found under ../shared/data; nothing to list');
  process.exit(0);
}
const limit = Number(process.argv[process.argv.indexOf('--limit') + 1]) || 200;
const notes = loadPhysionetDeid(undefined, 'dev');
const memories = new Map<string, PhiMemory>();
const memory = (pid: string) => {
  let m = memories.get(pid);
  if (!m) memories.set(pid, (m = createPhiMemory()));
  return m;
};
for (const n of notes) detectPhi(n.text, { years: true, memory: memory(n.patientId) });
const byType = new Map<string, number>();
let shown = 0;
for (const n of notes) {
  const sys = detectPhi(n.text, { years: true, memory: memory(n.patientId) });
  for (const g of n.gold) {
    if (sys.some((s) => s.start === g.start && s.end === g.end)) continue;
    const over = sys.filter((s) => s.start <= g.end && g.start <= s.end);
    if (!over.length) continue;
    byType.set(g.type, (byType.get(g.type) ?? 0) + 1);
    if (shown++ >= limit) continue;
    const lo = Math.min(g.start, ...over.map((s) => s.start));
    const hi = Math.max(g.end, ...over.map((s) => s.end));
    const ctx = n.text.slice(Math.max(0, lo - 25), hi + 25).replace(/\s+/g, ' ');
    console.log(
      `${g.type.padEnd(18)} gold [${n.text.slice(g.start, g.end)}]  system ${over.map((s) => `[${n.text.slice(s.start, s.end)}] ${s.type}/${s.source}`).join(' + ')}  | ${ctx}`,
    );
  }
}
console.log(`partial-span errors by gold type: ${[...byType.entries()].map(([t, k]) => `${t} ${k}`).join(', ')}`);
