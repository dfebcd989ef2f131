/**
 * Reading de-identification's two files, for every surface: the secret key (for surrogates and
 * date shifts) and the site lists (`[names]`, `[places]`). `@galen/deid` never reads files; the
 * deid service reads them from GALEN_DEID_KEY_FILE / GALEN_DEID_SITE_LISTS, the CLI from
 * `--key-file` / `--site-lists`. Each caller says the problem in its own words (a 400 or 500, a
 * usage error); no message carries the file's content.
 */
import { readFile, stat } from 'node:fs/promises';
import { MAX_SITE_LIST_BYTES, MIN_KEY_BYTES, parseSiteLists, SiteListError, type SiteLists } from '@galen/deid';

/** What is wrong with a de-identification file. */
export type DeidFileProblem =
  /** Missing, a folder, no permission. */
  | { kind: 'unreadable' }
  /** A key shorter than `MIN_KEY_BYTES`. */
  | { kind: 'too-short'; bytes: number }
  /** Site lists larger than `MAX_SITE_LIST_BYTES`. */
  | { kind: 'too-large' }
  /** Site lists that do not parse (the error names the problem and line). */
  | { kind: 'invalid'; error: SiteListError };

export class DeidFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: DeidFileProblem,
  ) {
    super(`de-identification file problem: ${problem.kind}`);
    this.name = 'DeidFileError';
  }
}

/**
 * The de-identification key: the file's bytes, at least `MIN_KEY_BYTES` of them.
 * @example const key = await readDeidKeyFile('deid.key'); // made with `openssl rand -out deid.key 32`
 */
export async function readDeidKeyFile(file: string): Promise<Buffer> {
  let key: Buffer;
  try {
    key = await readFile(file);
  } catch {
    throw new DeidFileError(file, { kind: 'unreadable' });
  }
  if (key.length < MIN_KEY_BYTES) throw new DeidFileError(file, { kind: 'too-short', bytes: key.length });
  return key;
}

/**
 * A site lists file, size-checked before it is read, then parsed.
 * @example const { names, places } = await readSiteListsFile('site-lists.txt');
 */
export async function readSiteListsFile(file: string): Promise<SiteLists> {
  let content: Buffer;
  try {
    if ((await stat(file)).size > MAX_SITE_LIST_BYTES) throw new DeidFileError(file, { kind: 'too-large' });
    content = await readFile(file);
  } catch (err) {
    if (err instanceof DeidFileError) throw err;
    throw new DeidFileError(file, { kind: 'unreadable' });
  }
  try {
    return parseSiteLists(content);
  } catch (err) {
    if (err instanceof SiteListError) throw new DeidFileError(file, { kind: 'invalid', error: err });
    throw err;
  }
}
