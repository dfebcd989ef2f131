import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, jsonTextDepth, parseJsonStrict, valueDepth } from './json';
import { OperationOutcomeError } from './outcomes';
import { checkResource } from './validate';

const refused = (fn: () => unknown, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof OperationOutcomeError && e.status === 400 && re.test(e.message));

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

test('parses UTF-8 JSON from bytes or text; a leading BOM is accepted', () => {
  const bytes = new TextEncoder().encode('{"name":"Zoë 名前 🙂"}');
  assert.deepEqual(parseJsonStrict(bytes), { name: 'Zoë 名前 🙂' });
  assert.deepEqual(parseJsonStrict(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])), { name: 'Zoë 名前 🙂' });
  assert.deepEqual(parseJsonStrict('\ufeff[1]'), [1]);
  assert.deepEqual(parseJsonStrict('"\\\\u0000 is text"'), '\\u0000 is text');
});

test('invalid UTF-8 is refused, never replaced', () => {
  for (const bad of [
    [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d], // 0xFF never appears in UTF-8
    [0x22, 0xc0, 0xaf, 0x22], // overlong "/"
    [0x22, 0xed, 0xa0, 0x80, 0x22], // an encoded surrogate (CESU-8)
    [0x22, 0xe2, 0x82, 0x22], // truncated sequence
  ]) {
    refused(() => parseJsonStrict(new Uint8Array(bad)), /not valid UTF-8/);
  }
});

test('nesting deeper than the limit is refused before parsing, without recursion', () => {
  assert.equal(jsonTextDepth('{"a":[1,{"b":"[[[{{{"}]}'), 3);
  assert.equal(jsonTextDepth('"\\"[["'), 0);
  assert.deepEqual(parseJsonStrict(deep(MAX_JSON_DEPTH)) !== undefined, true);
  refused(() => parseJsonStrict(deep(MAX_JSON_DEPTH + 1)), /nested deeper than 100 levels/);
  refused(() => parseJsonStrict('['.repeat(1_000_000) + ']'.repeat(1_000_000)), /nested deeper/);
  refused(() => parseJsonStrict(deep(5), { maxDepth: 4, what: 'x.json' }), /^x\.json is nested deeper than 4/);
});

test('malformed JSON, NUL and unpaired surrogates are refused without quoting the input', () => {
  refused(() => parseJsonStrict('{"secret": "Jane Doe",'), /^The body is not valid JSON$/);
  refused(() => parseJsonStrict('{"a":"\\u0000"}'), /NUL character or an unpaired surrogate/);
  refused(() => parseJsonStrict('{"a":"\\ud800"}'), /unpaired surrogate/);
  refused(() => parseJsonStrict('{"\\udc00":1}'), /unpaired surrogate/);
  assert.deepEqual(parseJsonStrict('{"a":"\\ud83d\\ude42"}'), { a: '🙂' });
});

test('valueDepth is iterative and ends on cycles', () => {
  let v: unknown = 1;
  for (let i = 0; i < 100_000; i++) v = { a: v };
  assert.equal(valueDepth(v, 100), -1);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(valueDepth(cyclic, 50), -1);
  assert.equal(valueDepth({ a: [{ b: 1 }] }), 3);
});

test('the validator never overflows the stack: a 100,000-deep resource is a 400', () => {
  let ext: Record<string, unknown> = { url: 'http://x', valueString: 'x' };
  for (let i = 0; i < 100_000; i++) ext = { url: 'http://x', extension: [ext] };
  refused(() => checkResource({ resourceType: 'Patient', extension: [ext] }), /nested deeper than 100 levels/);
});
