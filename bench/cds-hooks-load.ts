/**
 * Load test: CDS Hooks `patient-view` on loopback. The server (Fastify + cdsHooksPlugin + an
 * in-memory PGlite store with seeded patients) runs in a worker thread so the load generator does
 * not share its event loop. Open-loop: requests are sent at a fixed rate regardless of replies.
 *
 *   npx tsx bench/cds-hooks-load.ts [--rate 500] [--seconds 15] [--mode store|prefetch] [--patients 50] [--threads N]
 *     [--warmup 2000] [--sequential 1000] [--profile DIR] [--young-mb 96] [--heap-tuning serve|off]
 *     [--app plugin|full] [--log-level info] | --stages
 *
 * `store`: no prefetch, the service reads the patient, observations, conditions and medications
 * from Galen's store on every call. `prefetch`: the EHR sends everything (the usual CDS Hooks case).
 * `--threads`: the plugin's scoring workers (default: the plugin's default; 0 scores on the HTTP thread).
 * `--young-mb`: the server thread's young generation, as `npm start` sets it for the server (0: V8's default).
 * `--heap-tuning`: `serve` (default) applies `galen serve`'s GC settings (`tuneHeapForServing`); `off` leaves V8's.
 * `--app full`: the server is `createApp` as `galen serve` builds it (auth hooks, every route, request logs at
 * `--log-level` written to this process's stdout: pipe it through `tail -1` for the figures), instead of the plugin alone.
 * The generator writes HTTP/1.1 on 64 raw keep-alive sockets with bodies serialised once per patient
 * (a fresh `hookInstance` is spliced into each), so it costs the shared cores as little as it can;
 * every request still carries the full prefetch. Besides latency it prints how busy the server's threads
 * were (event-loop utilisation), the HTTP thread's longest stall, the load average, and CPU per request
 * of each thread (from /proc: client, HTTP thread, busiest other = the scoring worker, the rest), both
 * under load and one request at a time (`--sequential` requests after the load; `--seconds 0` skips
 * the load). `--profile DIR` writes a CPU profile of the HTTP thread per measured phase; `--stages`
 * times each stage of one call in process instead.
 */
import { parseArgs } from 'node:util';
import { connect, type Socket } from 'node:net';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** CPU ms (user + system) of every thread of this process, from /proc (Linux; empty elsewhere). */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(tid, ((Number(f[11]) + Number(f[12])) * 1000) / 100); // utime, stime in 1/100 s ticks
      } catch {
        // the thread ended
      }
    }
  } catch {
    // not Linux
  }
  return out;
}

/** Per-thread CPU ms per request between two snapshots: client (main), HTTP thread, busiest other (scoring worker), rest. */
function perThread(a: Map<string, number>, b: Map<string, number>, httpTid: string, n: number) {
  const main = String(process.pid);
  const d = [...b].map(([tid, ms]) => [tid, ms - (a.get(tid) ?? 0)] as const);
  const others = d.filter(([tid]) => tid !== main && tid !== httpTid).sort((x, y) => y[1] - x[1]);
  const per = (ms: number) => +(ms / n).toFixed(2);
  return {
    client: per(d.find(([t]) => t === main)?.[1] ?? 0),
    http: per(d.find(([t]) => t === httpTid)?.[1] ?? 0),
    busiestOther: per(others[0]?.[1] ?? 0),
    rest: per(others.slice(1).reduce((s, [, ms]) => s + ms, 0)),
    restByThread: others
      .slice(1)
      .filter(([, ms]) => ms / n >= 0.01)
      .map(([, ms]) => per(ms)),
  };
}

interface Init {
  patients: number;
  /** Apply `galen serve`'s GC settings in the server thread. */
  heapTuning: boolean;
  /** `plugin`: Fastify + the CDS Hooks plugin + a store; `full`: `createApp` as `galen serve` runs it. */
  app: 'plugin' | 'full';
  /** The full app's log level (request logs go to this process's stdout). */
  logLevel: string;
  threads?: number;
  /** Write a CPU profile of the HTTP thread per measured phase into this folder. */
  profile?: string;
}

