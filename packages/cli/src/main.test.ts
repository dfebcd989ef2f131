import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './testing';

test('no arguments prints help and exits 2; help exits 0', async () => {
  const r = await runCli([]);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /Usage: galen/);
  assert.equal((await runCli(['help'])).code, 0);
});

test('unknown commands and options exit 2 with a message', async () => {
  const r = await runCli(['frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command/);
  const o = await runCli(['ops', 'list', '--colour']);
  assert.equal(o.code, 2);
  assert.match(o.stderr, /Unknown option|colour/);
});

test('ops list shows the registry', async () => {
  const r = await runCli(['ops', 'list', '--json']);
  assert.equal(r.code, 0);
  const ops = JSON.parse(r.stdout) as Array<{ name: string }>;
  assert.ok(ops.some((o) => o.name === 'patient.everything'));
  assert.ok(ops.some((o) => o.name === 'audit.verify'));
});

test('help for a command shows its usage', async () => {
  const r = await runCli(['help', 'import']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /galen import/);
});
