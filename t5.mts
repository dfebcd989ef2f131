import { tokenize, normalizeText } from '@galen/terminology';
for (const t of ["Crohn's disease", "CROHNS DISEASE", "Alzheimer's", "it's", "O'Brien's test", "a-fib", "Na+ 135", "T2DM, s/p CABG", "Ménière's", "'s", "x's y"]) {
  const a = tokenize(t).join(' '), b = normalizeText(t);
  console.log(a === b ? 'ok ' : 'DIFF', JSON.stringify(t), a, '|', b);
}
