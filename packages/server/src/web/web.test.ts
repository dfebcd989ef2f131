import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { openStore, type Store } from '@galen/store';
import { loadConfig, silentLogger, type Services } from '@galen/operations';
import { LoginLimiter, authenticateSession, createUser, ensureUser, readCookie, webPlugin } from './index';
import { resolveInside } from './static';
import { hashPassword, verifyPassword } from './service';
import { webMigrations } from './migration';

let store: Store;
let app: FastifyInstance;
let webDir: string;
/** The limiter's clock: tests move it instead of sleeping. */
let clock = Date.parse('2026-01-01T00:00:00Z');
const DEMO_PASS = 'maple river lantern';
const BOSS_PASS = 'copper kettle harbour';

before(async () => {
  store = await openStore({ dataDir: 'memory://', jobs: false, migrations: webMigrations });
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
  const limiter = new LoginLimiter({ account: { free: 3 }, address: { free: 6 }, now: () => clock });
  await webPlugin(app, { services, webDir, limiter, sessionTtlMs: 60_000 });
  app.get('/api/probe', async (request) => (await authenticateSession(request)) ?? { none: true });
  await createUser(store, { username: 'demo', password: DEMO_PASS, role: 'clinician' });
  await createUser(store, { username: 'boss', password: BOSS_PASS, role: 'admin' });
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
  const res = await login('demo', DEMO_PASS);
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

test("one account's failures from many addresses back off; the right password works once the wait is over", async () => {
  // 3 free failures (this test's limiter), each from a different address.
  for (let i = 0; i < 3; i++) assert.equal((await login('boss', 'wrong', `10.1.0.${i}`)).statusCode, 401);
  // The 4th failure starts the back-off: 1 s, then 2 s, 4 s ...
  assert.equal((await login('boss', 'wrong', '10.1.0.3')).statusCode, 401);
  const limited = await login('boss', BOSS_PASS, '10.1.0.4');
  assert.equal(limited.statusCode, 429);
  assert.equal(limited.json().resourceType, 'OperationOutcome');
  assert.match(limited.json().issue[0].details.text, /Too many failed sign-in attempts\. Try again in 1 second/);
  assert.equal(limited.headers['retry-after'], '1');
  clock += 1000;
  assert.equal((await login('boss', 'wrong', '10.1.0.5')).statusCode, 401);
  const wait = Number((await login('boss', BOSS_PASS, '10.1.0.6')).headers['retry-after']);
  assert.equal(wait, 2, 'the wait doubles');
  // Refused attempts are not counted: hammering during the wait does not extend it.
  for (let i = 0; i < 5; i++) assert.equal((await login('boss', 'wrong', '10.1.0.7')).statusCode, 429);
  clock += wait * 1000;
  assert.equal((await login('boss', BOSS_PASS, '10.1.0.8')).statusCode, 200, 'no lock-out');
  // A success starts the account afresh.
  assert.equal((await login('boss', 'wrong', '10.1.0.9')).statusCode, 401);
  assert.equal((await login('boss', BOSS_PASS, '10.1.0.9')).statusCode, 200);
});

test('spraying many usernames from one address is slowed by the per-address counter', async () => {
  const ip = '10.2.0.1';
  const codes: number[] = [];
  for (let i = 0; i < 8; i++) codes.push((await login(`user${i}`, 'guess-password-1', ip)).statusCode);
  // 6 free failures per address here, then a wait; every name was tried once only.
  assert.deepEqual(codes, [401, 401, 401, 401, 401, 401, 401, 429]);
  // Another address is not slowed; neither is the next address in an IPv6 network.
  assert.equal((await login('demo', DEMO_PASS, '10.2.0.2')).statusCode, 200);
  clock += 2000;
});

test('a 401 or 429 says the same whether or not the username exists', async () => {
  const ip = '10.3.0.1';
  const real = await login('demo', 'not-the-password', ip);
  const ghost = await login('nobody-here', 'not-the-password', ip);
  assert.equal(real.statusCode, 401);
  assert.equal(ghost.statusCode, 401);
  assert.deepEqual(real.json(), ghost.json());
  for (let i = 0; i < 3; i++) {
    await login('demo', 'not-the-password', `10.3.1.${i}`);
    await login('nobody-here', 'not-the-password', `10.3.1.${i}`);
  }
  const realLimited = await login('demo', 'not-the-password', '10.3.2.1');
  const ghostLimited = await login('nobody-here', 'not-the-password', '10.3.2.1');
  assert.equal(realLimited.statusCode, 429);
  assert.equal(ghostLimited.statusCode, 429);
  assert.deepEqual(realLimited.json(), ghostLimited.json());
  clock += 60_000;
});

test('the limiter: exponential back-off capped, per /64 for IPv6, memory bounded', () => {
  let now = 0;
  const l = new LoginLimiter({
    account: { free: 2 },
    address: { free: 1000 },
    maxDelayMs: 60_000,
    maxEntries: 100,
    now: () => now,
  });
  const a = { username: 'Ann', ip: '192.0.2.1' };
  const waits: number[] = [];
  for (let i = 0; i < 12; i++) {
    now += l.retryAfter(a);
    assert.equal(l.begin(a), 0);
    waits.push(l.retryAfter(a));
  }
  assert.deepEqual(waits.slice(0, 9), [0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000]);
  assert.equal(waits[11], 60000, 'capped');
  assert.equal(l.retryAfter({ username: 'ANN', ip: '198.51.100.7' }), 60000, 'the account, from anywhere, any case');
  l.succeeded(a);
  assert.equal(l.retryAfter(a), 0);
  // IPv6: one /64 is one address.
  const v6 = new LoginLimiter({ address: { free: 1 }, now: () => now });
  v6.begin({ username: 'x1', ip: '2001:db8:1:2::1' });
  v6.begin({ username: 'x2', ip: '2001:db8:1:2:ffff::9' });
  assert.ok(v6.retryAfter({ username: 'x3', ip: '2001:0db8:0001:0002:aaaa::1' }) > 0);
  assert.equal(v6.retryAfter({ username: 'x3', ip: '2001:db8:1:3::1' }), 0);
  assert.equal(v6.retryAfter({ username: 'x3', ip: '::ffff:192.0.2.1' }), 0);
  // Bounded: 10,000 sprayed names keep at most maxEntries entries.
  for (let i = 0; i < 10_000; i++) l.begin({ username: `spray${i}`, ip: `203.0.113.${i % 250}` });
  assert.ok(l.size.accounts <= 100 && l.size.addresses <= 100, JSON.stringify(l.size));
});

test('new passwords: 12 to 1024 characters, not a common one; existing ones still sign in', async () => {
  const admin = await login('boss', BOSS_PASS, '10.4.0.1');
  const cookie = String(admin.headers['set-cookie']).split(';')[0] as string;
  const create = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/auth/users', headers: { cookie }, payload: { username, password, role: 'clinician' } });
  const short = await create('nurse1', 'elevenchars');
  assert.equal(short.statusCode, 400);
  assert.match(short.json().issue[0].details.text, /12 to 1024 characters \(NIST SP 800-63B §5\.1\.1\.2\)/);
  assert.deepEqual(short.json().issue[0].expression, ['password']);
  assert.equal((await create('nurse1', 'x'.repeat(1025))).statusCode, 400);
  for (const weak of ['password1234', 'Welcome2024!!', 'aaaaaaaaaaaa', 'abcdefghijklmn', '123456789012', 'nurse1-is-my-name'])
    assert.equal((await create('nurse1', weak)).statusCode, 400, weak);
  assert.equal((await create('nurse1', 'twelve chars')).statusCode, 201);
  assert.equal((await login('nurse1', 'twelve chars', '10.4.0.2')).statusCode, 200);
  // No composition rules: spaces, any script, no digits needed.
  assert.equal((await create('nurse2', 'ключ от дома')).statusCode, 201);
});

test('the demo accounts are exempt only when seeded as such', async () => {
  await assert.rejects(createUser(store, { username: 'demo2', password: 'demo2', role: 'clinician' }), /12 to 1024/);
  await ensureUser(store, { username: 'reviewer', password: 'reviewer', role: 'reviewer' }, { demoAccount: true });
  assert.equal((await login('reviewer', 'reviewer', '10.5.0.1')).statusCode, 200);
});

test('an expired session gets a 401 saying so', async () => {
  const res = await login('demo', DEMO_PASS, '10.0.0.2');
  const token = readCookie(String(res.headers['set-cookie']).split(';')[0], 'galen_session') as string;
  await store.sql.query("UPDATE galen_web_session SET expires_at = now() - interval '1 minute'");
  const me = await app.inject({ url: '/auth/me', headers: { cookie: `galen_session=${token}` } });
  assert.equal(me.statusCode, 401);
  assert.match(me.json().issue[0].details.text, /expired/);
});

test('only admins manage users', async () => {
  const admin = await login('boss', BOSS_PASS, '10.0.0.3');
  const adminCookie = String(admin.headers['set-cookie']).split(';')[0] as string;
  const clin = await login('demo', DEMO_PASS, '10.0.0.3');
  const clinCookie = String(clin.headers['set-cookie']).split(';')[0] as string;
  assert.equal((await app.inject({ url: '/auth/users', headers: { cookie: clinCookie } })).statusCode, 403);
  assert.equal((await app.inject({ url: '/auth/users' })).statusCode, 401);
  const created = await app.inject({
    method: 'POST',
    url: '/auth/users',
    headers: { cookie: adminCookie },
    payload: { username: 'rev1', password: 'quiet orchard stone', role: 'reviewer' },
  });
  assert.equal(created.statusCode, 201);
  const dup = await app.inject({
    method: 'POST',
    url: '/auth/users',
    headers: { cookie: adminCookie },
    payload: { username: 'REV1', password: 'another-long-pass', role: 'reviewer' },
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
  assert.equal((await login('rev1', 'quiet orchard stone', '10.0.0.4')).statusCode, 401);
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
