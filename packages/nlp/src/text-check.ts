/**
 * Is this text? A check for the boundaries (CLI, operations) that receive bytes or strings from
 * outside: NUL characters, or mostly control characters / U+FFFD replacement characters (what
 * binary data or invalid UTF-8 becomes once decoded), mean "not text". Looks at most at the first
 * 64 K characters, so the cost is constant.
 */
const SAMPLE = 65536;

/** The reason `text` is not text, or `undefined` when it is fine (the empty string is fine). */
export function checkText(text: string): string | undefined {
  const n = Math.min(text.length, SAMPLE);
  if (!n) return undefined;
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return 'contains NUL characters (binary data?)';
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 127) control++;
    else if (c === 0xfffd) replacement++;
  }
  if (control / n > 0.1) return 'mostly control characters (binary data?)';
  if (replacement / n > 0.1) return 'mostly undecodable characters (not UTF-8 text?)';
  return undefined;
}

/** Decode bytes as strict UTF-8; `undefined` when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
