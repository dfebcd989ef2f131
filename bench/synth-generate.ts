/**
 * Generator throughput on one core: patients/s for office-only and for inpatient patients (hourly
 * vitals), with and without serialising bundles to JSON. Rates are per CPU-second of this process
 * (`process.cpuUsage`), i.e. per core, so that a busy shared machine does not distort them.
 * Run: npx tsx bench/synth-generate.ts [officeCount] [inpatientCount]
 */
import { generatePatients, type GenerateOptions } from '@galen/synth';

/** CPU seconds used by this process (user + system): on a shared machine, per-core throughput. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function measure(label: string, options: GenerateOptions): void {
  // Warm up the JIT on a different seed.
  for (const _ of generatePatients({ ...options, count: Math.min(200, options.count), seed: 'warmup' }));
  let resources = 0;
  let bytes = 0;
  const t0 = cpu();
  const w0 = performance.now();
  for (const p of generatePatients(options)) resources += p.bundle.entry?.length ?? 0;
  const gen = cpu() - t0;
  const wall = (performance.now() - w0) / 1000;
  const t1 = cpu();
  for (const p of generatePatients(options)) bytes += JSON.stringify(p.bundle).length + JSON.stringify(p.labels).length;
  const withJson = cpu() - t1;
  console.log(
    `${label.padEnd(12)} ${options.count} patients  ${(options.count / gen).toFixed(0)} patients/s (${(resources / gen).toFixed(0)} resources/s, ${(resources / options.count).toFixed(1)} resources/patient)  with JSON: ${(options.count / withJson).toFixed(0)} patients/s, ${(bytes / options.count / 1024).toFixed(1)} KiB/patient; wall-clock ${(options.count / wall).toFixed(0)} patients/s`,
  );
}

const office = Number(process.argv[2] ?? 5000);
const inpatient = Number(process.argv[3] ?? 200);
measure('office-only', { count: office, seed: 1, officeOnly: true });
measure('office, no notes', { count: office, seed: 1, officeOnly: true, notes: false });
measure('inpatient', { count: inpatient, seed: 1, inpatientShare: 1 });
