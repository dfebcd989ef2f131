import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rougeN, scoreRouge, scoreRougeCorpus, tokenizeRouge } from './rouge';
import { stemPorter } from './porter-stemmer';
import { parseCsv } from './csv';
import { hasAciBench, loadAciBench, loadAciPredictions } from './aci-bench';

test('tokenises like rouge-score: lower-case, non-alphanumerics split', () => {
  assert.deepEqual(tokenizeRouge("The patient's BP: 120/80, well-controlled."), [
    'the',
    'patient',
    's',
    'bp',
    '120',
    '80',
    'well',
    'controlled',
  ]);
  assert.deepEqual(tokenizeRouge('Running médical tests', true), ['run', 'm', 'dical', 'test']);
});

test('Porter stemmer on classic examples', () => {
  const cases: [string, string][] = [
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['ties', 'tie'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['sing', 'sing'],
    ['conflated', 'conflat'],
    ['hopping', 'hop'],
    ['falling', 'fall'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['generalization', 'gener'],
    ['hopefulness', 'hope'],
    ['adjustment', 'adjust'],
    ['controlling', 'control'],
    ['dying', 'die'],
    ['sky', 'sky'],
    ['hypertension', 'hypertens'],
    ['medications', 'medic'],
  ];
  for (const [w, s] of cases) assert.equal(stemPorter(w), s, w);
});

test('ROUGE-N counts clipped overlaps', () => {
  const s = rougeN(['the', 'the', 'cat'], ['the', 'cat', 'the', 'the'], 1);
  assert.equal(s.precision, 3 / 4);
  assert.equal(s.recall, 1);
  assert.equal(rougeN([], ['a'], 1).fmeasure, 0);
});

test('ROUGE-Lsum uses union LCS over lines', () => {
  const s = scoreRouge('police killed the gunman\nthe gunman was shot', 'police kill the gunman\nthe gunman shot');
  assert.ok(s.rougeLsum.fmeasure > 0.7 && s.rougeLsum.fmeasure < 1);
  assert.equal(scoreRouge('a b c', 'a b c').rougeLsum.fmeasure, 1);
  assert.equal(scoreRouge('a b', '').rouge1.fmeasure, 0);
});

test('CSV parser handles quotes and multi-line fields', () => {
  assert.deepEqual(parseCsv('a,b\n"x, ""y""","1\n2"\n'), [
    ['a', 'b'],
    ['x, "y"', '1\n2'],
  ]);
});

test('published GPT-4 outputs score ROUGE-1 51.76 on ACI-Bench test1', { skip: !hasAciBench() }, () => {
  const gold = loadAciBench('test1');
  const pred = loadAciPredictions('test1GPT-4_.csv');
  const pairs = gold.map((g) => ({ reference: g.note, candidate: pred.get(g.encounterId) ?? '' }));
  const s = scoreRougeCorpus(pairs);
  assert.equal(s.n, 40);
  assert.ok(Math.abs(s.rouge1 - 51.76) <= 0.1, `R1 ${s.rouge1}`);
  assert.ok(Math.abs(s.rouge2 - 22.58) <= 0.1, `R2 ${s.rouge2}`);
  assert.ok(Math.abs(s.rougeLsum - 45.97) <= 0.1, `RLsum ${s.rougeLsum}`);
});