/** A V8 CPU profiler for this thread (inspector session), started and stopped around a phase. */
async function startProfiler() {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  let n = 0;
  return {
    start: () => session.post('Profiler.start'),
    async stop(dir: string) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${dir}/http-thread-${++n}.cpuprofile`, JSON.stringify(profile));
    },
  };
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

/** The server under test: the CDS Hooks plugin alone, or the whole Galen app as `galen serve` builds it. */
async function startServer(init: Init) {
  const { loadConfig, silentLogger } = await import('@galen/operations');
  if (init.app === 'full') {
    const { createApp } = await import('../packages/server/src/app');
    const config = loadConfig({ GALEN_DATA_DIR: 'memory://', GALEN_DEMO: '0', GALEN_LOG_LEVEL: init.logLevel });
    const galen = await createApp(config);
    return { store: galen.store, listen: () => galen.listen(0, '127.0.0.1'), close: () => galen.close() };
  }
  const { default: Fastify } = await import('fastify');
  const { openStore } = await import('@galen/store');
  const { galenMigrations } = await import('../packages/server/src/migrations');
  const { cdsHooksPlugin } = await import('../packages/server/src/cds-hooks/index');
  const store = await openStore({ dataDir: 'memory://', jobs: false, migrations: galenMigrations });
  const app = Fastify({ logger: false });
  await app.register(cdsHooksPlugin, {
    services: { store, config: loadConfig({ GALEN_DEMO: '0' }), log: silentLogger, get: () => Promise.reject(new Error('none')) },
    ...(init.threads !== undefined ? { scoreThreads: init.threads } : {}),
  });
  return {
    store,
    listen: () => app.listen({ port: 0, host: '127.0.0.1' }),
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

async function server(init: Init): Promise<void> {
  if (init.heapTuning) (await import('../packages/server/src/heap')).tuneHeapForServing();
  const { store, listen, close } = await startServer(init);
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
  const url = await listen();
  let tid = '';
  try {
    tid = readlinkSync('/proc/thread-self').split('/').pop()!;
  } catch {
    // not Linux
  }
  parentPort!.postMessage({
    url,
    key,
    tid,
    samples: Object.fromEntries([...Array(init.patients).keys()].map((i) => [`lp${i}`, vitals(`lp${i}`, i, now)])),
  });
  let elu = performance.eventLoopUtilization();
  // Stalls of the HTTP thread (the longest time a ready timer waited), per measured phase.
  let delay = monitorEventLoopDelay({ resolution: 2 });
  const profiler = init.profile ? await startProfiler() : undefined;
  parentPort!.on('message', async (m) => {
    if (m === 'mark') {
      elu = performance.eventLoopUtilization();
      delay.disable();
      delay = monitorEventLoopDelay({ resolution: 2 });
      delay.enable();
      await profiler?.start();
    }
    if (m === 'elu') {
      await profiler?.stop(init.profile!);
      const e = performance.eventLoopUtilization(elu);
      delay.disable();
      parentPort!.postMessage({
        activeMs: e.active,
        utilization: e.utilization,
        stallMaxMs: delay.max / 1e6,
        stallP99Ms: delay.percentile(99) / 1e6,
      });
    }
    if (m === 'stop') {
      await close();
      process.exit(0);
    }
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '500' },
      seconds: { type: 'string', default: '15' },
      sequential: { type: 'string', default: '1000' },
      warmup: { type: 'string', default: '2000' },
      mode: { type: 'string', default: 'store' },
      patients: { type: 'string', default: '50' },
      threads: { type: 'string' },
      stages: { type: 'boolean' },
      profile: { type: 'string' },
      'young-mb': { type: 'string', default: '96' },
      'heap-tuning': { type: 'string', default: 'serve' },
      app: { type: 'string', default: 'plugin' },
      'log-level': { type: 'string', default: 'info' },
    },
  });
  if (values.stages) return stages(Number(values.patients));
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const patients = Number(values.patients);
  // The worker registers tsx itself, then loads this file (its `else` branch runs the server).
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  // The server thread's young generation: 96 MB is what `npm start` gives the server's main thread
  // (`--max-semi-space-size=32`, young = 3 × semi-space); `--young-mb 0` leaves V8's default.
  const youngMb = Number(values['young-mb']);
  const worker = new Worker(boot, {
    eval: true,
    ...(youngMb > 0 ? { resourceLimits: { maxYoungGenerationSizeMb: youngMb } } : {}),
    workerData: {
      patients,
      heapTuning: values['heap-tuning'] !== 'off',
      app: values.app === 'full' ? 'full' : 'plugin',
      logLevel: values['log-level'],
      ...(threads !== undefined ? { threads } : {}),
      ...(values.profile ? { profile: values.profile } : {}),
    } satisfies Init,
  });
  const ready = await new Promise<{ url: string; key: string; tid: string; samples: Record<string, unknown[]> }>((res, rej) => {
    worker.once('message', res);
    worker.once('error', rej);
  });
  const endpoint = new URL(`${ready.url}/cds-services/galen-early-warning`);
  // One serialised body per patient (and sex), split where the hookInstance goes.
  const MARK = '"@@hookInstance@@"';
  const parts = new Map<number, [Buffer, Buffer]>();
  const template = (i: number): [Buffer, Buffer] => {
    const pid = `lp${i % patients}`;
    const b: Record<string, unknown> = {
      hook: 'patient-view',
      hookInstance: '@@hookInstance@@',
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
    const [head, tail] = JSON.stringify(b).split(MARK) as [string, string];
    return [Buffer.from(head), Buffer.from(tail)];
  };
  /** A request body as its pieces (written together, never concatenated). */
  const body = (i: number): Buffer[] => {
    const k = i % (2 * patients);
    let p = parts.get(k);
    if (!p) parts.set(k, (p = template(k)));
    return [p[0], Buffer.from(JSON.stringify(randomUUID()), 'latin1'), p[1]];
  };
  // A minimal HTTP/1.1 client on raw keep-alive sockets (requests may be pipelined; each socket
  // answers in order), so the generator's own CPU stays small next to the server's.
  const port = Number(endpoint.port);
  const heads = new Map<number, Buffer>();
  const head = (length: number) => {
    let h = heads.get(length);
    if (!h)
      heads.set(
        length,
        (h = Buffer.from(
          `POST ${endpoint.pathname} HTTP/1.1\r\nHost: ${endpoint.host}\r\nContent-Type: application/json\r\n` +
            `Authorization: Bearer ${ready.key}\r\nContent-Length: ${length}\r\n\r\n`,
          'latin1',
        )),
      );
    return h;
  };
  class Connection {
    readonly socket: Socket;
    readonly waiting: Array<(status: number) => void> = [];
    /** The server or the network closed it: requests still waiting on it count as errors. */
    closed = false;
    private buf: Buffer = Buffer.alloc(0);
    constructor() {
      this.socket = connect(port, endpoint.hostname);
      this.socket.setNoDelay(true);
      this.socket.on('data', (d: Buffer) => this.read(d));
      const fail = () => {
        this.closed = true;
        for (const w of this.waiting.splice(0)) w(0);
      };
      this.socket.on('error', fail);
      this.socket.on('close', fail);
    }
    send(payload: Buffer[]): Promise<number> {
      return new Promise((resolve) => {
        this.waiting.push(resolve);
        this.socket.cork();
        this.socket.write(head(payload.reduce((n, b) => n + b.length, 0)));
        for (const b of payload) this.socket.write(b);
        this.socket.uncork();
      });
    }
    private read(d: Buffer): void {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      for (;;) {
        const end = this.buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const header = this.buf.toString('latin1', 0, end);
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(header)?.[1] ?? 0);
        if (this.buf.length < end + 4 + length) return;
        this.buf = this.buf.subarray(end + 4 + length);
        this.waiting.shift()?.(Number(header.slice(9, 12)));
      }
    }
  }
  const connections = Array.from({ length: 64 }, () => new Connection());
  /** Connections the server closed and the bench opened again (counted, so a silent close shows). */
  let reconnects = 0;
  const send = async (i: number) => {
    const t0 = performance.now();
    for (let k = 0; k < connections.length; k++)
      if (connections[k]!.closed) {
        connections[k] = new Connection();
        reconnects++;
      }
    let c = connections[0]!;
    for (const x of connections) if (x.waiting.length < c.waiting.length) c = x;
    const status = await c.send(body(i));
    return { ms: performance.now() - t0, ok: status >= 200 && status < 300 };
  };
  const elu = () =>
    new Promise<{ activeMs: number; utilization: number; stallMaxMs: number; stallP99Ms: number }>((res) => {
      worker.once('message', res);
      worker.postMessage('elu');
    });
  // Warm-up (JIT, first persistence of each patient).
  const w0 = performance.now();
  for (let i = 0; i < patients * 2; i++) {
    const r = await send(i);
    if (!r.ok && i < 3) console.error('warm-up request failed');
  }
  console.error(
    `warm-up: ${patients * 2} sequential requests, mean ${((performance.now() - w0) / (patients * 2)).toFixed(1)} ms`,
  );
  // Then some concurrency, so every scoring worker is past JIT (and PGlite's WASM) warm-up too.
  const rounds = Number(values.warmup) / 8;
  for (let i = 0; i < rounds; i++) await Promise.all(Array.from({ length: 8 }, (_, k) => send(i * 8 + k)));
  const load0 = loadavg()[0]!;
  worker.postMessage('mark');
  const cpu0 = process.cpuUsage();
  const threads0 = threadCpu();
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
  const server = await elu();
  const cpu = process.cpuUsage(cpu0);
  const threads1 = threadCpu();
  // One request at a time: CPU per request without queueing (load-independent, client included).
  const SEQ = Number(values.sequential);
  worker.postMessage('mark');
  const seq0 = process.cpuUsage();
  const seqThreads0 = threadCpu();
  const seqT0 = performance.now();
  for (let i = 0; i < SEQ; i++) await send(i);
  const seqMs = (performance.now() - seqT0) / SEQ;
  const seqCpu = process.cpuUsage(seq0);
  const seqThreads1 = threadCpu();
  const seqServer = await elu();
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  const result = {
    mode: values.mode,
    // 1-minute load average before the load phase and at the end (the bench itself included).
    loadAverage: [+load0.toFixed(2), +loadavg()[0]!.toFixed(2)],
    targetRate: rate,
    achievedRate: Math.round(lat.length / elapsed),
    requests: lat.length,
    errors,
    reconnects,
    p50: +q(0.5).toFixed(1),
    p90: +q(0.9).toFixed(1),
    p99: +q(0.99).toFixed(1),
    max: +(lat[lat.length - 1] ?? NaN).toFixed(1),
    serverThreadUtilization: +server.utilization.toFixed(2),
    serverThreadBusyMsPerRequest: +(server.activeMs / lat.length).toFixed(2),
    // The event loop's longest delay (its p99) during the load: what one request can stall for.
    serverThreadStallMaxMs: +server.stallMaxMs.toFixed(1),
    serverThreadStallP99Ms: +server.stallP99Ms.toFixed(1),
    // Client, server and scoring threads together (CPU time, so it does not count waiting for a core).
    processCpuMsPerRequest: +((cpu.user + cpu.system) / 1000 / lat.length).toFixed(2),
    threadCpuMsPerRequest: perThread(threads0, threads1, ready.tid, lat.length),
    sequential: {
      requests: SEQ,
      meanMs: +seqMs.toFixed(2),
      processCpuMsPerRequest: +((seqCpu.user + seqCpu.system) / 1000 / SEQ).toFixed(2),
      serverThreadBusyMsPerRequest: +(seqServer.activeMs / SEQ).toFixed(2),
      serverThreadStallMaxMs: +seqServer.stallMaxMs.toFixed(1),
      threadCpuMsPerRequest: perThread(seqThreads0, seqThreads1, ready.tid, SEQ),
    },
  };
  console.log(JSON.stringify(result));
  for (const c of connections) c.socket.destroy();
  worker.postMessage('stop');
  await new Promise((r) => worker.once('exit', r));
}

/** `--stages`: CPU per stage of one patient-view, in process, on the same patients (µs, best of 3). */
async function stages(patients: number): Promise<void> {
  const cds = await import('@galen/cds');
  const { stateOf } = await import('@galen/cds');
  const { loadBundledSepsisModel } = await import('@galen/cds/model/bundled');
  const { checkContext, contextOf, parseHookRequest, CDS_SERVICES } = await import('@galen/cds');
  const model = loadBundledSepsisModel();
  const now = Date.parse('2026-01-01T12:00:00Z');
  const nowIso = new Date(now).toISOString();
  const bodies = [...Array(patients).keys()].map((i) =>
    JSON.stringify({
      hook: 'patient-view',
      hookInstance: randomUUID(),
      context: { userId: 'Practitioner/load', patientId: `lp${i}` },
      prefetch: {
        patient: { resourceType: 'Patient', id: `lp${i}`, gender: i % 2 ? 'male' : 'female', birthDate: '1960-01-01' },
        observations: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: vitals(`lp${i}`, i, now).map((resource) => ({ resource })),
        },
        conditions: null,
        medications: null,
      },
    }),
  );
  const def = CDS_SERVICES[0]!;
  const hrs = bodies.map((b) => parseHookRequest(JSON.parse(b), def));
  const ctxs = hrs.map((hr) => contextOf(hr.prefetch!, String(hr.context.patientId)));
  const states = ctxs.map((c) => stateOf(c, nowIso));
  const recs = states.map((st) => cds.gridFromState(st));
  const assessments = states.map((st) => cds.assessPatient(st, model, { explain: 'above-threshold' }));
  const N = 2000;
  const out: Record<string, number> = {};
  const time = (name: string, f: (i: number) => unknown) => {
    for (let i = 0; i < 200; i++) f(i % patients);
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const c0 = process.cpuUsage();
      for (let i = 0; i < N; i++) f(i % patients);
      const c = process.cpuUsage(c0);
      best = Math.min(best, (c.user + c.system) / N);
    }
    out[name] = Math.round(best);
  };
  time('json-parse', (i) => JSON.parse(bodies[i]!));
  const parsed = bodies.map((b) => JSON.parse(b) as unknown);
  time('validate-and-context', (i) => contextOf(parseHookRequest(parsed[i], def).prefetch!, `lp${i}`));
  time('prefetch-field-checks', (i) => checkContext(ctxs[i]!));
  time('state', (i) => stateOf(ctxs[i]!, nowIso));
  time('scores-without-model', (i) => cds.assessPatient(states[i]!));
  time('hourly-features-last-hour', (i) => cds.lastHourFeatures(recs[i]!));
  time('sepsis-risk-with-explanation', (i) => cds.predictSepsisRisk(model, states[i]!, { explain: 'above-threshold' }));
  time('cards', (i) => cds.patientViewCards(assessments[i]!));
  // The reply a scoring worker sends back (serialised cards; absent from older code).
  const hookRequest: Record<string, unknown> = await import('@galen/cds');
  const toReply = hookRequest.toPatientViewReply as
    ((r: unknown, uuid: () => string, keep: () => boolean) => unknown) | undefined;
  if (toReply)
    time('reply-serialised', (i) =>
      toReply(
        { patientId: `lp${i}`, remote: false, assessment: assessments[i]!, cards: cds.patientViewCards(assessments[i]!) },
        randomUUID,
        () => false,
      ),
    );
  console.log(JSON.stringify({ unit: 'µs CPU per call (best of 3 × 2000)', patients, ...out }));
}

if (isMainThread) await main();
else await server(workerData as Init);
