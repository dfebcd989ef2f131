/**
 * CDS client authentication: the client signs a JWT (ES384 or RS384) per request and sends it as
 * `Authorization: Bearer <jwt>`; the service checks `iss` against its trusted clients, verifies
 * the signature with the client's configured public keys, and checks `aud`, `exp`, `iat` and `jti`.
 * Each client also names the FHIR servers it may ask Galen to fetch from (`fhirServers`): the spec
 * leaves it to the service to decide whom it trusts with its network, and Galen trusts a client
 * with exactly the servers its configuration lists.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 * @see https://cds-hooks.hl7.org/2.0/#passing-the-access-token-to-the-cds-service
 */
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { unauthorized } from '@galen/fhir';
import { cdsClientFhirServers, parseCdsClients, type CdsClient as TrustedClient } from '@galen/operations/cds-clients';

/** A trusted client as configured (GALEN_CDS_CLIENTS, parsed and checked by `loadConfig`). */
export type { TrustedClient };

interface Resolved {
  iss: string;
  keys: Array<{ kid?: string; key: KeyObject }>;
  /** Normalised `fhirServers`. */
  fhirServers: string[];
}

/** Parse GALEN_CDS_CLIENTS (`loadConfig` does, into `config.cdsClients`). */
export const parseTrustedClients = parseCdsClients;

function resolve(c: TrustedClient, i: number): Resolved {
  const keys: Resolved['keys'] = [];
  let jwks = c.jwks;
  let pem = c.publicKeyPem;
  if (c.keyFile) {
    const t = readFileSync(c.keyFile, 'utf8');
    if (t.trim().startsWith('{')) jwks = JSON.parse(t) as { keys: JsonWebKey[] };
    else pem = t;
  }
  for (const k of jwks?.keys ?? [])
    keys.push({ kid: typeof k.kid === 'string' ? k.kid : undefined, key: createPublicKey({ key: k, format: 'jwk' }) });
  if (pem) keys.push({ key: createPublicKey(pem) });
  return { iss: c.iss, keys, fhirServers: cdsClientFhirServers(c, i) };
}

const b64url = (s: string) => Buffer.from(s, 'base64url');

export interface JwtClaims {
  iss: string;
  sub?: string;
  aud: string | string[];
  exp: number;
  iat?: number;
  jti?: string;
  [k: string]: unknown;
}

export class JwtVerifier {
  private readonly clients: Map<string, Resolved>;
  private readonly seen = new Map<string, number>();

  constructor(clients: TrustedClient[]) {
    this.clients = new Map(clients.map((c, i) => [c.iss, resolve(c, i)]));
  }

  /** The normalised FHIR server bases the client `iss` may name (none for an unknown client). */
  fhirServersOf(iss: string): readonly string[] {
    return this.clients.get(iss)?.fhirServers ?? [];
  }

  get size(): number {
    return this.clients.size;
  }

  /**
   * Verify `token` for a request to `audience` (the service URL called). Throws 401 with a reason.
   * `nowSec` is the current time in seconds.
   */
  verify(token: string, audience: string, nowSec: number): JwtClaims {
    const parts = token.split('.');
    if (parts.length !== 3) throw unauthorized('Malformed JWT');
    let header: { alg?: string; kid?: string; typ?: string };
    let claims: JwtClaims;
    try {
      header = JSON.parse(b64url(parts[0]!).toString('utf8')) as typeof header;
      claims = JSON.parse(b64url(parts[1]!).toString('utf8')) as JwtClaims;
    } catch {
      throw unauthorized('Malformed JWT');
    }
    if (header.alg !== 'ES384' && header.alg !== 'RS384')
      throw unauthorized(`JWT alg must be ES384 or RS384, got ${String(header.alg).slice(0, 16)}`);
    const client = typeof claims.iss === 'string' ? this.clients.get(claims.iss) : undefined;
    if (!client) throw unauthorized('JWT issuer is not a trusted CDS client');
    const candidates = header.kid ? client.keys.filter((k) => !k.kid || k.kid === header.kid) : client.keys;
    const data = Buffer.from(`${parts[0]}.${parts[1]}`);
    const sig = b64url(parts[2]!);
    const ok = candidates.some(({ key }) => {
      try {
        return header.alg === 'ES384'
          ? key.asymmetricKeyType === 'ec' && verify('sha384', data, { key, dsaEncoding: 'ieee-p1363' }, sig)
          : key.asymmetricKeyType === 'rsa' && verify('sha384', data, key, sig);
      } catch {
        return false;
      }
    });
    if (!ok) throw unauthorized('JWT signature does not verify');
    const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!auds.some((a) => typeof a === 'string' && sameEndpoint(a, audience)))
      throw unauthorized('JWT aud does not match this service');
    if (typeof claims.exp !== 'number' || claims.exp < nowSec - 30) throw unauthorized('JWT expired');
    // The spec recommends an expiry no more than 5 minutes in the future.
    if (claims.exp > nowSec + 3600) throw unauthorized('JWT exp too far in the future');
    if (typeof claims.iat === 'number' && claims.iat > nowSec + 60) throw unauthorized('JWT issued in the future');
    if (claims.jti) {
      const key = `${claims.iss}|${claims.jti}`;
      if (this.seen.has(key)) throw unauthorized('JWT jti was already used');
      this.seen.set(key, claims.exp);
      if (this.seen.size > 10_000) for (const [k, exp] of this.seen) if (exp < nowSec - 30) this.seen.delete(k);
    }
    return claims;
  }
}

/** Compare endpoint URLs ignoring a trailing slash and default ports. */
function sameEndpoint(a: string, b: string): boolean {
  const norm = (s: string) => {
    try {
      const u = new URL(s);
      return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname.replace(/\/$/, '')}`;
    } catch {
      return s.replace(/\/$/, '');
    }
  };
  return norm(a) === norm(b);
}
