/**
 * Golden output: the generator's bytes for fixed seeds and options, pinned as SHA-256 hashes (the
 * outputs themselves are megabytes and stay out of the repository). A hash is taken over exactly
 * what `galen synth --out` writes: one `JSON.stringify(bundle)` per line for the bundles, one
 * `JSON.stringify(labels)` per line for the labels. A refactoring of the generator must leave every
 * hash unchanged; a deliberate change of the output updates them (run this test and copy the
 * reported hashes) and says why in its commit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Bundle } from '@galen/fhir';
import { demoInpatients, loadDemoPatients } from './demo';
import { generatePatients, type GenerateOptions, type PatientLabels } from './generate';

interface Output {
  bundles: Bundle[];
  labels: PatientLabels[];
}

const sha256 = (lines: readonly unknown[]) => {
  const h = createHash('sha256');
  for (const x of lines) h.update(JSON.stringify(x) + '\n');
  return h.digest('hex');
};

const generated = (options: GenerateOptions): Output => {
  const out: Output = { bundles: [], labels: [] };
  for (const p of generatePatients(options)) {
    out.bundles.push(p.bundle);
    out.labels.push(p.labels);
  }
  return out;
};

/** The demo set exactly as `npm start` loads it (a store that only records the transactions). */
const demoSet = async (count: number, now: string): Promise<{ bundles: Bundle[]; result: unknown }> => {
  const bundles: Bundle[] = [];
  const store = {
    fhir: {
      transaction(b: Bundle): Promise<Bundle> {
        bundles.push(b);
        return Promise.resolve({ resourceType: 'Bundle', type: 'transaction-response' });
      },
    },
  };
  const result = await loadDemoPatients(store, { count, seed: 1, now });
  return { bundles, result };
};

const NOW_2026 = '2026-03-01T08:30:00.000Z';

/** Seeds and options covered; between them every encounter kind, trajectory and label is exercised (see below). */
const CASES: { name: string; options: GenerateOptions }[] = [
  { name: 'seed 1, defaults', options: { count: 30, seed: 1 } },
  { name: 'seed 7, defaults', options: { count: 30, seed: 7 } },
  { name: 'seed 42, defaults', options: { count: 30, seed: 42 } },
  { name: 'office only, string seed', options: { count: 100, seed: 'golden-office', officeOnly: true } },
  { name: 'office only, no notes', options: { count: 100, seed: 7, officeOnly: true, notes: false } },
  { name: 'inpatients only, seed 42', options: { count: 24, seed: 42, inpatientShare: 1 } },
  { name: 'inpatients only, no notes', options: { count: 24, seed: 1, inpatientShare: 1, notes: false } },
  {
    name: 'half inpatients, offset, other now',
    options: { count: 20, seed: 7, inpatientShare: 0.5, offset: 1000, now: NOW_2026 },
  },
  {
    name: 'current inpatients of every trajectory',
    options: {
      count: 8,
      seed: 5,
      now: NOW_2026,
      inpatientShare: 0.3,
      currentInpatients: ['sepsis', 'deteriorating', 'stable', 'aki', 'sepsis'],
    },
  },
];

