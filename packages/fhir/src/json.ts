/**
 * Strict JSON at the boundary: bytes must be UTF-8 (refused, never repaired with U+FFFD), nesting is
 * bounded and measured without recursion, and strings that no store can hold (NUL, unpaired UTF-16
 * surrogates) are refused. Every surface that reads JSON from outside (HTTP bodies, CLI files, CDS
 * Hooks) should go through `parseJsonStrict`.
 * @see https://www.rfc-editor.org/rfc/rfc8259#section-8.1 (JSON text exchanged between systems SHALL be UTF-8)
 * @see https://hl7.org/fhir/R4/json.html (FHIR JSON is UTF-8)
 */
import { badRequest } from './outcomes';

/**
 * Deepest nesting of objects and arrays accepted (each `{` or `[` is one level). FHIR resources are
 * rarely more than 30 deep (a Synthea transaction bundle: 11); 100 leaves room for deeply nested
 * Questionnaire items while keeping every recursive consumer (validators, serialisers) far from
 * the stack limit.
 */
export const MAX_JSON_DEPTH = 100;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode UTF-8 bytes, refusing malformed sequences (overlongs, surrogates, truncation) with a 400.
 * A leading byte-order mark is accepted and dropped, as JSON parsers commonly do (RFC 8259 §8.1
 * lets a parser ignore it).
 * @example decodeUtf8Strict(new Uint8Array([0x7b, 0x7d])) // '{}'
 */
export function decodeUtf8Strict(bytes: Uint8Array, what = 'The body'): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw badRequest(`${what} is not valid UTF-8`);
  }
}

/**
 * The nesting depth of JSON text, or `-1` as soon as it exceeds `limit`; a single linear scan
 * (strings and escapes skipped), no recursion and no parse.
 */
export function jsonTextDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: jump to its closing quote (one preceded by an even number of backslashes) with
      // indexOf, instead of looking at every character — strings are most of a FHIR body.
      let j = i;
      for (;;) {
        j = text.indexOf('"', j + 1);
        if (j < 0) return max; // unterminated: the parser will refuse it
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((j - 1 - k) % 2 === 0) break;
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return -1;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/**
 * The nesting depth of a parsed value (objects and arrays), or `-1` as soon as it exceeds `limit`.
 * Iterative, so it is safe on any input, including values built in code with cycles (a cycle
 * always ends up deeper than the limit).
 */
export function valueDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  if (value === null || typeof value !== 'object') return 0;
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) {
      max = d;
      if (max > limit) return -1;
    }
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return max;
}

/** NUL, or a UTF-16 surrogate without its pair (matched on code units: no `u` flag). */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a string (value or key) somewhere in `value` holds NUL or an unpaired surrogate. Iterative. */
function hasUnstorableString(value: unknown): boolean {
  const bad = (s: string) => UNSTORABLE.test(s);
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (bad(v)) return true;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (bad(k)) return true;
        stack.push(x);
      }
    }
  }
  return false;
}

export interface ParseJsonOptions {
  /** Deepest nesting accepted; default `MAX_JSON_DEPTH` (100). */
  maxDepth?: number;
  /** What the text is, for messages; default "The body". */
  what?: string;
}

/**
 * Parse JSON from outside strictly; throws a 400 `OperationOutcomeError` saying what is wrong
 * (never quoting the input, which may hold PHI):
 * - bytes that are not UTF-8 ("not valid UTF-8"); a leading BOM is accepted;
 * - nesting deeper than `maxDepth` (checked before parsing, without recursion);
 * - malformed JSON;
 * - strings holding NUL or unpaired surrogates (no database can store them; FHIR strings may not
 *   hold control characters, https://hl7.org/fhir/R4/datatypes.html#string).
 * @example parseJsonStrict(await readFile('bundle.json'), { what: 'bundle.json' })
 */
export function parseJsonStrict(input: Uint8Array | string, options: ParseJsonOptions = {}): unknown {
  const what = options.what ?? 'The body';
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  let text = typeof input === 'string' ? input : decodeUtf8Strict(input, what);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (jsonTextDepth(text, maxDepth) < 0) throw badRequest(`${what} is nested deeper than ${maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(`${what} is not valid JSON`);
  }
  if (hasUnstorableString(value))
    throw badRequest(`${what} holds a string with a NUL character or an unpaired surrogate (not storable Unicode text)`);
  return value;
}
