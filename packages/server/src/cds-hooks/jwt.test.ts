import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { JwtVerifier, parseTrustedClients } from './jwt';
import { normalizeFhirBase } from '@galen/cds';

const jwk = () => generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });

test('GALEN_CDS_CLIENTS: fhirServers are normalised http(s) bases; anything else fails at start-up naming the entry', () => {
  const [c] = parseTrustedClients(
    JSON.stringify([{ iss: 'https://ehr', jwks: { keys: [jwk()] }, fhirServers: ['https://EHR.example.org:443/fhir/'] }]),
  );
  assert.deepEqual(c!.fhirServers, ['https://ehr.example.org/fhir']);
  assert.deepEqual(parseTrustedClients(JSON.stringify([{ iss: 'x', jwks: { keys: [] } }]))[0]!.fhirServers, undefined);
  for (const bad of [
    'ftp://ehr/fhir',
    'file:///etc',
    'https://user:pw@ehr/fhir',
    'https://ehr/fhir?x=1',
    'https://ehr/fhir#f',
    'not a url',
    5,
  ])
    assert.throws(
      () => parseTrustedClients(JSON.stringify([{ iss: 'x', jwks: { keys: [] }, fhirServers: [bad] }])),
      /GALEN_CDS_CLIENTS\[0\]\.fhirServers\[0\]/,
      String(bad),
    );
  assert.throws(() => parseTrustedClients(JSON.stringify([{ iss: 'x', fhirServers: 'https://ehr/fhir' }])), /must be an array/);
  assert.throws(() => parseTrustedClients(JSON.stringify([{ jwks: { keys: [] } }])), /GALEN_CDS_CLIENTS\[0\]/);
  assert.deepEqual(parseTrustedClients(''), []);
});

test('the verifier knows which FHIR servers each client may name (none for unknown clients)', () => {
  const v = new JwtVerifier([
    { iss: 'https://a', jwks: { keys: [jwk()] }, fhirServers: ['http://127.0.0.1:8080/fhir/'] },
    { iss: 'https://b', jwks: { keys: [jwk()] } },
  ]);
  assert.deepEqual(v.fhirServersOf('https://a'), ['http://127.0.0.1:8080/fhir']);
  assert.deepEqual(v.fhirServersOf('https://b'), []);
  assert.deepEqual(v.fhirServersOf('https://nobody'), []);
  assert.throws(() => new JwtVerifier([{ iss: 'https://c', fhirServers: ['gopher://x'] }]), /fhirServers\[0\]/);
  assert.equal(normalizeFhirBase('https://ehr.example.org/fhir'), normalizeFhirBase('https://ehr.example.org/fhir/'));
  assert.notEqual(normalizeFhirBase('https://ehr.example.org/fhir'), normalizeFhirBase('https://ehr.example.org/fhir2'));
});
