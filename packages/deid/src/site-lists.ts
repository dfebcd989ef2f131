/**
 * Site lists: the names and places a hospital knows and no general dictionary holds (its staff
 * roster, wards and units, its own and nearby hospitals, local towns and streets). The surfaces
 * (operations, CLI) read the file; this module only parses its content and does no I/O.
 *
 * Format: plain UTF-8 text, one entry per line, `#` starts a comment, blank lines ignored, and
 * two sections:
 *
 *     [names]
 *     Quorvath
 *     Anna Bellweather
 *     [places]
 *     Bellmere Ward
 *     Holy Cross
 *
 * Entries are matched case-insensitively; a multi-word entry is a phrase (all its words in order).
 */

/** Largest accepted file (bytes). */
export const MAX_SITE_LIST_BYTES = 10 * 1024 * 1024;
/** Longest accepted line (characters). */
export const MAX_SITE_LIST_LINE = 200;

export interface SiteLists {
  /** Clinician and other local person names (`[names]`). */
  names: string[];
  /** Wards, units, hospitals, towns, streets (`[places]`). */
  places: string[];
}

/** A malformed site list file. The message names the problem and the line, never the content. */
export class SiteListError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `site lists, line ${line}: ${message}`);
    this.name = 'SiteListError';
  }
}

const SECTIONS = new Set(['names', 'places']);

function decode(content: string | Uint8Array): string {
  if (typeof content === 'string') {
    if (Buffer.byteLength(content, 'utf8') > MAX_SITE_LIST_BYTES)
      throw new SiteListError(`site lists file is larger than ${MAX_SITE_LIST_BYTES / 1024 / 1024} MB`);
    return content;
  }
  if (content.byteLength > MAX_SITE_LIST_BYTES)
    throw new SiteListError(`site lists file is larger than ${MAX_SITE_LIST_BYTES / 1024 / 1024} MB`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new SiteListError('site lists file is binary (not UTF-8 text)');
  }
}

/**
 * Parse a site lists file (text or raw bytes). Entries are trimmed, inner white space collapsed,
 * and duplicates (ignoring case) dropped. Throws `SiteListError` for a file over 10 MB, a binary
 * file, a line over 200 characters, an unknown section, an entry before any section, or an entry
 * with fewer than two letters.
 *
 * @example
 * parseSiteLists('[names]\nQuorvath\n[places]\nBellmere Ward\n');
 * // { names: ['Quorvath'], places: ['Bellmere Ward'] }
 */
export function parseSiteLists(content: string | Uint8Array): SiteLists {
  const text = decode(content).replace(/^\uFEFF/, '');
  // NUL and other control characters (besides tab, CR, LF, FF) do not occur in a text file.
  if (/[\u0000-\u0008\u000E-\u001F\u007F\uFFFD]/.test(text)) throw new SiteListError('site lists file is binary (not text)');
  const out: SiteLists = { names: [], places: [] };
  const seen = { names: new Set<string>(), places: new Set<string>() };
  let section: 'names' | 'places' | undefined;
  const lines = text.split(/\r?\n|\r/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const line = n + 1;
    if (raw.length > MAX_SITE_LIST_LINE) throw new SiteListError(`line is longer than ${MAX_SITE_LIST_LINE} characters`, line);
    const hash = raw.indexOf('#');
    const body = (hash >= 0 ? raw.slice(0, hash) : raw).replace(/\s+/g, ' ').trim();
    if (!body) continue;
    const header = /^\[\s*([^\]]*?)\s*\]$/.exec(body);
    if (header) {
      const name = header[1]!.toLowerCase();
      if (!SECTIONS.has(name)) throw new SiteListError('unknown section (expected [names] or [places])', line);
      section = name as 'names' | 'places';
      continue;
    }
    if (body.startsWith('[')) throw new SiteListError('malformed section header (expected [names] or [places])', line);
    if (!section) throw new SiteListError('entry before any section (start with [names] or [places])', line);
    if ((body.match(/[A-Za-z\u00C0-\u024F]/g) ?? []).length < 2)
      throw new SiteListError('entry has fewer than two letters', line);
    const key = body.toLowerCase();
    if (seen[section].has(key)) continue;
    seen[section].add(key);
    out[section].push(body);
  }
  return out;
}
