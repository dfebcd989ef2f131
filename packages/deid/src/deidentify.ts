/**
 * De-identification of text: detect the PHI, then redact it (`[**NAME**]`), tag it (text unchanged,
 * spans returned) or replace it with surrogates (consistent per patient, dates shifted by a
 * per-patient offset, ages over 89 as "90+").
 */
import type { DeidMode, PhiSpan, PhiType } from './types';
import { detectPhi, type DetectOptions } from './detect';
import { assertDeidKey, deriveKeys } from './key';
import { dateOffsetDays } from './dates';
import { surrogateFor, type SurrogateContext } from './surrogate';
import { encryptMapping, type MappingEntry } from './mapping';

export interface DeidOptions extends DetectOptions {
  mode?: DeidMode;
  /** The secret (>= 32 bytes). Required for `surrogate`; never defaulted. */
  key?: Uint8Array;
  /** Surrogates and date shifts are consistent per patient id (default: one shared id ""). */
  patientId?: string;
  /** Year used to shift dates written without a year ("7/22"). Default 2001 (not a leap year). */
  referenceYear?: number;
  /** Return an encrypted mapping (surrogate/redact modes, needs `key`). */
  mapping?: boolean;
  /** Types left as they are (e.g. `['DATE_YEAR']`). */
  keep?: readonly PhiType[];
}

export interface ReplacedSpan extends PhiSpan {
  /** What the span became in the output text (equal to `text` in tag mode). */
  replacement: string;
}

export interface DeidResult {
  text: string;
  spans: ReplacedSpan[];
  mode: DeidMode;
  /** AES-256-GCM blob for authorised re-identification (only when asked). */
  mapping?: string;
}

/** The `[**TYPE**]` tag for a type. */
export function redactionTag(type: PhiType): string {
  return `[**${type}**]`;
}

/** Build the per-call surrogate context (validates the key). */
export function surrogateContext(options: DeidOptions): SurrogateContext {
  assertDeidKey(options.key);
  const keys = deriveKeys(options.key);
  const patientId = options.patientId ?? '';
  return { keys, patientId, offsetDays: dateOffsetDays(keys, patientId), referenceYear: options.referenceYear };
}

/** Replace spans in text (spans sorted and non-overlapping). */
export function applyReplacements(text: string, spans: readonly ReplacedSpan[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(text.slice(at, s.start), s.replacement);
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * De-identify one text.
 *
 * @example
 * deidentifyText('Seen by Dr. Smith on 7/22.', { mode: 'redact' }).text
 * // 'Seen by Dr. [**NAME**] on [**DATE**].'
 */
export function deidentifyText(text: string, options: DeidOptions = {}): DeidResult {
  const mode = options.mode ?? 'redact';
  if (mode === 'surrogate' || options.mapping) assertDeidKey(options.key);
  const sctx = mode === 'surrogate' ? surrogateContext(options) : undefined;
  const input = typeof text === 'string' ? text : '';
  const keep = new Set(options.keep ?? []);
  // In surrogate mode bare years are shifted too (default), or "MI 1992" beside a shifted
  // "3/4/1992" would show the size of the shift.
  const years = options.years ?? mode === 'surrogate';
  const found = detectPhi(input, { ...options, years }).filter((s) => !keep.has(s.type));
  const spans: ReplacedSpan[] = found.map((s) => {
    if (mode === 'tag') return { ...s, replacement: s.text };
    if (mode === 'redact') return { ...s, replacement: s.type === 'AGE' ? '90+' : redactionTag(s.type) };
    return { ...s, replacement: surrogateFor(s, sctx!) ?? redactionTag(s.type) };
  });
  const out: DeidResult = { text: mode === 'tag' ? input : applyReplacements(input, spans), spans, mode };
  if (options.mapping && options.key && mode !== 'tag') {
    const entries: MappingEntry[] = spans.map((s) => ({
      type: s.type,
      original: s.text,
      replacement: s.replacement,
      ...(options.patientId ? { patientId: options.patientId } : {}),
    }));
    out.mapping = encryptMapping(entries, options.key);
  }
  return out;
}
