/**
 * Static serving of the built web app with an SPA fallback: any GET that is not an API, FHIR or
 * auth path and names no file gets `index.html`, so deep links (`/patients/123`) survive a reload.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Paths the SPA fallback must never answer. */
export const RESERVED_PREFIXES = ['/api/', '/fhir/', '/auth/', '/cds-services', '/health', '/metrics', '/.well-known/'];

export function isReservedPath(path: string): boolean {
  return RESERVED_PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p));
}

/** Resolve a URL path inside `root`, or undefined when it escapes it. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = normalize(join(root, decoded));
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  return full.startsWith(base) || full === normalize(root) ? full : undefined;
}

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Hashed assets can be cached for a year; index.html must not be. */
  immutable: boolean;
}

export async function loadStatic(root: string, urlPath: string): Promise<StaticFile | undefined> {
  const file = resolveInside(root, urlPath);
  if (file) {
    const st = await stat(file).catch(() => undefined);
    if (st?.isFile()) {
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return { body: await readFile(file), type, immutable: urlPath.startsWith('/assets/') };
    }
  }
  if (isReservedPath(urlPath) || /\.[a-z0-9]{1,8}$/i.test(urlPath.split('?')[0] ?? '')) return undefined;
  const index = await readFile(join(root, 'index.html')).catch(() => undefined);
  return index ? { body: index, type: TYPES['.html'] as string, immutable: false } : undefined;
}
