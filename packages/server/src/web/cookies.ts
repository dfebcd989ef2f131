/** The session cookie's name and a reader for one cookie of a `Cookie` header. */

export const SESSION_COOKIE = 'galen_session';

/** Parse one cookie from a `Cookie` header. @see https://httpwg.org/specs/rfc6265.html#cookie */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const v = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(v);
      } catch {
        return v;
      }
    }
  }
  return undefined;
}