const GOLDEN: Record<string, { bundles: string; labels: string }> = {
  'seed 1, defaults': {
    bundles: 'd6a88ce16237bc5c1526f750b0e128c6f5c594ccbfc9e571fe731fb9cf88bf55',
    labels: 'cd6d4f53b33ae24d5a6b00134cb581df14edfc5354cd246f0575d06ccd17ee44',
  },
  'seed 7, defaults': {
    bundles: '85d78d5da178ddd057ce841ac760c9fec7b0e4facc0250b52569adb5662a407c',
    labels: '103d707fbaea037ee4139573fb24f6270ddb31c27877863f0a2fd4e01a1429e4',
  },
  'seed 42, defaults': {
    bundles: '8490deb33e8f176d1e4893c74365cc5fbb3adf9617f68b1086ff21290baed764',
    labels: '791b9788e836d21d755cd073d676f76684c653a04815dfa87e36eaf3b60bc9b6',
  },
  'office only, string seed': {
    bundles: '0ca7ca878c8976e3c483463846b6d02da26663f4eee321e22135577ec9e1e6fd',
    labels: 'a7e07fc7950f77c5e873da01c12831014386fd8062d96941166eff5caf90e286',
  },
  'office only, no notes': {
    bundles: 'e76aadc177c2b308434de41ff4540e4b787e6a61a171828f28e7555a8adb405d',
    labels: '82b52b44ccbdac796b028dc98ffab789629db0befbf6eec14379fc4278409d2e',
  },
  'inpatients only, seed 42': {
    bundles: 'd4fd5c2ddb53d9ed1c753a58796fde8e67fbf39bc1f31dfcadd093acec2982a6',
    labels: '76168991a91264f4dfde885b662092c3c8ef1a917209f4dac21af5112a186c9b',
  },
  'inpatients only, no notes': {
    bundles: '9cf670b54fc1fe58eb0748cdaf7d9631c3203f8088ac619e63dcc322eaba1d66',
    labels: '8599b493ce894cfda46feea940dfdf64445cad265203d0501d2b1cd3bdae1f31',
  },
  'half inpatients, offset, other now': {
    bundles: 'e3a110523d9c88bd4f490437c69d0cf015da462e748a758e783a55c65e2ebe98',
    labels: 'd36949cca298fab2a2699a4848577f4782c75f6455943a2786887c31373baea0',
  },
  'current inpatients of every trajectory': {
    bundles: '2d75deadc8ffab98197b0e49186ccf1698c08c6325140a27475ef253931b1014',
    labels: '47bd0c435e8afd6b5acb611296606eb4bbf74d95553bc71d7f86a44b88ecac73',
  },
};

const DEMO_NOW = '2026-01-01T00:00:00.000Z';
const DEMO_GOLDEN = {
  bundles: 'a61f5e900bc90c64be4ab1fb1efb7bd25acce669053d51cd4d36db3c5d64f6a9',
  labels: 'eebc4fdb1bbfaf7798c92c32e296916ef3f445ce16155a0f50e8300fdf11fa02',
  result: '80205f673e2478b3769f4eafeeeb9a95111eea79de11942703f5fd2679a8bbc6',
};

const outputs = new Map(CASES.map((c) => [c.name, generated(c.options)]));

test('same seeds and options give the same bytes as the pinned golden hashes', () => {
  const actual: Record<string, { bundles: string; labels: string }> = {};
  for (const [name, out] of outputs) actual[name] = { bundles: sha256(out.bundles), labels: sha256(out.labels) };
  assert.deepEqual(actual, GOLDEN);
});

test('the demo set (200 patients, seed 1, as npm start loads it) gives the pinned golden hashes', async () => {
  const demo = await demoSet(200, DEMO_NOW);
  // The same patients' labels: loadDemoPatients does not return them, so generate them with its options.
  const { labels } = generated({
    count: 200,
    seed: 1,
    now: DEMO_NOW,
    currentInpatients: demoInpatients(200),
    inpatientShare: 0.08,
  });
  assert.deepEqual({ bundles: sha256(demo.bundles), labels: sha256(labels), result: sha256([demo.result]) }, DEMO_GOLDEN);
});

test('the golden cases exercise every encounter kind, trajectory and label', () => {
  const labels = [...outputs.values()].flatMap((o) => o.labels);
  const bundles = [...outputs.values()].flatMap((o) => o.bundles);
  const admissions = labels.flatMap((l) => l.admissions);
  for (const t of ['stable', 'deteriorating', 'sepsis', 'aki'])
    assert.ok(
      admissions.some((a) => a.trajectory === t && !a.current),
      `past ${t} stay`,
    );
  assert.ok(admissions.some((a) => a.current && a.trajectory === 'sepsis'));
  assert.ok(admissions.some((a) => a.sepsisOnset));
  assert.ok(admissions.some((a) => a.akiOnset));
  assert.ok(admissions.some((a) => a.icu));
  assert.ok(admissions.some((a) => a.readmission30d));
  const classes = new Set(
    bundles.flatMap((b) => (b.entry ?? []).map((e) => (e.resource?.resourceType === 'Encounter' ? e.resource.class.code : ''))),
  );
  for (const c of ['AMB', 'EMER', 'IMP']) assert.ok(classes.has(c), c);
  const notes = new Set(labels.flatMap((l) => l.notes.map((n) => n.type)));
  for (const t of ['hp', 'progress', 'discharge', 'nursing', 'dialogue', 'soap']) assert.ok(notes.has(t as never), t);
});
