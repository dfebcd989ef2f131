/**
 * Generator throughput on one core: patients/s for office-only and for inpatient patients (hourly
 * vitals), with and without serialising bundles to JSON.
 * Run: npx tsx bench/synth-generate.ts [officeCount] [inpatientCount]
 */
import { generatePatients, type GenerateOptions } from '@galen/synth';

function measure(label: string, options: GenerateOptions): void {
  // Warm up the JIT on a different seed.
  for (const _ of generatePatients({ ...options, count: Math.min(200, options.count), seed: 'warmup' }));
  let resources = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (const p of generatePatients(options)) resources += p.bundle.entry?.length ?? 0;
  const gen = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (const p of generatePatients(options)) bytes += JSON.stringify(p.bundle).length + JSON.stringify(p.labels).length;
  const withJson = (performance.now() - t1) / 1000;
  console.log(
    `${label.padEnd(12)} ${options.count} patients  ${(options.count / gen).toFixed(0)} patients/s (${(resources / gen).toFixed(0)} resources/s, ${(resources / options.count).toFixed(1)} resources/patient)  with JSON: ${(options.count / withJson).toFixed(0)} patients/s, ${(bytes / options.count / 1024).toFixed(1)} KiB/patient`,
  );
}

const office = Number(process.argv[2] ?? 5000);
const inpatient = Number(process.argv[3] ?? 200);
measure('office-only', { count: office, seed: 1, officeOnly: true });
measure('office, no notes', { count: office, seed: 1, officeOnly: true, notes: false });
measure('inpatient', { count: inpatient, seed: 1, inpatientShare: 1 });
