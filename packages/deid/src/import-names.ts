/**
 * Parse public-domain name lists into the importer's data module:
 * - US Census surname files (`name,rank,count,prop100k,...` with a header), e.g. `Names_2010Census.csv`
 *   (https://www.census.gov/topics/population/genealogy/data/2010_surnames.html);
 * - SSA baby names (`name,sex,count` per line, no header), e.g. `yob1990.txt`
 *   (https://www.ssa.gov/oact/babynames/limits.html).
 * Both are US-government works in the public domain. Parsing is pure; the CLI writes the file.
 */
import type { NameGateOptions } from './name-lists';

export type NameListFormat = 'census' | 'ssa' | 'auto';

export interface ParseNamesOptions {
  format?: NameListFormat;
  /** Skip names with a count below this (rare names are more often also words). */
  minCount?: number;
  /** Keep at most this many names, most frequent first. */
  limit?: number;
}

/** Parse one list; returns lower-case names, most frequent first. */
export function parseNameList(content: string, options: ParseNamesOptions = {}): string[] {
  const rows: Array<{ name: string; count: number }> = [];
  const lines = content.split(/\r?\n/);
  let format = options.format ?? 'auto';
  if (format === 'auto') {
    const first = lines.find((l) => l.trim()) ?? '';
    format = /^[A-Za-z'-]+,[MF],\d+$/.test(first.trim()) ? 'ssa' : 'census';
  }
  const counts = new Map<string, number>();
  for (const line of lines) {
    const cells = line.split(',').map((c) => c.trim());
    const name = cells[0] ?? '';
    if (!/^[A-Za-z][A-Za-z' -]{0,40}$/.test(name) || /^name$/i.test(name) || /^all other names$/i.test(name)) continue;
    const count = format === 'ssa' ? Number(cells[2]) : Number(cells[2]);
    const n = Number.isFinite(count) ? count : 0;
    if (options.minCount !== undefined && n < options.minCount) continue;
    const key = name.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + n); // SSA lists a name once per sex
  }
  for (const [name, count] of counts) rows.push({ name, count });
  rows.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const out = rows.map((r) => r.name);
  return options.limit ? out.slice(0, options.limit) : out;
}

/**
 * The TypeScript source of `data/imported-names.ts` for these names (most frequent first), with the
 * gate settings the detector applies to them (`name-lists.ts`).
 */
export function renderImportedNames(
  firstNames: readonly string[],
  surnames: readonly string[],
  sources: readonly string[] = [],
  gate: NameGateOptions = {},
): string {
  const list = (xs: readonly string[]) => {
    const uniq = [...new Set(xs.map((x) => x.toLowerCase()))];
    const lines: string[] = [];
    for (let i = 0; i < uniq.length; i += 12)
      lines.push(
        `  ${uniq
          .slice(i, i + 12)
          .map((x) => JSON.stringify(x))
          .join(', ')},`,
      );
    return lines.join('\n');
  };
  return `/**
 * Names imported from public-domain lists (US Census name lists, SSA baby names) by
 * \`galen deid import-names\`. This file is rewritten by the importer. The detector gates these
 * names by word class (\`name-lists.ts\`) with the settings below.
 * Sources: ${sources.length ? sources.join(', ') : 'none'}
 */
import type { NameGateOptions } from '../name-lists';

export const IMPORTED_NAME_GATE: NameGateOptions = ${JSON.stringify(gate)};
export const IMPORTED_FIRST_NAMES: readonly string[] = [
${list(firstNames)}
];
export const IMPORTED_SURNAMES: readonly string[] = [
${list(surnames)}
];
`;
}
