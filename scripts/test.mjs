#!/usr/bin/env node
// Galen's test command (`npm test`): every *.test.ts beside the code, on node's test runner with tsx.
// Integration tests (*.int.test.ts) that need PostgreSQL read TEST_DATABASE_URL; when it is unset and
// PostgreSQL's binaries are installed, this script starts a throwaway server on a loopback port and
// stops it afterwards. Arguments narrow the run: `npm test -- packages/nlp` or `--unit` (no *.int.*).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startThrowawayPostgres } from './pg-throwaway.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

let files = walk(join(root, 'packages'), [])
  .map((f) => relative(root, f))
  .sort();
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x.replace(/^\.\//, ''))));
if (unitOnly) files = files.filter((f) => !f.includes('.int.test.'));
if (!files.length) {
  console.error('No test files matched.');
  process.exit(1);
}

// The browser tests drive the built web app: build it first if it has not been built.
const web = join(root, 'packages', 'web');
if (
  files.some((f) => f.startsWith('packages/web/') && f.includes('.int.test.')) &&
  !existsSync(join(web, 'dist', 'index.html'))
) {
  const pkg = JSON.parse(readFileSync(join(web, 'package.json'), 'utf8'));
  if (pkg.scripts?.build) {
    const r = spawnSync('npm', ['run', 'build', '-w', '@galen/web'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) console.error('# The web app did not build; its browser tests will fail.');
  }
}

let pg;
const needsPg = files.some((f) => f.includes('.int.test.'));
if (needsPg && !process.env.TEST_DATABASE_URL) {
  pg = await startThrowawayPostgres();
  if (pg) process.env.TEST_DATABASE_URL = pg.url;
  else console.error('# PostgreSQL binaries not found: PostgreSQL tests will be skipped (install Debian postgresql).');
}

const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', GALEN_LOG_LEVEL: process.env.GALEN_LOG_LEVEL ?? 'silent' },
  },
);
const code = await new Promise((res) => child.on('exit', (c, sig) => res(c ?? (sig ? 1 : 0))));
if (pg) await pg.stop();
process.exit(code);
