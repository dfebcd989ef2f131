import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '@galen/operations';
import { startTestServer, type TestServer } from '../testing';
import { createUser } from './index';

// Against the real server (createApp): the auth hook runs the Origin check for every route.
let s: TestServer;
const PASSWORD = 'saffron window meadow';

before(async () => {
  s = await startTestServer();
  await createUser(s.store, { username: 'carol', password: PASSWORD, role: 'clinician' });
  await createUser(s.store, { username: 'root', password: PASSWORD, role: 'admin' });
});
after(() => s.close());

async function signIn(username = 'carol'): Promise<string> {
  const res = await s.request('/auth/login', {
    role: null,
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: s.url },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert.equal(res.status, 200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const post = (path: string, headers: Record<string, string>, body = '{}') =>
  s.request(path, { role: null, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

const stillSignedIn = async (cookie: string) => (await s.request('/auth/me', { role: null, headers: { cookie } })).status;

test('a cross-site POST /auth/logout with the cookie is refused and the session survives', async () => {
  const cookie = await signIn();
  const res = await post('/auth/logout', { cookie, origin: 'https://evil.example' });
  assert.equal(res.status, 403);
  const oo = await res.json();
  assert.equal(oo.resourceType, 'OperationOutcome');
  assert.match(oo.issue[0].details.text, /cross-site request \(Origin https:\/\/evil\.example is not this server's origin\)/);
  assert.equal(await stillSignedIn(cookie), 200);
  // Origin "null" (sandboxed frames, data: URLs) and a foreign Referer are foreign too.
  assert.equal((await post('/auth/logout', { cookie, origin: 'null' })).status, 403);
  assert.equal((await post('/auth/logout', { cookie, referer: 'https://evil.example/page' })).status, 403);
  assert.equal(await stillSignedIn(cookie), 200);
});

test('a cookie-authenticated write with neither Origin nor Referer is refused', async () => {
  const cookie = await signIn();
  for (const path of ['/auth/logout', '/api/worklist.list', '/fhir/R4/Patient']) {
    const res = await post(path, { cookie }, path.startsWith('/fhir') ? '{"resourceType":"Patient"}' : '{}');
    assert.equal(res.status, 403, path);
    assert.match((await res.json()).issue[0].details.text, /must carry an Origin or Referer header/);
  }
  assert.equal(await stillSignedIn(cookie), 200);
  // Reads need no Origin.
  assert.equal((await s.request('/api', { role: null, headers: { cookie } })).status, 200);
});

test('cross-site FHIR and operation writes with the cookie store nothing; same-origin ones work', async () => {
  const cookie = await signIn();
  const patient = JSON.stringify({ resourceType: 'Patient', name: [{ family: 'CsrfProbe' }] });
  const evil = await s.request('/fhir/R4/Patient', {
    role: null,
    method: 'POST',
    headers: { cookie, origin: 'https://evil.example' },
    body: patient,
  });
  assert.equal(evil.status, 403);
  const search = await s.request('/fhir/R4/Patient?family=CsrfProbe');
  assert.equal((await search.json()).entry?.length ?? 0, 0, 'nothing stored');
  assert.equal((await post('/api/worklist.list', { cookie, origin: 'https://evil.example' })).status, 403);
  const ok = await s.request('/fhir/R4/Patient', {
    role: null,
    method: 'POST',
    headers: { cookie, origin: s.url },
    body: patient,
  });
  assert.equal(ok.status, 201);
  // A same-origin Referer stands in for a missing Origin.
  assert.equal((await post('/api/worklist.list', { cookie, referer: `${s.url}/worklist` })).status, 200);
  // And same-origin sign-out works.
  assert.equal((await post('/auth/logout', { cookie, origin: s.url })).status, 200);
  assert.equal(await stillSignedIn(cookie), 401);
});

test('requests with a bearer key need no Origin, whatever they claim', async () => {
  const body = JSON.stringify({ resourceType: 'Patient', name: [{ family: 'KeyWrite' }] });
  assert.equal((await s.request('/fhir/R4/Patient', { method: 'POST', body })).status, 201);
  assert.equal(
    (await s.request('/fhir/R4/Patient', { method: 'POST', headers: { origin: 'https://ehr.example' }, body })).status,
    201,
  );
  assert.equal((await s.request('/api/worklist.list', { role: 'clinician', method: 'POST', body: '{}' })).status, 200);
});

test('a cross-site sign-in form is refused; scripts without Origin can still sign in', async () => {
  const body = JSON.stringify({ username: 'carol', password: PASSWORD });
  const evil = await post('/auth/login', { origin: 'https://evil.example' }, body);
  assert.equal(evil.status, 403);
  assert.equal(evil.headers.get('set-cookie'), null);
  assert.equal((await post('/auth/login', {}, body)).status, 200);
});

test('GALEN_ALLOWED_ORIGINS adds origins (validated once in config)', async () => {
  assert.deepEqual(loadConfig({ GALEN_ALLOWED_ORIGINS: 'https://Galen.Example.org/, http://10.0.0.5:8080' }).allowedOrigins, [
    'https://galen.example.org',
    'http://10.0.0.5:8080',
  ]);
  for (const bad of ['galen.example.org', 'https://galen.example.org/app', 'ftp://x', 'https://x?y=1'])
    assert.throws(() => loadConfig({ GALEN_ALLOWED_ORIGINS: bad }), /GALEN_ALLOWED_ORIGINS must list origins/, bad);
  const proxied = await startTestServer({ env: { GALEN_ALLOWED_ORIGINS: 'https://galen.example.org' } });
  try {
    await createUser(proxied.store, { username: 'dave', password: PASSWORD, role: 'clinician' });
    const login = await proxied.request('/auth/login', {
      role: null,
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://galen.example.org' },
      body: JSON.stringify({ username: 'dave', password: PASSWORD }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const logout = await proxied.request('/auth/logout', {
      role: null,
      method: 'POST',
      headers: { cookie, origin: 'https://galen.example.org' },
    });
    assert.equal(logout.status, 200);
    const other = await proxied.request('/auth/logout', {
      role: null,
      method: 'POST',
      headers: { origin: 'https://other.example' },
    });
    assert.equal(other.status, 403);
  } finally {
    await proxied.close();
  }
});

test("a read-only bearer key cannot use the web plugin's admin routes to write", async () => {
  const { key: readOnly } = await s.store.keys.create({ name: 'ro-admin', role: 'admin', scopes: ['user/*.read'] });
  assert.equal((await s.request('/auth/users', { key: readOnly })).status, 200);
  const create = await s.request('/auth/users', {
    key: readOnly,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'mallory', password: PASSWORD, role: 'admin' }),
  });
  assert.equal(create.status, 403);
  assert.match((await create.json()).issue[0].details.text, /read-only/);
  assert.equal((await s.request('/auth/users/carol/disable', { key: readOnly, method: 'POST' })).status, 403);
  const users = (await (await s.request('/auth/users')).json()) as Array<{ username: string; disabledAt?: string }>;
  assert.ok(!users.some((u) => u.username === 'mallory'));
  assert.ok(!users.find((u) => u.username === 'carol')?.disabledAt);
  // A full admin key still can.
  const full = await s.request('/auth/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'erin', password: PASSWORD, role: 'reviewer' }),
  });
  assert.equal(full.status, 201);
});
