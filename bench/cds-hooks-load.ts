/**
 * Load test: CDS Hooks `patient-view` on loopback. The server (Fastify + cdsHooksPlugin + an
 * in-memory PGlite store with seeded patients) runs in a worker thread so the load generator does
 * not share its event loop. Open-loop: requests are sent at a fixed rate regardless of replies.
 *
 *   npx tsx bench/cds-hooks-load.ts [--rate 500] [--seconds 15] [--mode store|prefetch] [--patients 50]
 *
 * `store`: no prefetch, the service reads the patient, observations, conditions and medications
 * from Galen's store on every call. `prefetch`: the EHR sends everything (the usual CDS Hooks case).
 */
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';

interface Init {
  patients: number;
}

function vitals(pid: string, i: number, now: number) {
  const loincs: Array<[string, number, string]> = [
    ['9279-1', 14 + (i % 15), '/min'],
    ['59408-5', 90 + (i % 9), '%'],
    ['8480-6', 90 + (i % 50), 'mm[Hg]'],
    ['8867-4', 70 + (i % 60), '/min'],
    ['8310-5', 36.5 + (i % 4) * 0.6, 'Cel'],
    ['9269-2', 15 - (i % 3), '{score}'],
    ['3150-0', 21, '%'],
  ];
  const out = [];
  for (let h = 0; h < 24; h++)
    for (const [code, v, unit] of loincs)
      out.push({
        resourceType: 'Observation',
        id: `${pid}-${code}-${h}`,
        status: 'final',
        subject: { reference: `Patient/${pid}` },
        code: { coding: [{ system: 'http://loinc.org', code }] },
        effectiveDateTime: new Date(now - (24 - h) * 3600_000).toISOString(),
        valueQuantity: { value: v + ((h * 7) % 3) - 1, unit, code: unit },
      });
  return out;
}

async function server(init: Init): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const { openStore } = await import('@galen/store');
  const { loadConfig, silentLogger } = await import('@galen/operations');
  const { cdsHooksPlugin } = await import('../packages/server/src/cds-hooks/index');
  const store = await openStore({ dataDir: 'memory://', jobs: false });
  const key = (await store.keys.create({ name: 'load', role: 'service' })).key;
  const now = Date.now();
  for (let i = 0; i < init.patients; i++) {
    const pid = `lp${i}`;
    await store.fhir.update({
      resourceType: 'Patient',
      id: pid,
      gender: i % 2 ? 'male' : 'female',
      birthDate: `${1940 + (i % 50)}-01-01`,
    });
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: vitals(pid, i, now).map((resource) => ({ resource, request: { method: 'PUT', url: `Observation/${resource.id}` } })),
    };
    await store.fhir.transaction(bundle as never);
  }
  const app = Fastify({ logger: false });
  await app.register(cdsHooksPlugin, {
    services: { store, config: loadConfig({ GALEN_DEMO: '0' }), log: silentLogger, get: () => Promise.reject(new Error('none')) },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  parentPort!.postMessage({
    url,
    key,
    samples: Object.fromEntries([...Array(init.patients).keys()].map((i) => [`lp${i}`, vitals(`lp${i}`, i, now)])),
  });
  parentPort!.on('message', async (m) => {
    if (m === 'stop') {
      await app.close();
      await store.close();
      process.exit(0);
    }
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '500' },
      seconds: { type: 'string', default: '15' },
      mode: { type: 'string', default: 'store' },
      patients: { type: 'string', default: '50' },
    },
  });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const patients = Number(values.patients);
  // The worker registers tsx itself, then loads this file (its `else` branch runs the server).
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { patients } satisfies Init });
  const ready = await new Promise<{ url: string; key: string; samples: Record<string, unknown[]> }>((res, rej) => {
    worker.once('message', res);
    worker.once('error', rej);
  });
  const endpoint = `${ready.url}/cds-services/galen-early-warning`;
  const body = (i: number) => {
    const pid = `lp${i % patients}`;
    const b: Record<string, unknown> = {
      hook: 'patient-view',
      hookInstance: randomUUID(),
      context: { userId: 'Practitioner/load', patientId: pid },
    };
    if (values.mode === 'prefetch') {
      b.prefetch = {
        patient: { resourceType: 'Patient', id: pid, gender: i % 2 ? 'male' : 'female', birthDate: '1960-01-01' },
        observations: { resourceType: 'Bundle', type: 'searchset', entry: ready.samples[pid]!.map((resource) => ({ resource })) },
        conditions: null,
        medications: null,
      };
    }
    return JSON.stringify(b);
  };
  const send = async (i: number) => {
    const t0 = performance.now();
    const r = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ready.key}` },
      body: body(i),
    });
    await r.arrayBuffer();
    return { ms: performance.now() - t0, ok: r.ok };
  };
  // Warm-up (JIT, first persistence of each patient).
  const w0 = performance.now();
  for (let i = 0; i < patients * 2; i++) {
    const r = await send(i);
    if (!r.ok && i < 3) console.error('warm-up request failed');
  }
  console.error(
    `warm-up: ${patients * 2} sequential requests, mean ${((performance.now() - w0) / (patients * 2)).toFixed(1)} ms`,
  );
  const lat: number[] = [];
  let errors = 0;
  const total = rate * seconds;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      send(i).then(
        (x) => {
          lat.push(x.ms);
          if (!x.ok) errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
  const result = {
    mode: values.mode,
    targetRate: rate,
    achievedRate: Math.round(lat.length / elapsed),
    requests: lat.length,
    errors,
    p50: +q(0.5).toFixed(1),
    p90: +q(0.9).toFixed(1),
    p99: +q(0.99).toFixed(1),
    max: +lat[lat.length - 1]!.toFixed(1),
  };
  console.log(JSON.stringify(result));
  worker.postMessage('stop');
  await new Promise((r) => worker.once('exit', r));
}

if (isMainThread) await main();
else await server(workerData as Init);
