#!/usr/bin/env node
// Import-cycle check (madge) over every package's sources; fails on any cycle.
import madge from 'madge';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const res = await madge(`${root}packages`, {
  fileExtensions: ['ts', 'tsx'],
  tsConfig: `${root}tsconfig.json`,
  excludeRegExp: [/node_modules/, /dist\//, /\.test\.tsx?$/],
  detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
});
const cycles = res.circular();
if (cycles.length) {
  console.error(`Import cycles (${cycles.length}):`);
  for (const c of cycles) console.error('  ' + c.join(' -> '));
  process.exit(1);
}
console.log(`No import cycles in ${Object.keys(res.obj()).length} modules.`);
