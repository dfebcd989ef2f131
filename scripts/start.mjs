#!/usr/bin/env node
// `npm start`: build the web app if it has not been built, then run `galen serve` (embedded database
// in ./.galen-data, demo patients loaded when empty). Pass options through: `npm start -- --port 9000`.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'packages', 'web');
const webPkg = join(web, 'package.json');
if (existsSync(webPkg) && !existsSync(join(web, 'dist', 'index.html'))) {
  const pkg = JSON.parse(readFileSync(webPkg, 'utf8'));
  if (pkg.scripts?.build) {
    console.error('Building the web app (first start only)...');
    const r = spawnSync('npm', ['run', 'build', '-w', '@galen/web'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) console.error('The web app did not build; the API still works.');
  }
}
// A larger young generation (V8's default semi-space is 16 MB) lets the short-lived garbage of request
// bodies die young instead of reaching the old generation, whose mark-compact pauses stalled the HTTP
// thread 20-40 ms under CDS Hooks load (docs/benchmarks/cds.md). Set it too when running `galen serve` yourself.
const child = spawn(
  process.execPath,
  ['--max-semi-space-size=32', join(root, 'packages', 'cli', 'bin', 'galen.mjs'), 'serve', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
