import { loadNegexKit, splitNegex, evaluateNegex, predictNegex } from '@galen/eval/negex';
const { items } = loadNegexKit('/work/shared/data/negex');
const split = (process.argv[2] ?? 'dev') as 'dev';
const its = splitNegex(items, split);
console.log(JSON.stringify(evaluateNegex(its)));
if (process.argv[3] === 'errors') for (const it of its) { const p = predictNegex(it); if ((it.negation === 'negated') !== p.negated) console.log(it.negation, '|', it.concept, '|', it.sentence.slice(0, 300)); }
if (process.argv[3] === 'terr') for (const it of its) { const p = predictNegex(it); if (it.temporality !== p.temporality) console.log(it.temporality, p.temporality, '|', it.concept, '|', it.sentence.slice(0, 300)); }
