#!/usr/bin/env node
// Layering check (`npm run layers`, part of `npm run check`): every import of a `@galen/*` package,
// type-only imports included, must point at a lower floor of the house drawn in
// docs/architecture.md, and every package it imports must be declared in its package.json.
// - Runtime code (src/, bin/ — not tests, test support or e2e) may import lower floors only.
//   Capability packages may take the `llm` package's types (its interface), never its code.
// - `eval` is for evaluation: tests, benches and the CLI's `galen eval` commands (loaded with a
//   dynamic `import()`, so no other command loads it) may use it; no runtime code of a capability,
//   `operations`, `server` or `web` may, and only `cli` declares it as a dependency.
// - Tests and test support may also use `store`, `llm` and `eval` from any floor, and packages on
//   their own floor (a browser test drives the server beside the web app).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The floors (docs/architecture.md). Side packages sit beside the capabilities. */
const FLOOR = {
  fhir: 0,
  terminology: 1,
  nlp: 2,
  llm: 2.5,
  store: 2.5,
  cds: 3,
  deid: 3,
  scribe: 3,
  synth: 3,
  trials: 3,
  answers: 3,
  predict: 3,
  imaging: 3,
  eval: 3.5,
  operations: 4,
  server: 5,
  worker: 5,
  web: 5,
  cli: 6,
};
const CAPABILITY = (p) => FLOOR[p] === 3;
const SIDE = new Set(['llm', 'store']);

const isTestFile = (rel) =>
  /\.test\.tsx?$/.test(rel) ||
  /(^|\/)testing(\.tsx?|\/)/.test(rel) ||
  /(^|\/)e2e\//.test(rel) ||
  /(^|\/)fake-[\w-]+\.ts$/.test(rel);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(tsx?|mjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

/** `@galen/*` imports of a source text: package, type-only or not, dynamic or not, line. */
function importsOf(text) {
  const out = [];
  const re =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]@galen\/([a-z-]+)[^'"]*['"]|import\(\s*['"]@galen\/([a-z-]+)[^'"]*['"]\s*\)/g;
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
    if (m[4]) out.push({ pkg: m[4], typeOnly: false, dynamic: true, line });
    else out.push({ pkg: m[3], typeOnly: !!m[2], dynamic: false, line });
  }
  return out;
}

const problems = [];
const packagesDir = join(root, 'packages');
for (const name of readdirSync(packagesDir).sort()) {
  const dir = join(packagesDir, name);
  if (!statSync(dir).isDirectory()) continue;
  if (!(name in FLOOR)) {
    problems.push(`packages/${name}: not on any floor — add it to scripts/layers.mjs and docs/architecture.md`);
    continue;
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const deps = new Set(Object.keys(pkg.dependencies ?? {}));
  const devDeps = new Set(Object.keys(pkg.devDependencies ?? {}));
  if (deps.has('@galen/eval') && name !== 'cli')
    problems.push(`packages/${name}/package.json: @galen/eval is a runtime dependency`);
  const files = ['src', 'bin', 'scripts', 'e2e'].flatMap((d) => {
    try {
      return walk(join(dir, d), []);
    } catch {
      return [];
    }
  });
  for (const file of files) {
    const rel = relative(root, file);
    const test = isTestFile(relative(dir, file));
    for (const imp of importsOf(readFileSync(file, 'utf8'))) {
      const to = imp.pkg;
      if (to === name) continue;
      const where = `${rel}:${imp.line}`;
      if (!(to in FLOOR)) {
        problems.push(`${where}: imports @galen/${to}, which is on no floor`);
        continue;
      }
      const declared = test ? deps.has(`@galen/${to}`) || devDeps.has(`@galen/${to}`) : deps.has(`@galen/${to}`);
      if (!declared)
        problems.push(
          `${where}: imports @galen/${to} without declaring it in ${test ? 'dependencies or devDependencies' : 'dependencies'}`,
        );
      if (test) {
        if (FLOOR[to] > FLOOR[name] && !SIDE.has(to) && to !== 'eval')
          problems.push(`${where}: a test on floor ${FLOOR[name]} imports @galen/${to} on floor ${FLOOR[to]}`);
        continue;
      }
      if (to === 'eval') {
        if (name !== 'cli' || !(imp.dynamic || imp.typeOnly))
          problems.push(`${where}: runtime code imports @galen/eval (only the CLI's eval commands may, with import())`);
        continue;
      }
      if (CAPABILITY(name) && SIDE.has(to) && !(to === 'llm' && imp.typeOnly)) {
        problems.push(`${where}: capability package ${name} imports @galen/${to} (capabilities are pure: llm types only)`);
        continue;
      }
      if (FLOOR[to] >= FLOOR[name])
        problems.push(`${where}: ${name} (floor ${FLOOR[name]}) imports @galen/${to} (floor ${FLOOR[to]}): only lower floors`);
    }
  }
}

if (problems.length) {
  console.error(`Layering: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log('Layering: every @galen import points to a lower floor and is declared.');
