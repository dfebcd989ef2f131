/**
 * API keys: `galen_<43 url-safe random chars>`, shown once; only the sha256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { badRequest, notFound } from '@galen/fhir';
import type { Role } from './repository';
import { ROLES } from './repository';
import type { ApiKeyInfo, ApiKeyStore, SqlClient } from './store';

export const KEY_PREFIX = 'galen_';

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

interface KeyRow {
  id: string;
  name: string;
  role: Role;
  patient_id: string | null;
  scopes: string[] | null;
  created_at: Date | string;
  revoked_at: Date | string | null;
}

function toInfo(r: KeyRow): ApiKeyInfo {
  const info: ApiKeyInfo = { id: r.id, name: r.name, role: r.role, createdAt: new Date(r.created_at).toISOString() };
  if (r.patient_id) info.patientId = r.patient_id;
  if (r.scopes) info.scopes = r.scopes;
  if (r.revoked_at) info.revokedAt = new Date(r.revoked_at).toISOString();
  return info;
}

export class SqlApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: SqlClient) {}

  async create(input: {
    name: string;
    role: Role;
    patientId?: string;
    scopes?: string[];
  }): Promise<{ key: string; info: ApiKeyInfo }> {
    if (!ROLES.includes(input.role))
      throw badRequest(`Unknown role "${String(input.role).slice(0, 32)}" (use ${ROLES.join(', ')})`);
    if (!input.name || typeof input.name !== 'string') throw badRequest('An API key needs a name');
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const id = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
    const r = await this.db.query<KeyRow>(
      `INSERT INTO api_keys (id, name, role, patient_id, scopes, key_hash) VALUES ($1, $2, $3, $4, $5::text[], $6)
       RETURNING id, name, role, patient_id, scopes, created_at, revoked_at`,
      [id, input.name, input.role, input.patientId ?? null, input.scopes ?? null, hashKey(key)],
    );
    return { key, info: toInfo(r.rows[0]!) };
  }

  async verify(secret: string): Promise<ApiKeyInfo | undefined> {
    if (typeof secret !== 'string' || !secret.startsWith(KEY_PREFIX) || secret.length > 200) return undefined;
    const r = await this.db.query<KeyRow>(
      `SELECT id, name, role, patient_id, scopes, created_at, revoked_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hashKey(secret)],
    );
    const row = r.rows[0];
    return row ? toInfo(row) : undefined;
  }

  async list(): Promise<ApiKeyInfo[]> {
    const r = await this.db.query<KeyRow>(
      'SELECT id, name, role, patient_id, scopes, created_at, revoked_at FROM api_keys ORDER BY created_at, id',
    );
    return r.rows.map(toInfo);
  }

  async revoke(id: string): Promise<void> {
    const r = await this.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
    if (r.rowCount === 0) {
      const exists = await this.db.query('SELECT 1 FROM api_keys WHERE id = $1', [id]);
      if (!exists.rows.length) throw notFound(`API key ${id} not found`);
    }
  }
}
