import { readFileSync } from 'node:fs';
import { decodeIndex, tokenize, singularize } from '@galen/terminology';
const { concepts } = decodeIndex(readFileSync('/tmp/galen-term-test/terminology/index.json.gz'));
let t = performance.now(); let n = 0, tk = 0;
for (const c of concepts) for (const s of [c.display, ...c.synonyms]) { n++; tk += tokenize(s).length; }
console.log('tokenize', n, tk, (performance.now() - t).toFixed(0));
t = performance.now();
for (const c of concepts) for (const s of [c.display, ...c.synonyms]) tokenize(s).map(singularize);
console.log('tok+sing', (performance.now() - t).toFixed(0));
t = performance.now();
const m = new Map<string, number[]>();
let id = 0;
for (const c of concepts) for (const s of [c.display, ...c.synonyms]) { id++; for (const x of new Set(tokenize(s))) { const p = m.get(x); if (p) p.push(id); else m.set(x, [id]); } }
console.log('postings', m.size, (performance.now() - t).toFixed(0));
