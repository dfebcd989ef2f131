/**
 * Throughput of the full NLP pipeline (starter lexicon) on one core over the MTSamples subset and
 * the PhysioNet deid nursing notes. Prints notes/s and MB/s (MB = 10^6 UTF-16 characters ≈ bytes
 * for this ASCII text).
 *   npx tsx bench/nlp-throughput.ts [--rounds 3]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPipeline, defaultIndex } from '@galen/nlp';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;

/** Minimal RFC 4180 CSV: the `transcription` column of mtsamples_subset.csv. */
function mtsamples(): string[] {
  const path = `${data}mtsamples/mtsamples_subset.csv`;
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const col = rows[0]?.indexOf('transcription') ?? -1;
  return rows
    .slice(1)
    .map((r) => r[col] ?? '')
    .filter(Boolean);
}

function nursingNotes(): string[] {
  const path = `${data}physionet-deid/id.text`;
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split(/START_OF_RECORD=[^\n]*\n/)
    .map((s) => s.replace(/\|\|\|\|END_OF_RECORD\s*$/, ''))
    .filter((s) => s.trim());
}

const t0 = performance.now();
const pipeline = createPipeline(defaultIndex());
console.log(`pipeline built in ${(performance.now() - t0).toFixed(0)} ms (${pipeline.matcher.names} names)`);

for (const [name, notes] of [
  ['mtsamples', mtsamples()],
  ['physionet-deid nursing', nursingNotes()],
] as const) {
  if (!notes.length) {
    console.log(`${name}: data not found, skipped`);
    continue;
  }
  const chars = notes.reduce((a, n) => a + n.length, 0);
  for (const n of notes.slice(0, 50)) pipeline.extract(n); // warm-up
  // CPU time of this process (user + system) as well as wall time: the machine may be shared.
  let bestWall = Infinity;
  let bestCpu = Infinity;
  let mentions = 0;
  for (let r = 0; r < rounds; r++) {
    const w = performance.now();
    const c = process.cpuUsage();
    mentions = 0;
    for (const n of notes) mentions += pipeline.extract(n).mentions.length;
    const cpu = process.cpuUsage(c);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
    bestWall = Math.min(bestWall, performance.now() - w);
  }
  const rate = (ms: number) =>
    `${(notes.length / (ms / 1000)).toFixed(0)} notes/s, ${(chars / 1e6 / (ms / 1000)).toFixed(2)} MB/s`;
  console.log(
    `${name}: ${notes.length} notes, ${(chars / 1e6).toFixed(2)} MB, ${mentions} mentions; best of ${rounds}: ` +
      `CPU ${rate(bestCpu)}; wall ${rate(bestWall)}`,
  );
}
