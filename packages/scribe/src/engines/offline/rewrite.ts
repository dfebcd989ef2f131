/**
 * Turn spoken first/second-person utterances into concise third-person clinical prose, keeping
 * negation words intact ("i don't have chest pain" → "She does not have chest pain").
 */

export type Pronouns = { subj: string; obj: string; poss: string };

export const PRONOUNS: Record<'female' | 'male' | 'unknown', Pronouns> = {
  female: { subj: 'she', obj: 'her', poss: 'her' },
  male: { subj: 'he', obj: 'him', poss: 'his' },
  unknown: { subj: 'the patient', obj: 'the patient', poss: 'their' },
};

const FILLERS = /\b(um+|uh+|mm-?hmm|hmm+|uh-huh|you know|i mean|okay|ok|all right|alright|yeah|yep|oh)\b\s*,?/gi;
/** Discourse markers dropped only where they open a clause ("but" stays: it ends a negation, "no fever, but a cough"). */
const OPENERS = /(^|[.,]\s*)(so|well|and|right|sure|yes|now|then)\s*,?\s+/g;

/** Verbs whose third-person form just takes -s/-es after "i". */
const THIRD_PERSON: Record<string, string> = {
  have: 'has',
  do: 'does',
  go: 'goes',
  am: 'is',
  "'m": 'is',
};

/** Remove disfluencies: fillers, stutters ("we- we're"), repeated words ("i , i"). */
export function cleanSpeech(text: string): string {
  let t = ' ' + text.toLowerCase() + ' ';
  t = t.replace(/\b(\w+)-\s+(?=\w)/g, ''); // cut-offs: "we- we're"
  t = t.replace(FILLERS, ' ');
  t = t.replace(/\bgon na\b/g, 'going to').replace(/\bwan na\b/g, 'want to');
  t = t.replace(/\b(\w+)(\s*,?\s+\1\b)+/g, '$1'); // "i , i" → "i"
  t = t.replace(/\s*\.\.\.\s*/g, ' ');
  t = t.replace(/\s+([,.?!])/g, '$1').replace(/([,.?!])(\s*[,.])+/g, '$1');
  t = t
    .replace(/^[\s,.]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  t = t.replace(OPENERS, '$1').trim();
  return t;
}

/** Join tokenised contractions ("do n't" → "don't", "it 's" → "it's"). */
function joinContractions(t: string): string {
  return t.replace(/\b(\w+) n't\b/g, "$1n't").replace(/\b(\w+) '(s|re|ve|ll|d|m)\b/g, "$1'$2");
}

/** Rewrite a patient utterance into third person. */
export function patientToThird(text: string, p: Pronouns): string {
  let t = joinContractions(cleanSpeech(text));
  t = t
    .replace(/\bi'm\b/g, `${p.subj} is`)
    .replace(/\bi've\b/g, `${p.subj} has`)
    .replace(/\bi'll\b/g, `${p.subj} will`)
    .replace(/\bi'd\b/g, `${p.subj} would`)
    .replace(/\bi don't\b/g, `${p.subj} does not`)
    .replace(/\bi didn't\b/g, `${p.subj} did not`)
    .replace(/\bi haven't\b/g, `${p.subj} has not`)
    .replace(/\bi can't\b/g, `${p.subj} cannot`)
    .replace(/\bi (have|do|go|am)\b/g, (_m, v: string) => `${p.subj} ${THIRD_PERSON[v] ?? v}`)
    .replace(/\bi was\b/g, `${p.subj} was`)
    .replace(/\bi ([a-z]+)\b/g, (_m, v: string) => `${p.subj} ${thirdPerson(v)}`)
    .replace(/\bi\b/g, p.subj)
    .replace(/\bmy\b/g, p.poss)
    .replace(/\bme\b/g, p.obj)
    .replace(/\bmyself\b/g, p.obj === 'the patient' ? 'themself' : p.obj + 'self')
    .replace(/\bwe\b/g, p.subj)
    .replace(/\bour\b/g, p.poss);
  return expandNegations(t);
}

/** Rewrite a clinician utterance about the patient ("your blood pressure") into third person. */
export function doctorToThird(text: string, p: Pronouns): string {
  let t = joinContractions(cleanSpeech(text));
  t = t
    .replace(/\byou're\b/g, `${p.subj} is`)
    .replace(/\byou've\b/g, `${p.subj} has`)
    .replace(/\byou'll\b/g, `${p.subj} will`)
    .replace(/\byou (have|do)\b/g, (_m, v: string) => `${p.subj} ${THIRD_PERSON[v] ?? v}`)
    .replace(/\byou were\b/g, `${p.subj} was`)
    .replace(
      /\b(to|for|with|on|at|give|tell|see|put|help|let|get|send|check|examine|started|start|keep|refer|saw|from|about|call) you\b/g,
      `$1 ${p.obj}`,
    )
    .replace(/\byou\b/g, p.subj)
    .replace(/\byour\b/g, p.poss)
    .replace(/\bi'm\b/g, 'i am')
    .replace(/\bwe're\b/g, 'we are');
  t = t.replace(new RegExp(`\\b${p.obj} (is|has|will|does|was|are)\\b`, 'g'), `${p.subj} $1`);
  return expandNegations(t);
}

function thirdPerson(v: string): string {
  if (
    /^(was|will|would|could|should|can|might|must|did|had|is|has|does|also|just|still|never|always|usually|really|already|even|only|think|thought)$/.test(
      v,
    )
  ) {
    return v === 'think' ? 'thinks' : v;
  }
  if (/(ed|ly)$/.test(v)) return v;
  if (/(s|sh|ch|x|z|o)$/.test(v)) return v + 'es';
  if (/[^aeiou]y$/.test(v)) return v.slice(0, -1) + 'ies';
  return v + 's';
}

function expandNegations(t: string): string {
  return t
    .replace(/\b(she|he) have\b/g, '$1 has')
    .replace(/\b(she|he) do\b/g, '$1 does')
    .replace(/\b(she|he) are\b/g, '$1 is')
    .replace(/\b(she|he) were\b/g, '$1 was')
    .replace(/\bdon't\b/g, 'does not')
    .replace(/\bdoesn't\b/g, 'does not')
    .replace(/\bdidn't\b/g, 'did not')
    .replace(/\bhaven't\b/g, 'have not')
    .replace(/\bhasn't\b/g, 'has not')
    .replace(/\bisn't\b/g, 'is not')
    .replace(/\bwasn't\b/g, 'was not')
    .replace(/\bcan't\b/g, 'cannot')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/\bit's\b/g, 'it is')
    .replace(/\bthat's\b/g, 'that is')
    .replace(/\bthere's\b/g, 'there is')
    .replace(/\blet's\b/g, 'let us')
    .replace(/\bwe'll\b/g, 'we will')
    .replace(/\bwe've\b/g, 'we have')
    .replace(/\bi'll\b/g, 'i will');
}

/** Capitalise the first letter and end with a full stop; clinical abbreviations upper-cased. */
export function toSentence(t: string): string {
  let s = t
    .replace(/\s*[,;]\s*$/, '')
    .replace(/[?!]+$/, '.')
    .trim();
  if (!s) return s;
  s = s.replace(/\bi\b/g, 'I');
  s = s.replace(/\b(bp|ekg|ecg|mri|ct|copd|chf|covid|er|ed|a1c|ldl|hdl|uti|gerd|nsaids?|pt|otc)\b/g, (m) => m.toUpperCase());
  s = s[0]!.toUpperCase() + s.slice(1);
  if (!/[.]$/.test(s)) s += '.';
  return s;
}
