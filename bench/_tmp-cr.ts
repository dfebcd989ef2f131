import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkResource, loadDefinitions } from '@galen/fhir';
const DIR = '/work/shared/data/synthea-fhir-r4/bundles/';
const res = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().flatMap((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')).entry.map((e: any) => e.resource));
loadDefinitions();
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const out = [];
for (let k = 0; k < 3; k++) { const c0 = cpu(); for (const r of res) checkResource(r); out.push(((cpu() - c0) * 1000 / res.length).toFixed(0)); }
console.log('checkResource µs CPU/resource, 3 rounds:', out.join(', '));
