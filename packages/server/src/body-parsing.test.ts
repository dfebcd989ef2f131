import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from './testing';

// Malformed input against the real server: every refusal is a 4xx OperationOutcome, never a 500,
// and nothing is stored.
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';

async function count(family: string): Promise<number> {
  const res = await s.request(`/fhir/R4/Patient?family=${family}`);
  return ((await res.json()) as { entry?: unknown[] }).entry?.length ?? 0;
}

async function refused(res: Response, status: number | number[], text: RegExp) {
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(statuses.includes(res.status), `status ${res.status}`);
  const oo = await res.json();
  assert.equal(oo.resourceType, 'OperationOutcome');
  assert.match(oo.issue.map((i: { details?: { text?: string } }) => i.details?.text).join('\n'), text);
  return oo as { issue: Array<{ expression?: string[] }> };
}

test('JSON nested 10,000 deep is a 400 naming the limit, not a 500', async () => {
  const deep =
    '{"resourceType":"Patient","extension":[' + '{"url":"http://x","extension":['.repeat(10_000) + ']}'.repeat(10_000) + ']}';
  await refused(await s.request('/fhir/R4/Patient', { method: 'POST', body: deep }), 400, /nested deeper than 100 levels/);
  await refused(
    await s.request('/fhir/R4', { method: 'POST', body: '['.repeat(50_000) + ']'.repeat(50_000) }),
    400,
    /nested deeper/,
  );
  await refused(
    await s.request('/api/worklist.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
    }),
    400,
    /nested deeper than 100 levels/,
  );
});

test('invalid UTF-8 is a 400 and nothing is stored', async () => {
  const head = Buffer.from('{"resourceType":"Patient","name":[{"family":"Utf8Probe","given":["');
  const tail = Buffer.from('"]}]}');
  for (const bad of [[0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
    const body = Buffer.concat([head, Buffer.from(bad), tail]);
    await refused(await s.request('/fhir/R4/Patient', { method: 'POST', body }), 400, /not valid UTF-8/);
  }
  assert.equal(await count('Utf8Probe'), 0);
  // Valid UTF-8 (and a leading BOM) is fine.
  const ok = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), head, Buffer.from('Zoë 🙂'), tail]);
  const res = await s.request('/fhir/R4/Patient', { method: 'POST', body: ok });
  assert.equal(res.status, 201);
  assert.deepEqual((await res.json()).name[0].given, ['Zoë 🙂']);
});

test('NUL and unpaired surrogates in JSON strings are a 400, not a database error', async () => {
  for (const v of ['\\u0000', '\\ud800']) {
    const body = `{"resourceType":"Patient","name":[{"family":"NulProbe","given":["a${v}b"]}]}`;
    await refused(await s.request('/fhir/R4/Patient', { method: 'POST', body }), 400, /NUL character or an unpaired surrogate/);
  }
  assert.equal(await count('NulProbe'), 0);
});

test('narratives with active content or a non-XHTML root are refused and never stored', async () => {
  const cases: Array<[string, RegExp]> = [
    [`<div ${XHTML}><script>alert(1)</script>x</div>`, /<script> is not allowed/],
    [`<div ${XHTML}><p onclick="alert(1)">x</p></div>`, /event attribute "onclick"/],
    [`<div ${XHTML}><a href="javascript:alert(1)">x</a></div>`, /"javascript:" URL/],
    [`<p ${XHTML}>x</p>`, /root element is <p>, not <div>/],
    ['<div>x</div>', /does not declare xmlns/],
    [`<div ${XHTML}><iframe src="https://evil.example"></iframe></div>`, /<iframe> is not allowed/],
  ];
  for (const [div, re] of cases) {
    const patient = { resourceType: 'Patient', name: [{ family: 'XssProbe' }], text: { status: 'generated', div } };
    const oo = await refused(
      await s.request('/fhir/R4/Patient', { method: 'POST', body: JSON.stringify(patient) }),
      [400, 422],
      re,
    );
    assert.deepEqual(oo.issue[0]!.expression, ['Patient.text.div']);
    // Update, too.
    await refused(
      await s.request('/fhir/R4/Patient/xss-1', { method: 'PUT', body: JSON.stringify({ ...patient, id: 'xss-1' }) }),
      [400, 422],
      re,
    );
  }
  // Inside a transaction (and inside a contained resource), the whole bundle is refused.
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { resource: { resourceType: 'Patient', name: [{ family: 'XssProbe' }] }, request: { method: 'POST', url: 'Patient' } },
      {
        resource: {
          resourceType: 'Patient',
          name: [{ family: 'XssProbe' }],
          contained: [
            {
              resourceType: 'Organization',
              id: 'o1',
              name: 'x',
              text: { status: 'generated', div: `<div ${XHTML}><img src="x" onerror="alert(1)"/></div>` },
            },
          ],
          managingOrganization: { reference: '#o1' },
        },
        request: { method: 'POST', url: 'Patient' },
      },
    ],
  };
  const oo = await refused(await s.request('/fhir/R4', { method: 'POST', body: JSON.stringify(bundle) }), [400, 422], /onerror/);
  assert.match(JSON.stringify(oo), /contained\[0\]\.text\.div/);
  assert.equal(await count('XssProbe'), 0);
  assert.equal((await s.request('/fhir/R4/Patient/xss-1')).status, 404);
});

test('a Synthea-style narrative is accepted and served as sent', async () => {
  const div = `<div ${XHTML}>Generated by <a href="https://github.com/synthetichealth/synthea">Synthea</a>.Version identifier: v2.4.0<br/><ul><li>Care plan</li></ul></div>`;
  const res = await s.request('/fhir/R4/Patient', {
    method: 'POST',
    body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'SyntheaStyle' }], text: { status: 'generated', div } }),
  });
  assert.equal(res.status, 201);
  assert.equal((await res.json()).text.div, div);
});

const SYNTHEA = '/work/shared/data/synthea-fhir-r4/bundles';
test('a real Synthea bundle still imports', { skip: !existsSync(SYNTHEA) && 'no Synthea sample' }, async () => {
  const file = readdirSync(SYNTHEA)
    .filter((f) => f.endsWith('.json'))
    .sort()[0]!;
  const res = await s.request('/fhir/R4', { method: 'POST', body: readFileSync(join(SYNTHEA, file)) });
  assert.equal(
    res.status,
    200,
    await res
      .clone()
      .text()
      .then((t) => t.slice(0, 300)),
  );
});
