/**
 * Line-oriented parsing shared by the importers. Every importer is a `LineParser`: fed one line at
 * a time (from a string in tests, from a file stream in the CLI), so that release files larger than
 * a JavaScript string can still be read.
 */
import type { Concept } from '../concept';

/** A malformed input file: the message names the file and line. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(`${file ?? 'input'}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'ImportError';
  }
}

export interface LineParser {
  /** Feed one line (without its line break); `n` is the 1-based line number. */
  line(text: string, n: number): void;
  /** The concepts read so far, once every line has been fed. */
  finish(): Concept[];
}

/** Feed a whole text to a parser. */
export function parseText(parser: LineParser, text: string): Concept[] {
  let n = 0;
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    n++;
    if (line.length || end < text.length) parser.line(line, n);
    start = end + 1;
  }
  return parser.finish();
}

/** Split one CSV record (RFC 4180 quoting; a record never spans lines in the LOINC tables). */
export function splitCsv(line: string, sep = ','): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      if (i < line.length && line[i] !== sep) throw new Error('text after a quoted field');
      i++;
    } else {
      let end = line.indexOf(sep, i);
      if (end < 0) end = line.length;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/** Split a `|`-separated list, dropping empty items. */
export function splitList(value: string | undefined, sep = '|'): string[] {
  return value
    ? value
        .split(sep)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** Map a header row to column positions; throws when a required column is missing. */
export function columns<K extends string>(
  header: string[],
  required: readonly K[],
  file: string,
): Record<K, number> & Record<string, number> {
  const pos: Record<string, number> = {};
  header.forEach((h, i) => (pos[h.trim().replace(/^\?/, '')] = i));
  for (const r of required) if (pos[r] === undefined) throw new ImportError(`missing column "${r}" in header`, file, 1);
  return pos as Record<K, number> & Record<string, number>;
}

/** Add a name to a synonym list unless it is already the display or a synonym (case-insensitively). */
export function addName(c: Concept, name: string | undefined): void {
  const n = name?.trim();
  if (!n) return;
  const l = n.toLowerCase();
  if (c.display.toLowerCase() === l || c.synonyms.some((s) => s.toLowerCase() === l)) return;
  c.synonyms.push(n);
}
