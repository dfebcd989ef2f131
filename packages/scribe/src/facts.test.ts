import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '@galen/nlp';
import { hasAciBench, loadAciBench } from '@galen/eval/aci-bench';
import { extractFacts, type Fact } from './facts';
import { parseTranscript, parseAciTranscript } from './transcript/parse';
import { draftOffline } from './engines/offline/engine';

function facts(text: string): Fact[] {
  return extractFacts(parseTranscript(text).turns);
}
function said(fs: Fact[], code: string): string[] {
  return fs.filter((f) => f.concept.code === code).map((f) => f.assertion);
}

test('spoken negations, tokenised or not, make a symptom absent', () => {
  for (const line of [
    "[patient] no , i have n't had any chest pain .",
    "[patient] i don't have chest pain .",
    '[patient] i did not have any chest pain .',
    "[patient] i've had no chest pain .",
    '[patient] never had chest pain .',
    '[patient] i have not noticed any chest pain .',
  ]) {
    assert.deepEqual(said(facts(line), 'R07.9'), ['absent'], line);
  }
  assert.deepEqual(said(facts("[patient] i've had chest pain for 2 days ."), 'R07.9'), ['present']);
});

test('a yes/no answer decides the concepts of the question it answers', () => {
  const no = facts('[doctor] any chest pain or shortness of breath ?\n[patient] no .');
  assert.deepEqual(said(no, 'R07.9'), ['absent']);
  assert.deepEqual(said(no, 'R06.02'), ['absent']);
  assert.deepEqual(no[0]!.evidence, ['t1', 't2']);
  assert.equal(no[0]!.source, 'answer');
  const yes = facts('[doctor] okay . any fever or chills ?\n[patient] yeah , a little .');
  assert.deepEqual(said(yes, 'R50.9'), ['present']);
  assert.equal(yes.find((f) => f.concept.code === 'R50.9')!.offered, 2);
  // An answer that is neither yes nor no decides nothing; a statement in it still counts.
  assert.deepEqual(facts('[doctor] any fever ?\n[patient] it comes and goes .'), []);
  const restated = facts("[doctor] any cough ?\n[patient] no , but i've had a fever .");
  assert.deepEqual(said(restated, 'R05.9'), ['absent']);
  assert.deepEqual(said(restated, 'R50.9'), ['present']);
  // Only the last question of the clinician's turn is answered.
  const last = facts('[doctor] any cough ? and how is your sleep , any fever ?\n[patient] no .');
  assert.deepEqual(said(last, 'R05.9'), []);
  assert.deepEqual(said(last, 'R50.9'), ['absent']);
  // A patient's question is not answered by the clinician's yes.
  assert.deepEqual(
    facts('[patient] could this be a fever ?\n[doctor] yes .').filter((f) => f.source === 'answer'),
    [],
  );
});

test('family, other people, hypotheticals and history are kept apart from what the patient has', () => {
  assert.deepEqual(said(facts('[patient] my mom had breast cancer .'), 'C50.919'), ['family']);
  const fam = facts('[doctor] any family history of heart failure ?\n[patient] no .');
  assert.ok(
    fam.every((f) => f.assertion !== 'absent' && f.assertion !== 'present'),
    JSON.stringify(fam),
  );
  const hyp = facts('[doctor] if you develop any nausea or vomiting , call me .');
  assert.deepEqual(said(hyp, 'R11.0'), ['hypothetical']);
  assert.deepEqual(said(facts('[doctor] she has a history of hypertension .'), 'I10'), ['historical']);
});

test('everyday words are not read as abbreviations in speech', () => {
  const fs = facts("[patient] i'm tired all the time .");
  assert.deepEqual(said(fs, 'R53.83'), ['present']);
  assert.ok(!fs.some((f) => f.concept.code.startsWith('C91')), JSON.stringify(fs.map((f) => f.text)));
});

test(
  'ACI-Bench valid: no draft sentence affirms what the conversation only denied',
  { skip: !hasAciBench() && 'ACI-Bench absent' },
  () => {
    let checked = 0;
    for (const e of loadAciBench('valid')) {
      const t = parseAciTranscript(e.dialogue);
      const fs = extractFacts(t.turns);
      const byConcept = new Map<string, Set<string>>();
      for (const f of fs) byConcept.set(f.concept.id, (byConcept.get(f.concept.id) ?? new Set()).add(f.assertion));
      const deniedOnly = new Set([...byConcept].filter(([, a]) => a.size === 1 && a.has('absent')).map(([id]) => id));
      checked += deniedOnly.size;
      for (const s of draftOffline(t).sections)
        for (const x of s.sentences)
          for (const m of extract(x.text).mentions) {
            const c = m.context;
            const affirmed = !c.negated && !c.uncertain && !c.hypothetical && c.experiencer === 'patient';
            assert.ok(!(affirmed && deniedOnly.has(m.concept.id)), `${s.code}: "${x.text}" affirms ${m.concept.display}`);
          }
    }
    assert.ok(checked > 20, `only ${checked} denied concepts seen`);
  },
);

test('odd input: emoji, right-to-left text, control characters and a huge turn read without error', () => {
  const odd = [
    '[patient] 😷 i have a cough 🤒 but no fever !!!',
    '[patient] יש לי כאב ראש . لدي صداع',
    '[patient] \u0000\u0001\u0002 chest pain \uFFFD\uFFFD',
    `[patient] ${'no chest pain . '.repeat(20_000)}`,
  ].join('\n');
  const fs = extractFacts(parseTranscript(odd).turns);
  assert.deepEqual(
    said(
      fs.filter((f) => f.evidence[0] === 't1'),
      'R05.9',
    ),
    ['present'],
  );
  assert.deepEqual(
    said(
      fs.filter((f) => f.evidence[0] === 't1'),
      'R50.9',
    ),
    ['absent'],
  );
  assert.ok(fs.filter((f) => f.evidence[0] === 't4').every((f) => f.assertion === 'absent'));
});
