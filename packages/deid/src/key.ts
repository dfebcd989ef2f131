/**
 * The de-identification secret. Surrogates, date offsets and the re-identification mapping all
 * derive from one secret of at least 32 bytes, through HKDF-SHA256 with distinct labels
 * (RFC 5869), so that knowing one derived value reveals nothing about the others. There is no
 * default key: a missing or short key is an error.
 */
import { createHmac, hkdfSync } from 'node:crypto';

export const MIN_KEY_BYTES = 32;

export class DeidKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeidKeyError';
  }
}

export interface DerivedKeys {
  surrogate: Buffer;
  date: Buffer;
  mapping: Buffer;
  id: Buffer;
}

/** Throw a clear error unless `key` is a secret of at least 32 bytes. */
export function assertDeidKey(key: unknown): asserts key is Uint8Array {
  if (key === undefined || key === null)
    throw new DeidKeyError(
      'A de-identification key is required for surrogate mode (at least 32 bytes; e.g. `openssl rand -out deid.key 32`).',
    );
  if (!(key instanceof Uint8Array)) throw new DeidKeyError('The de-identification key must be bytes (a Buffer or Uint8Array).');
  if (key.length < MIN_KEY_BYTES)
    throw new DeidKeyError(
      `The de-identification key is too short: ${key.length} bytes, at least ${MIN_KEY_BYTES} are required.`,
    );
}

const cache = new WeakMap<Uint8Array, DerivedKeys>();

/** Derive the purpose keys from the secret. */
export function deriveKeys(key: Uint8Array): DerivedKeys {
  assertDeidKey(key);
  const hit = cache.get(key);
  if (hit) return hit;
  const d = (label: string) => Buffer.from(hkdfSync('sha256', key, Buffer.from('galen-deid-v1'), Buffer.from(label), 32));
  const out = { surrogate: d('surrogate'), date: d('date-offset'), mapping: d('mapping-aes-256-gcm'), id: d('resource-id') };
  cache.set(key, out);
  return out;
}

/** HMAC-SHA256 of the parts joined with a separator that cannot occur inside them unescaped. */
export function hmac(key: Buffer, ...parts: string[]): Buffer {
  return createHmac('sha256', key)
    .update(parts.map((p) => p.replace(/\|/g, '||')).join('|\u0000'))
    .digest();
}

/** A uniform integer in [0, n) from an HMAC (n far below 2^32, so the modulo bias is negligible). */
export function uniform(h: Buffer, n: number, offset = 0): number {
  return h.readUInt32BE(offset % 28) % n;
}
