/**
 * Test support for the golden detection test (`detect-golden.test.ts`): fixed text sets, the
 * option combinations the CLI and `galen eval deid` use, and a SHA-256 over the canonical JSON of
 * every span `detectPhi` returns. A change of any span (offset, type, text, subtype or source) or
 * of what a patient memory learnt changes the hash.
 *
 * The built-in sets are always there (the deid tests' own strings and a few hundred generated
 * lines, all invented). The data sets come from `../shared/data` through `@galen/eval`'s loaders
 * and are absent on a machine without that folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPhiMemory, detectPhi, type DetectOptions, type PhiMemory } from '../detect';
import { parseSiteLists } from '../site-lists';
import type { NameLists } from '../name-lists';
import type { PhiSpan } from '../types';
import { GOLDEN_TEST_TEXTS } from './golden-texts';

export interface GoldenDoc {
  /** Documents of one patient share a memory in the memory configurations. */
  patient: string;
  text: string;
}

export interface GoldenSet {
  name: string;
  docs: GoldenDoc[];
}

export interface GoldenConfig {
  name: string;
  options?: DetectOptions;
  /**
   * `one-pass`: one memory per patient, documents in order (as `galen deid`); `two-pass`: a first
   * pass that only learns, then detection with the memory (as `galen eval deid`).
   */
  memory?: 'one-pass' | 'two-pass';
}

