import { generatePatient } from '@galen/synth';
for (let i = 0; i < 5; i++) { const t = performance.now(); const p = generatePatient({ seed: 1 }, i); console.log(i, p.bundle.entry!.length, performance.now() - t); }
