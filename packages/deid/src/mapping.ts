/**
 * The optional re-identification mapping: a list of (type, original, replacement) encrypted with
 * AES-256-GCM under a key derived from the secret. The 96-bit nonce is synthetic (HMAC of the
 * plaintext, as in SIV constructions, RFC 5297 §1.3.4), so the function needs no randomness and the
 * same mapping always encrypts to the same blob; two different mappings get different nonces.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { deriveKeys, hmac } from './key';

export interface MappingEntry {
  type: string;
  original: string;
  replacement: string;
  patientId?: string;
}

const PREFIX = 'galen-deid-map-v1';

export function encryptMapping(entries: readonly MappingEntry[], key: Uint8Array): string {
  const k = deriveKeys(key).mapping;
  const plain = Buffer.from(JSON.stringify(entries), 'utf8');
  const iv = hmac(k, 'nonce', plain.toString('base64')).subarray(0, 12);
  const c = createCipheriv('aes-256-gcm', k, iv);
  c.setAAD(Buffer.from(PREFIX));
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return [PREFIX, iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

/** Decrypt a mapping; throws when the key is wrong or the blob was altered. */
export function decryptMapping(blob: string, key: Uint8Array): MappingEntry[] {
  const k = deriveKeys(key).mapping;
  const parts = blob.split('.');
  if (parts.length !== 4 || `${parts[0]}` !== PREFIX) throw new Error('Not a Galen de-identification mapping');
  const d = createDecipheriv('aes-256-gcm', k, Buffer.from(parts[1]!, 'base64url'));
  d.setAAD(Buffer.from(PREFIX));
  d.setAuthTag(Buffer.from(parts[2]!, 'base64url'));
  const plain = Buffer.concat([d.update(Buffer.from(parts[3]!, 'base64url')), d.final()]);
  return JSON.parse(plain.toString('utf8')) as MappingEntry[];
}
