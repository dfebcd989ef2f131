import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bundle } from '@medplum/fhirtypes';
import { loadConfig } from '@galen/operations';
import { createApp } from './app';
import { loadDemoIfEmpty } from './demo';

const dir = mkdtempSync(join(tmpdir(), 'galen-demo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test(
  'an empty store gets demo patients, scores, alerts and sign-ins; a full one is left alone',
  { timeout: 300_000 },
  async () => {
    const app = await createApp(loadConfig({ GALEN_DATA_DIR: 'memory://', GALEN_LOG_LEVEL: 'silent' }));
    try {
      const said: string[] = [];
      assert.equal(await loadDemoIfEmpty(app, (m) => said.push(m), { count: 40, now: new Date('2026-11-23T12:00:00Z') }), true);
      const patients = await app.store.fhir.search({ resourceType: 'Patient', params: [{ name: '_total', value: 'accurate' }] });
      assert.equal(patients.total, 40);
      const risks = await app.store.fhir.search({
        resourceType: 'RiskAssessment',
        params: [{ name: '_total', value: 'accurate' }],
      });
      assert.ok((risks.total ?? 0) > 0, 'patients were scored');
      const url = await app.listen(0, '127.0.0.1');
      const login = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo', password: 'demo' }),
      });
      assert.equal(login.status, 200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const wl = await fetch(`${url}/api/worklist.list`, {
        method: 'POST',
        // As a browser would: a cookie-authenticated write carries its Origin (cross-site protection).
        headers: { 'content-type': 'application/json', cookie, origin: url },
        body: '{}',
      });
      assert.equal(wl.status, 200);
      assert.equal(await loadDemoIfEmpty(app, () => {}, { count: 40 }), false);
    } finally {
      await app.close();
    }
  },
);

test(
  '`galen serve` starts on a fresh data folder, prints its URL and serves FHIR and the app',
  { timeout: 300_000 },
  async () => {
    const bin = fileURLToPath(new URL('../../cli/bin/galen.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
      env: { ...process.env, GALEN_DATA_DIR: join(dir, 'data'), GALEN_DEMO_PATIENTS: '10', GALEN_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c.toString();
          const m = /running at (http:\/\/\S+?)\/?\n/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const meta = await fetch(`${url}/fhir/R4/metadata`);
      assert.equal(meta.status, 200);
      assert.equal(((await meta.json()) as { resourceType: string }).resourceType, 'CapabilityStatement');
      assert.equal((await fetch(`${url}/fhir/R4/Patient`)).status, 401);
      const login = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'admin' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const b = (await (await fetch(`${url}/fhir/R4/Patient?_total=accurate`, { headers: { cookie } })).json()) as Bundle;
      assert.equal(b.total, 10);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  },
);