/** Canonical JSON: object keys sorted, so the hash does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The canonical lines of one run of a configuration over a set (one line per document, then memories). */
export function runLines(set: GoldenSet, config: GoldenConfig): string[] {
  const lines: string[] = [];
  const memories = new Map<string, PhiMemory>();
  const memoryOf = (pid: string) => {
    let m = memories.get(pid);
    if (!m) memories.set(pid, (m = createPhiMemory()));
    return m;
  };
  const detect = (d: GoldenDoc): PhiSpan[] =>
    detectPhi(d.text, config.memory ? { ...config.options, memory: memoryOf(d.patient) } : config.options);
  if (config.memory === 'two-pass') for (const d of set.docs) detect(d);
  set.docs.forEach((d, i) => lines.push(canonical([i, detect(d)])));
  for (const [pid, m] of [...memories].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    lines.push(canonical([pid, [...m.names].sort(), [...m.places].sort()]));
  return lines;
}

/** SHA-256 (hex) of a run's canonical lines. */
export function hashRun(set: GoldenSet, config: GoldenConfig): string {
  const h = createHash('sha256');
  for (const line of runLines(set, config)) h.update(`${line}\n`);
  return h.digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Site lists and name lists used by the configurations (invented names and places)

const SITE_FILE = `[names]
Quorvath
Anna Zelbrand
Will
Zelbrand 2nd
Marisela
[places]
Bellmere Ward
Holy Cross
Pemberlee
Telemetry
The Pines
5 North
Unit 4B
Hôtel-Quorvath
Lantern Bay
`;

const site = parseSiteLists(SITE_FILE);
/** Site lists as `--site-lists F` passes them. */
export const SITE_OPTIONS: DetectOptions = { extraNames: site.names, extraLocations: site.places };

/** A small invented name list (the name-lists tests' own). */
export const TEST_NAME_LISTS: NameLists = {
  firstNames: ['Zandrew', 'Will', 'Jan', 'Mo'],
  surnames: ['Quorvath', 'Pillow', 'Heparn', 'Bovie', 'Allegra', 'Neice', 'Spanish', 'Blenkiso'],
  source: 'test',
};

// ---------------------------------------------------------------------------------------------
// Built-in sets

/** mulberry32: a small seeded generator, so the generated lines never change. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Vocabulary for the generated lines, written for Galen: common given names and surnames, invented
// ones, cue words, places (real city names and invented ones), dates, numbers that look like dates.
const VOCAB: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries({
    first:
      'Mary|John|Anna|Will|Grace|Bill|Lou|Carol|Frederick|Marisela|Teodoro|Zandrew|Lucie|Janet|Sarah|Georgia|Pat|Mark|Jean|Leona|Warren|Brenda|Hank|Suzette',
    last: 'Smith|Jones|Quorvath|Whitcombe|Varnetti|Peltonen|Kowalczyk|Lange|Coleridge|Hudson|Labowich|Blake|Robinson|Parker|Harrington|Baker|Willis|Marotta|Gilliam|Healey|Quixley|Tolliver|Vintrella|Boxwell',
    title: 'Dr.|Dr|DR|Mr.|Mrs.|Ms.|MS|Doctor|dr.',
    cred: 'RN|MD|NP|RRT|PA|rn|LICSW',
    rel: 'wife|husband|son|daughter|dtr|HCP is daughter|friend|sister|Wife|SON',
    role: 'caseworker|rabbi|pcp|nurse|resident|attending|NP|chaplain',
    verb: 'spoke with|per|seen by|paged|notified|discussed with|d/w|called',
    city: 'Baltimore|Boston|Springfield|Pikesville|Lochbridge|Glenarvon|Kaplanville|Towson|Randallstown|Reading|Salem|Columbia',
    inst: 'Holy Cross Hospital|Calvert Hospital|MGH|VAMC|XYMC|University of Maryland|St. Joseph|Union Memorial|Whitcombe Clinic|Pulmonary Medicine Clinic|the hospital',
    ward: 'Quartermain 3|209 westbrook|Bellmere Ward|5 North|Unit 4B|the Pines unit|Telemetry',
    date: '7/22|3/4/87|2187-03-04|July 22nd|22-Jul|Jul 22, 2187|in Sept.|Christmas|10/95|6.14.02|22/3/2187|since November|May 3|may 3',
    notDate:
      '2/6 systolic murmur|pulses 2/4|motor 4/5|PS 10/5|5/5 throughout|pain 6/10|1/2 NS|BP 120/80|Vytorin 10/40 mg|39 and 3/7th weeks|8/12 cores',
    phone: '617-555-1234|(410) 555-0199|pager #32007|202 2671093|x4421|cell 555-0101|ext. 12',
    id: 'MRN: 00123456|acct 44-22991|Medicare 1EG4TE5MK73|SSN 123-45-6789|lic # A1234567',
    age: '92 yo|94 yof|58 year old|101-year-old|aged 91|99 F',
    year: "1992|'92|CABG 1957|MI 09|in 95|2130|1900 units",
    street: '12 Elm Street|45 N. Oak Ave|PO Box 1234|9 Harbor Rd apt 4',
    eponym: "#19 Blake drain|Bard Parker blade|Cooper's ligament|Murphy sign|St. Jude valve|Foley|Swan-Ganz|circle of Willis",
    web: 'jane.doe@example.com|https://example.org/x?y=1|10.0.0.12|www.example.net/p',
  }).map(([k, v]) => [k, v.split('|')]),
);

const TEMPLATES = [
  '{title} {last} aware of the K {num}.',
  '{verb} {first} {last} re plan of care.',
  'Note by {first} {last}, {cred}',
  '{first} {initial}. {last}, {cred}',
  'his {rel} {first} called {phone}.',
  '{rel}, {first} {last}, at bedside.',
  'Pt seen by {role} {first} {last}.',
  'per {last} will hold lasix tonight.',
  '{initial}. {last} aware.',
  'Transferred from {inst} on {date}.',
  'Lives in {city} with her {rel}.',
  'transferred to {ward} {date}; family lives near {city}.',
  'Pt is a {age} admitted {date} with sob.',
  '{first} {last} is a {num} yr old female admitted with sob',
  '{id}. Seen {date}. {notDate}.',
  'Exam: {notDate}; {notDate}. Plan: recheck {date}.',
  'PMH: {year}. HTN. {year}.',
  'He works for {last}co and travels; went to {city} for a week.',
  '{title} {last} and {title} {last} discussed with {rel} {first}.',
  '{first} and {first} visited this evening.',
  'ops: {eponym}; {eponym}; {eponym}.',
  'email {web} or call {phone}.',
  '{street}, {city}, MA 02115',
  '{role} {first} made aware, {verb} {last} {date}.',
  'CONTACT PERSON {first} {last} ({phone}). SON IN.',
  '{first} {last} aware and will see.',
  '{last} ({role}) at the bedside; {last} ({rel}) called.',
  'moving from {city}; seen at {inst}; returned to {ward}.',
  'Dr {first} {last} saw pt. Later {last} called back.',
  'K 3.2. PER {last} WILL HOLD. {title} {last} PAGED.',
];

function generated(): GoldenSet {
  const rnd = random(20240518);
  const pick = (k: string) => {
    const l = VOCAB[k]!;
    return l[Math.floor(rnd() * l.length)]!;
  };
  const line = () =>
    TEMPLATES[Math.floor(rnd() * TEMPLATES.length)]!.replace(/\{(\w+)\}/g, (_, k: string) =>
      k === 'initial'
        ? String.fromCharCode(65 + Math.floor(rnd() * 26))
        : k === 'num'
          ? String(Math.floor(rnd() * 120))
          : pick(k),
    );
  const docs: GoldenDoc[] = [];
  for (let d = 0; d < 40; d++) {
    const lines = Array.from({ length: 10 }, line);
    let text = lines.join(d % 2 ? '\n' : ' ');
    if (d % 5 === 3) text = text.toUpperCase();
    if (d % 5 === 4) text = text.toLowerCase();
    docs.push({ patient: `g${d % 8}`, text });
  }
  return { name: 'generated', docs };
}

/** The deid tests' strings one by one, and joined in one document (as written, upper, lower case). */
function testTexts(): GoldenSet {
  const all = GOLDEN_TEST_TEXTS.join('\n');
  const docs: GoldenDoc[] = GOLDEN_TEST_TEXTS.map((text, i) => ({ patient: `t${i % 5}`, text }));
  docs.push(
    ...[all, all.toUpperCase(), all.toLowerCase(), GOLDEN_TEST_TEXTS.join(' ')].map((text) => ({ patient: 'all', text })),
  );
  return { name: 'test-texts', docs };
}

/** Texts over the 256 KB chunk size: with line breaks to split at, and without. */
function longTexts(): GoldenSet {
  const unit =
    'Pt seen by Dr. Smith on 7/22. BP 120/80, crackles 1/3 up. Wife Mary called 617-555-1234. ((([[[ 1111111 aaaaaaaa ';
  const flat = unit.repeat(Math.ceil(600_000 / unit.length));
  const lines = GOLDEN_TEST_TEXTS.join('\n').repeat(40);
  return {
    name: 'long',
    docs: [
      { patient: 'l', text: flat },
      { patient: 'l', text: lines },
    ],
  };
}

export function builtInSets(): GoldenSet[] {
  return [testTexts(), generated(), longTexts()];
}

// ---------------------------------------------------------------------------------------------
// Data sets (../shared/data)

export const SHARED_DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

/**
 * The clinical text corpora under ../shared/data, or undefined when the folder is absent. Only
 * detector output over them is hashed; nothing here reads gold labels or tunes on them.
 */
export async function dataSets(): Promise<GoldenSet[] | undefined> {
  if (!existsSync(SHARED_DATA)) return undefined;
  const out: GoldenSet[] = [];
  const { physionetAvailable, loadPhysionetDeid } = await import('@galen/eval/deid-physionet');
  const { presidioAvailable, loadPresidio } = await import('@galen/eval/deid-presidio');
  const { hasAciBench, loadAciBench } = await import('@galen/eval/aci-bench');
  const { parseCsvRecords } = await import('@galen/eval/csv');
  if (physionetAvailable())
    out.push({
      name: 'physionet-deid',
      docs: loadPhysionetDeid(undefined, 'all').map((n) => ({ patient: n.patientId, text: n.text })),
    });
  if (presidioAvailable())
    out.push({ name: 'presidio', docs: loadPresidio().map((n) => ({ patient: n.patientId, text: n.text })) });
  const mts = `${SHARED_DATA}mtsamples/mtsamples_subset.csv`;
  if (existsSync(mts))
    out.push({
      name: 'mtsamples',
      docs: parseCsvRecords(readFileSync(mts, 'utf8')).map((r, i) => ({ patient: String(i), text: r.transcription ?? '' })),
    });
  if (hasAciBench()) {
    const docs: GoldenDoc[] = [];
    for (const split of ['train', 'valid', 'test1'])
      for (const e of loadAciBench(split))
        docs.push({ patient: e.encounterId, text: e.dialogue }, { patient: e.encounterId, text: e.note });
    out.push({ name: 'aci-bench', docs });
  }
  const dialog = `${SHARED_DATA}mts-dialog/Main-Dataset/`;
  if (existsSync(dialog)) {
    const docs: GoldenDoc[] = [];
    for (const f of ['MTS-Dialog-TrainingSet.csv', 'MTS-Dialog-ValidationSet.csv', 'MTS-Dialog-TestSet-1-MEDIQA-Chat-2023.csv']) {
      if (!existsSync(dialog + f)) continue;
      for (const r of parseCsvRecords(readFileSync(dialog + f, 'utf8')))
        docs.push({ patient: `${f}:${r.ID}`, text: r.section_text ?? '' }, { patient: `${f}:${r.ID}`, text: r.dialogue ?? '' });
    }
    out.push({ name: 'mts-dialog', docs });
  }
  const negex = `${SHARED_DATA}negex/annotations/Annotations-1-120.txt`;
  if (existsSync(negex)) {
    const seen = new Set<string>();
    const docs: GoldenDoc[] = [];
    for (const line of readFileSync(negex, 'utf8').split(/\r?\n/).slice(1)) {
      const s = line.split('\t')[2];
      if (!s || seen.has(s)) continue;
      seen.add(s);
      docs.push({ patient: line.split('\t')[0] ?? '', text: s });
    }
    out.push({ name: 'negex', docs });
  }
  return out;
}

/** The 1990 US Census name lists with the gate `galen eval deid --names census-1990` uses, if installed. */
export async function censusNameLists(): Promise<NameLists | undefined> {
  const { census1990NameLists } = await import('@galen/eval/deid-census');
  return census1990NameLists();
}

// ---------------------------------------------------------------------------------------------
// The cases: which configurations run over which sets

export interface GoldenCase {
  /** `<set>/<config>`: the key of the expected hash. */
  key: string;
  set: GoldenSet;
  config: GoldenConfig;
}

const DEFAULT: GoldenConfig = { name: 'default' };
const YEARS: GoldenConfig = { name: 'years', options: { years: true } };
/** `galen eval deid` (physionet): two passes per patient, years. */
const EVAL: GoldenConfig = { name: 'eval', options: { years: true }, memory: 'two-pass' };
/** `galen deid` on text files: one memory per patient, in order. */
const DEID: GoldenConfig = { name: 'deid', memory: 'one-pass' };
const SITE_EVAL: GoldenConfig = { name: 'site-eval', options: { ...SITE_OPTIONS, years: true }, memory: 'two-pass' };

/** Every case for the built-in sets; `census` adds the census-list cases when the lists are installed. */
export function builtInCases(census: NameLists | undefined): GoldenCase[] {
  const [texts, gen, long] = builtInSets() as [GoldenSet, GoldenSet, GoldenSet];
  const configs: GoldenConfig[] = [
    DEFAULT,
    YEARS,
    EVAL,
    DEID,
    SITE_EVAL,
    { name: 'site', options: SITE_OPTIONS },
    { name: 'types', options: { types: ['NAME', 'LOCATION', 'DATE_YEAR'], years: true } },
    { name: 'known', options: { knownNames: ['Zorblat Qwin', 'Marisela Quendrix', 'Smith, John'] } },
    { name: 'name-lists', options: { nameLists: TEST_NAME_LISTS } },
    ...(census
      ? [
          { name: 'census-eval', options: { years: true, nameLists: census }, memory: 'two-pass' as const },
          { name: 'census', options: { nameLists: census } },
        ]
      : []),
  ];
  const cases: GoldenCase[] = [];
  for (const set of [texts, gen]) for (const config of configs) cases.push({ key: `${set.name}/${config.name}`, set, config });
  for (const config of [DEFAULT, YEARS]) cases.push({ key: `${long.name}/${config.name}`, set: long, config });
  return cases;
}

/** Every case for the data sets (each set by name). */
export function dataCases(sets: GoldenSet[], census: NameLists | undefined): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const add = (set: GoldenSet, configs: GoldenConfig[]) => {
    for (const config of configs) cases.push({ key: `${set.name}/${config.name}`, set, config });
  };
  for (const set of sets) {
    if (set.name === 'physionet-deid')
      add(set, [
        DEFAULT,
        EVAL,
        DEID,
        SITE_EVAL,
        ...(census ? [{ name: 'census-eval', options: { years: true, nameLists: census }, memory: 'two-pass' as const }] : []),
      ]);
    else if (set.name === 'presidio')
      add(set, [DEFAULT, ...(census ? [{ name: 'census', options: { nameLists: census } }] : [])]);
    else if (set.name === 'mtsamples') add(set, [DEFAULT, YEARS]);
    else add(set, [DEFAULT]);
  }
  return cases;
}
