import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSiteLists, SiteListError, MAX_SITE_LIST_BYTES } from './site-lists';
import { detectPhi } from './detect';
import { deidentifyText } from './deidentify';
import { phiGuard } from './guard';

// Invented names and places only.
const FILE = `# Site lists for a test hospital
[names]
Quorvath        # a clinician surname
Anna  Zelbrand
quorvath
[ Places ]
Bellmere Ward
Holy Cross
Pemberlee
Telemetry   # a place that is also a clinical word
`;

test('parseSiteLists reads sections, comments, blank lines; trims and dedupes', () => {
  const l = parseSiteLists(FILE);
  assert.deepEqual(l.names, ['Quorvath', 'Anna Zelbrand']);
  assert.deepEqual(l.places, ['Bellmere Ward', 'Holy Cross', 'Pemberlee', 'Telemetry']);
  assert.deepEqual(parseSiteLists(''), { names: [], places: [] });
  assert.deepEqual(parseSiteLists(new TextEncoder().encode('\uFEFF[places]\r\nHolyoak Unit\r\n')), {
    names: [],
    places: ['Holyoak Unit'],
  });
});

test('parseSiteLists rejects malformed files with the line and without the content', () => {
  const err = (content: string | Uint8Array, re: RegExp, line?: number) =>
    assert.throws(
      () => parseSiteLists(content),
      (e: unknown) =>
        e instanceof SiteListError &&
        re.test(e.message) &&
        e.line === line &&
        !e.message.includes('Quorvath') &&
        !e.message.includes('Xyloph'),
    );
  err('[names]\nQuorvath\n[staff]\n', /unknown section/, 3);
  err('[names\nQuorvath\n', /malformed section/, 1);
  err('Quorvath\n[names]\n', /before any section/, 1);
  err(`[names]\n${'Quorvath '.repeat(30)}\n`, /longer than 200/, 2);
  err('[places]\n7\n', /fewer than two letters/, 2);
  err('[names]\nQuor\u0000vath\n', /binary/);
  err(Uint8Array.from([0x5b, 0x6e, 0xff, 0xfe, 0x00, 0x01]), /binary/);
  err(new Uint8Array(MAX_SITE_LIST_BYTES + 1), /larger than 10 MB/);
  err('#'.repeat(MAX_SITE_LIST_BYTES + 1), /larger than 10 MB/);
});

const lists = parseSiteLists(FILE);
const opts = { extraNames: lists.names, extraLocations: lists.places };
const found = (text: string) => detectPhi(text, opts).map((s) => `${s.type}:${s.text}`);

test('site names and places are found in any case, inside sentences, without a cue', () => {
  for (const [name, place] of [
    ['Quorvath', 'Bellmere Ward'],
    ['QUORVATH', 'BELLMERE WARD'],
    ['quorvath', 'bellmere ward'],
  ] as const) {
    const text = `patient seen on rounds with ${name} and moved to ${place} overnight.`;
    const f = found(text);
    assert.ok(f.includes(`NAME:${name}`), `${name}: ${f.join(', ')}`);
    const [w1, w2] = place.split(' ');
    assert.ok(f.includes(`LOCATION:${w1}`) && f.includes(`LOCATION:${w2}`), `${place}: ${f.join(', ')}`);
  }
  for (const p of ['Holy Cross', 'HOLY CROSS', 'holy cross', 'Pemberlee', 'PEMBERLEE', 'pemberlee']) {
    const f = found(`Transfer from ${p} was arranged; family lives near ${p}.`);
    for (const w of p.split(' ')) assert.equal(f.filter((x) => x === `LOCATION:${w}`).length, 2, `${p}: ${f.join(', ')}`);
  }
  // a site place that is also a clinical word is found (the site said so)
  assert.ok(found('She returned to telemetry this morning.').includes('LOCATION:telemetry'));
  // a multi-word name: both words, and the phrase over a line break
  assert.deepEqual(
    found('Discussed with Anna\nZelbrand.').filter((x) => x.startsWith('NAME')),
    ['NAME:Anna', 'NAME:Zelbrand'],
  );
  // the redacted text keeps none of it
  const r = deidentifyText('pt to HOLY CROSS, d/w quorvath.', opts);
  assert.ok(!/holy|cross|quorvath/i.test(r.text), r.text);
});

test('a phrase needs all its words in order', () => {
  // "holy" or "cross" alone, or the words reversed, are not the site place
  const f = found('The cross-cover team was holy terror; cross holy.');
  assert.ok(!f.some((x) => /cross|holy/i.test(x)), f.join(', '));
  assert.ok(!found('The ward was quiet.').some((x) => /ward/i.test(x)));
});

test('without site lists nothing changes', () => {
  const text = 'Seen by Dr. Vasquez on 7/22; moved to bellmere ward, then pemberlee. telemetry ok. Quorvath aware.';
  const base = detectPhi(text);
  assert.deepEqual(detectPhi(text, { extraNames: [], extraLocations: [] }), base);
  assert.ok(!base.some((s) => /bellmere|pemberlee|telemetry/i.test(s.text)));
  assert.ok(found(text).some((x) => x === 'LOCATION:pemberlee'));
});

test('a one-word entry that is a function word counts only inside a phrase', () => {
  const l = parseSiteLists('[names]\nWill\n[places]\nThe Pines\n');
  const f = detectPhi('We will see. Moved to the pines unit.', { extraNames: l.names, extraLocations: l.places }).map(
    (s) => s.text,
  );
  assert.ok(!f.includes('will'));
  assert.ok(f.includes('pines') && f.includes('the'), f.join(', '));
});

test('the PHI guard takes the same lists', () => {
  assert.equal(phiGuard('Ask quorvath about the plan.').ok, true);
  const g = phiGuard('Ask quorvath about the plan.', opts);
  assert.equal(g.ok, false);
  assert.equal(g.redacted, 'Ask [**NAME**] about the plan.');
});

test('entries with numbers or accents match as written, not by their words alone', () => {
  const l = parseSiteLists('[places]\n5 North\nUnit 4B\nHôtel-Quorvath\n[names]\nZelbrand 2nd\n');
  const o = { extraLocations: l.places, extraNames: l.names };
  const f = (t: string) => detectPhi(t, o).map((s) => `${s.type}:${t.slice(s.start, s.end)}`);
  assert.ok(f('Moved to 5 north overnight.').includes('LOCATION:5 north'));
  assert.ok(f('Moved to 5  NORTH overnight.').includes('LOCATION:5  NORTH'));
  assert.ok(f('back to unit 4b.').includes('LOCATION:unit 4b'));
  assert.ok(f('Transferred from HÔTEL-QUORVATH today.').includes('LOCATION:HÔTEL-QUORVATH'));
  assert.ok(f('seen by zelbrand 2nd').includes('NAME:zelbrand 2nd'));
  // the words alone are not the entry
  const site = detectPhi('Heading north; the unit is quiet; 15 North Street; unit 4C.', o).filter(
    (s) => s.source === 'site-list',
  );
  assert.deepEqual(site, []);
});
