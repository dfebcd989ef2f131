import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';

test('GALEN_SESSION_HOURS, GALEN_CDS_THREADS and GALEN_CDS_CLIENTS are read once, with their defaults', () => {
  const c = loadConfig({});
  assert.equal(c.sessionHours, 12);
  assert.equal(c.cdsThreads, undefined);
  assert.deepEqual(c.cdsClients, []);
  const d = loadConfig({
    GALEN_SESSION_HOURS: '0.5',
    GALEN_CDS_THREADS: '0',
    GALEN_CDS_CLIENTS: JSON.stringify([{ iss: 'ehr', jwks: { keys: [] }, fhirServers: ['https://EHR.example.org/fhir/'] }]),
  });
  assert.equal(d.sessionHours, 0.5);
  assert.equal(d.cdsThreads, 0);
  assert.deepEqual(d.cdsClients[0]!.fhirServers, ['https://ehr.example.org/fhir']);
});

test('GALEN_CDS_CLIENTS may name a file holding the array', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'galen-config-')), 'clients.json');
  writeFileSync(file, JSON.stringify([{ iss: 'ehr', keyFile: 'ehr.jwks.json' }]));
  assert.equal(loadConfig({ GALEN_CDS_CLIENTS: file }).cdsClients[0]!.iss, 'ehr');
});

test('a bad setting fails at load, naming the variable', () => {
  assert.throws(() => loadConfig({ GALEN_SESSION_HOURS: '0' }), /GALEN_SESSION_HOURS must be a positive number/);
  assert.throws(() => loadConfig({ GALEN_SESSION_HOURS: 'twelve' }), /GALEN_SESSION_HOURS/);
  assert.throws(() => loadConfig({ GALEN_CDS_THREADS: 'two' }), /GALEN_CDS_THREADS must be a non-negative integer/);
  assert.throws(() => loadConfig({ GALEN_CDS_THREADS: '-1' }), /GALEN_CDS_THREADS/);
  assert.throws(() => loadConfig({ GALEN_CDS_CLIENTS: '[{"iss":' }), /GALEN_CDS_CLIENTS is not valid JSON/);
  assert.throws(() => loadConfig({ GALEN_CDS_CLIENTS: '/no/such/clients.json' }), /GALEN_CDS_CLIENTS .*cannot read/);
  assert.throws(
    () => loadConfig({ GALEN_CDS_CLIENTS: '[{"iss":"x","fhirServers":["ftp://x"]}]' }),
    /GALEN_CDS_CLIENTS\[0\]\.fhirServers\[0\]/,
  );
});
