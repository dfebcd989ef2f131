import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { openStore, type Store } from '@galen/store';
import { loadConfig, silentLogger, type Services } from '@galen/operations';
import { LoginLimiter, authenticateSession, createUser, readCookie, webPlugin } from './index';
import { resolveInside } from './static';
import { hashPassword, verifyPassword } from './users';

let store: Store;
let app: FastifyInstance;
let webDir: string;

before(async () => {
  store = await openStore({ dataDir: 'memory://', jobs: false });
  webDir = mkdtempSync(join(tmpdir(), 'galen-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Galen</title>');
  writeFileSync(join(webDir, 'assets', 'app-abc.js'), 'console.log(1)');
  const services: Services = {
    store,
    config: loadConfig({ GALEN_LOG_LEVEL: 'silent' }),
    log: silentLogger,
    get: () => Promise.reject(new Error('none')),
  };
  app = Fastify();
  await webPlugin(app, { services, webDir, limiter: new LoginLimiter({ max: 3, windowMs: 60_000 }), sessionTtlMs: 60_000 });
  app.get('/api/probe', async (request) => (await authenticateSession(request)) ?? { none: true });
  await createUser(store, { username: 'demo', password: 'demo-pass', role: 'clinician' });
  await createUser(store, { username: 'boss', password: 'boss-pass', role: 'admin' });
});

after(async () => {
  await app.close();
  await store.close();
});

const login = (username: string, password: string, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/auth/login', payload: { username, password }, remoteAddress: ip });

test('scrypt hashes are salted and verify in constant time', async () => {
  const a = await hashPassword('secret');
  const b = await hashPassword('secret');
  assert.notEqual(a, b);
  assert.ok(await verifyPassword('secret', a));
  assert.equal(await verifyPassword('Secret', a), false);
  assert.equal(await verifyPassword('secret', 'garbage'), false);
});

test('sign-in sets an HTTP-only SameSite=Strict cookie that authenticates requests', async () => {
  const res = await login('demo', 'demo-pass');
  assert.equal(res.statusCode, 200);
  const cookie = String(res.headers['set-cookie']);
  assert.match(cookie, /galen_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
  assert.doesNotMatch(cookie, /Secure/);
  const token = readCookie(cookie.split(';')[0], 'galen_session');
  assert.ok(token);
  const me = await app.inject({ url: '/auth/me', headers: { cookie: `galen_session=${token}` } });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().role, 'clinician');
  const probe = await app.inject({ url: '/api/probe', headers: { cookie: `galen_session=${token}` } });
  assert.equal(probe.json().id, 'user:demo');
  const logout = await app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie: `galen_session=${token}` } });
  assert.equal(logout.statusCode, 200);
  const after = await app.inject({ url: '/auth/me', headers: { cookie: `galen_session=${token}` } });
  assert.equal(after.statusCode, 401);
  assert.match(after.json().issue[0].details.text, /no longer valid/);
});

test('wrong passwords are rate-limited per username and address with a clear 429', async () => {
  for (let i = 0; i < 3; i++) {
    const r = await login('boss', 'wrong', '10.0.0.9');
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().resourceType, 'OperationOutcome');
  }
  const limited = await login('boss', 'boss-pass', '10.0.0.9');
  assert.equal(limited.statusCode, 429);
  assert.match(limited.json().issue[0].details.text, /Too many failed sign-in attempts/);
  assert.ok(Number(limited.headers['retry-after']) > 0);
  // another address is not blocked
  assert.equal((await login('boss', 'boss-pass', '10.0.0.10')).statusCode, 200);
});

test('an expired session gets a 401 saying so', async () => {
  const res = await login('demo', 'demo-pass', '10.0.0.2');
  const token = readCookie(String(res.headers['set-cookie']).split(';')[0], 'galen_session') as string;
  await store.sql.query("UPDATE galen_web_session SET expires_at = now() - interval '1 minute'");
  const me = await app.inject({ url: '/auth/me', headers: { cookie: `galen_session=${token}` } });
  assert.equal(me.statusCode, 401);
  assert.match(me.json().issue[0].details.text, /expired/);
});

test('only admins manage users', async () => {
  const admin = await login('boss', 'boss-pass', '10.0.0.3');
  const adminCookie = String(admin.headers['set-cookie']).split(';')[0] as string;
  const clin = await login('demo', 'demo-pass', '10.0.0.3');
  const clinCookie = String(clin.headers['set-cookie']).split(';')[0] as string;
  assert.equal((await app.inject({ url: '/auth/users', headers: { cookie: clinCookie } })).statusCode, 403);
  assert.equal((await app.inject({ url: '/auth/users' })).statusCode, 401);
  const created = await app.inject({
    method: 'POST',
    url: '/auth/users',
    headers: { cookie: adminCookie },
    payload: { username: 'rev1', password: 'rev1-pass', role: 'reviewer' },
  });
  assert.equal(created.statusCode, 201);
  const dup = await app.inject({
    method: 'POST',
    url: '/auth/users',
    headers: { cookie: adminCookie },
    payload: { username: 'REV1', password: 'xxxx', role: 'reviewer' },
  });
  assert.equal(dup.statusCode, 409);
  const bad = await app.inject({
    method: 'POST',
    url: '/auth/users',
    headers: { cookie: adminCookie },
    payload: { username: 'x y', password: 'xxxx', role: 'god' },
  });
  assert.equal(bad.statusCode, 400);
  const list = await app.inject({ url: '/auth/users', headers: { cookie: adminCookie } });
  assert.ok(list.json().some((u: { username: string }) => u.username === 'rev1'));
  assert.ok(!JSON.stringify(list.json()).includes('scrypt'));
  await app.inject({ method: 'POST', url: '/auth/users/rev1/disable', headers: { cookie: adminCookie } });
  assert.equal((await login('rev1', 'rev1-pass', '10.0.0.4')).statusCode, 401);
});

test('the app is served with an SPA fallback; API paths and traversal are not', async () => {
  const deep = await app.inject({ url: '/patients/123' });
  assert.equal(deep.statusCode, 200);
  assert.match(deep.body, /<title>Galen/);
  assert.match(String(deep.headers['content-security-policy']), /default-src 'self'/);
  const asset = await app.inject({ url: '/assets/app-abc.js' });
  assert.match(String(asset.headers['cache-control']), /immutable/);
  assert.equal((await app.inject({ url: '/assets/missing.js' })).statusCode, 404);
  assert.equal((await app.inject({ url: '/fhir/R4/Nope' })).statusCode, 404);
  assert.equal(resolveInside('/srv/app', '/../etc/passwd'), undefined);
  assert.equal(resolveInside('/srv/app', '/%2e%2e/etc/passwd'), undefined);
  assert.equal(resolveInside('/srv/app', '/assets/x.js'), '/srv/app/assets/x.js');
});
