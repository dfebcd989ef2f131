/**
 * Cross-site request protection for cookie sessions: a request that changes something
 * (POST, PUT, PATCH, DELETE) and is not authenticated by a bearer key must come from one of this
 * server's own pages. Browsers send `Origin` on every such request (same-origin `fetch` included),
 * so the check is the one OWASP recommends as a defence in depth beside `SameSite=Strict`:
 * - `Origin` (or, absent that, the origin of `Referer`) must be the server's own origin, taken from
 *   the `Host` header and the connection's protocol (and `https` too when cookies are `Secure`),
 *   or one listed in GALEN_ALLOWED_ORIGINS (e.g. the public origin of a reverse proxy that
 *   rewrites `Host`);
 * - a request carrying the session cookie with neither header is refused;
 * - a foreign origin is refused even without a cookie (so a cross-site form cannot sign a browser
 *   into an attacker's account either);
 * - requests with a bearer key are not affected: a cross-site page cannot attach one.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html#using-standard-headers-to-verify-origin
 * @see https://fetch.spec.whatwg.org/#origin-header
 */
import type { FastifyRequest } from 'fastify';
import { forbidden } from '@galen/fhir';
import { SESSION_COOKIE, readCookie } from './cookies';

export interface OriginPolicy {
  /** Other origins whose pages may send cookie-authenticated writes (GALEN_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** Cookies are `Secure` (GALEN_SECURE_COOKIES): the server is reached over HTTPS, maybe via a proxy. */
  https?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOfUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The server's own origins for this request (from `Host`, which a cross-site page cannot choose). */
function ownOrigins(request: FastifyRequest, policy: OriginPolicy): string[] {
  const host = request.headers.host;
  if (!host) return [];
  const out: string[] = [];
  for (const scheme of new Set([request.protocol, ...(policy.https ? ['https'] : [])])) {
    const o = originOfUrl(`${scheme}://${host}`);
    if (o) out.push(o);
  }
  return out;
}

/**
 * Throw a 403 OperationOutcome when a state-changing request that is not authenticated by a bearer
 * key comes from another site (see the module comment). Called by the server's auth hook for every
 * request, public routes included.
 * @example checkRequestOrigin(request, { allowedOrigins: ['https://galen.example.org'] })
 */
export function checkRequestOrigin(request: FastifyRequest, policy: OriginPolicy = {}): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (/^Bearer\s+\S+$/i.test(request.headers.authorization ?? '')) return;
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const claimed = typeof origin === 'string' ? origin : typeof referer === 'string' ? referer : undefined;
  if (claimed === undefined) {
    if (readCookie(request.headers.cookie, SESSION_COOKIE))
      throw forbidden(
        'Refused: a signed-in request that changes data must carry an Origin or Referer header ' +
          '(cross-site request protection). Browsers send one; scripts should use an API key.',
      );
    return;
  }
  const from = claimed === origin ? 'Origin' : 'Referer';
  const actual = originOfUrl(claimed);
  if (actual && (ownOrigins(request, policy).includes(actual) || policy.allowedOrigins?.includes(actual))) return;
  throw forbidden(
    `Refused: cross-site request (${from} ${(actual ?? claimed).slice(0, 100)} is not this server's origin). ` +
      'Call Galen from another site with an API key, or list that origin in GALEN_ALLOWED_ORIGINS.',
  );
}
