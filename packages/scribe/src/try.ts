import { extract } from '@galen/nlp';
import { extractFacts } from './facts';
import { parseTranscript } from './transcript/parse';
console.log(
  extract('no chest pain . She has a cough . No fever .').sentences.length,
  extract('no chest pain. She has a cough. No fever.').sentences.length,
);
for (const f of extractFacts(
  parseTranscript("[patient] i don't have a fever . my cough is bad .\n[patient] no rash . headaches every day .").turns,
))
  console.log(f.evidence.join(','), f.assertion, f.text);
