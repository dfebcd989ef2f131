/**
 * The web area's service (the only code of the web plugin that runs SQL): local user accounts and
 * server-side sessions for people using the web app. Machines use API keys.
 * Passwords are hashed with scrypt (per-user random salt) and compared in constant time; sessions are
 * random tokens whose SHA-256 hash is stored with an expiry, so a database leak gives no live cookie.
 * The tables are the web app's own (`migration.ts`, handed to `openStore` by the composition root).
 */
import { createHash, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { badRequest, conflict, notFound } from '@galen/fhir';
import type { Actor, Role, Store } from '@galen/store';
import { ROLES } from '@galen/store';
import { PASSWORD_MAX_LENGTH, checkNewPassword } from './password-policy';

export interface UserInfo {
  id: string;
  username: string;
  role: Role;
  createdAt: string;
  disabledAt?: string;
}

export interface SessionInfo {
  user: UserInfo;
  expiresAt: string;
}

/** scrypt cost parameters (N=2^14, r=8, p=1: the Node defaults, ~50 ms and 16 MiB per hash). */
const SCRYPT = { N: 16384, r: 8, p: 1, keyLen: 32 } as const;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/i;

function scrypt(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, SCRYPT.keyLen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64 parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, saltB64, hashB64] = stored.split('$');
  if (kind !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const key = await new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) }, (err, k) =>
      err ? reject(err) : resolve(k),
    ),
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password hash to compare against when the user does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  created_at: string | Date;
  disabled_at: string | Date | null;
}

const iso = (v: string | Date): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

function toInfo(row: UserRow): UserInfo {
  const info: UserInfo = { id: row.id, username: row.username, role: row.role as Role, createdAt: iso(row.created_at) };
  if (row.disabled_at) info.disabledAt = iso(row.disabled_at);
  return info;
}

/** The actor a signed-in person acts as: `user:<username>`. */
export function actorOf(user: UserInfo): Actor {
  return { id: `user:${user.username}`, role: user.role };
}

export interface NewUserOptions {
  /**
   * Skip the password rule (`checkNewPassword`). Only for the documented demo sign-ins
   * (`demo`/`demo`, `admin`/`admin`, `reviewer`/`reviewer`) that `loadDemoIfEmpty` creates in an
   * empty store in demo mode, and for test harnesses that stand in for them. Never for real users.
   */
  demoAccount?: boolean;
}

export function validateNewUser(input: { username: string; password: string; role: string }, options: NewUserOptions = {}): void {
  if (!USERNAME.test(input.username))
    throw badRequest('Username must be 2-64 letters, digits, dots, dashes or underscores', 'username');
  if (options.demoAccount) {
    if (input.password.length < 1 || input.password.length > PASSWORD_MAX_LENGTH)
      throw badRequest(`Password must be 1 to ${PASSWORD_MAX_LENGTH} characters`, 'password');
  } else checkNewPassword(input.password, { username: input.username });
  if (!ROLES.includes(input.role as Role)) throw badRequest(`Role must be one of ${ROLES.join(', ')}`, 'role');
}

/**
 * Create a user (the admin screen's `POST /auth/users`; the demo sign-ins through `ensureUser`).
 * The password must follow the rule of `checkNewPassword` (12+ characters, not a common one).
 * @example await createUser(store, { username: 'jdoe', password: 'maple river lantern', role: 'clinician' })
 */
export async function createUser(
  store: Pick<Store, 'sql'>,
  input: { username: string; password: string; role: Role },
  options: NewUserOptions = {},
): Promise<UserInfo> {
  validateNewUser(input, options);
  const existing = await store.sql.query('SELECT 1 FROM galen_web_user WHERE lower(username) = lower($1)', [input.username]);
  if (existing.rowCount > 0 || existing.rows.length > 0) throw conflict(`User "${input.username}" already exists`);
  const hash = await hashPassword(input.password);
  const { rows } = await store.sql.query<UserRow>(
    'INSERT INTO galen_web_user (id, username, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING *',
    [randomUUID(), input.username, hash, input.role],
  );
  return toInfo(rows[0] as UserRow);
}

/** Create the user unless one with that name exists (idempotent start-up). */
export async function ensureUser(
  store: Pick<Store, 'sql'>,
  input: { username: string; password: string; role: Role },
  options: NewUserOptions = {},
) {
  const { rows } = await store.sql.query<UserRow>('SELECT * FROM galen_web_user WHERE lower(username) = lower($1)', [
    input.username,
  ]);
  return rows[0] ? toInfo(rows[0]) : createUser(store, input, options);
}

export async function listUsers(store: Pick<Store, 'sql'>): Promise<UserInfo[]> {
  const { rows } = await store.sql.query<UserRow>('SELECT * FROM galen_web_user ORDER BY username');
  return rows.map(toInfo);
}

/** Disable a user and end their sessions. */
export async function disableUser(store: Pick<Store, 'sql'>, username: string): Promise<UserInfo> {
  const { rows } = await store.sql.query<UserRow>(
    'UPDATE galen_web_user SET disabled_at = now() WHERE lower(username) = lower($1) RETURNING *',
    [username],
  );
  const row = rows[0];
  if (!row) throw notFound(`No user "${username}"`);
  await store.sql.query('DELETE FROM galen_web_session WHERE user_id = $1', [row.id]);
  return toInfo(row);
}

/** Check a username and password; undefined when wrong (same work either way). */
export async function checkPassword(
  store: Pick<Store, 'sql'>,
  username: string,
  password: string,
): Promise<UserInfo | undefined> {
  const { rows } = await store.sql.query<UserRow>(
    'SELECT * FROM galen_web_user WHERE lower(username) = lower($1) AND disabled_at IS NULL',
    [username],
  );
  const row = rows[0];
  const ok = await verifyPassword(password, row?.password_hash ?? (await getDummyHash()));
  return row && ok ? toInfo(row) : undefined;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(store: Pick<Store, 'sql'>, user: UserInfo, ttlMs: number, now = Date.now()) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now + ttlMs).toISOString();
  await store.sql.query('INSERT INTO galen_web_session (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    hashToken(token),
    user.id,
    expiresAt,
  ]);
  // Opportunistic clean-up of long-expired sessions.
  await store.sql.query("DELETE FROM galen_web_session WHERE expires_at < now() - interval '7 days'");
  return { token, expiresAt };
}

export type SessionLookup = { state: 'ok'; session: SessionInfo } | { state: 'expired' } | { state: 'unknown' };

export async function lookupSession(store: Pick<Store, 'sql'>, token: string, now = Date.now()): Promise<SessionLookup> {
  const { rows } = await store.sql.query<UserRow & { expires_at: string | Date }>(
    `SELECT u.*, s.expires_at FROM galen_web_session s JOIN galen_web_user u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND u.disabled_at IS NULL`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return { state: 'unknown' };
  const expiresAt = iso(row.expires_at);
  if (Date.parse(expiresAt) <= now) return { state: 'expired' };
  return { state: 'ok', session: { user: toInfo(row), expiresAt } };
}

export async function deleteSession(store: Pick<Store, 'sql'>, token: string): Promise<void> {
  await store.sql.query('DELETE FROM galen_web_session WHERE token_hash = $1', [hashToken(token)]);
}
