/**
 * Cue words that place a subjective statement in a history subsection, and the assistant
 * commands that are never note content. (Review-of-systems symptoms come from `@galen/nlp` facts;
 * see `ros.ts`.)
 */
import type { SectionCode } from '../../note';

export const SUBSECTION_CUES: [SectionCode, RegExp][] = [
  ['allergies', /\b(allerg(y|ies|ic) to|allergic|anaphyla|hives from|rash from)\b/],
  [
    'family',
    /\b(mother|father|mom|dad|sister|brother|grandmother|grandfather|aunt|uncle|family history|runs in (the|my) family)\b/,
  ],
  [
    'social',
    /\b(smok\w*|cigarettes?|tobacco|alcohol|drinks?|beer|wine|marijuana|drugs|work(s|ing)? as|job|retired|married|lives with|exercis\w*)\b/,
  ],
  [
    'medications',
    /\b(\d+\s*(mg|milligrams?|mcg|units?)|taking|medication|medicine|pills?|prescri\w+|dose|tablets?|inhaler|insulin)\b/,
  ],
  ['pmh', /\b(history of|diagnosed with|surgery|had (a|an) \w+ (removed|repair)|hospitali[sz]ed)\b/],
];

/** Spoken commands to the recording assistant, never note content. */
export const DICTATION_NOISE =
  /\b(hey ,? dragon|show me the|dax|the nurse told you about|let's go ahead and|i'm gon na go ahead|my [a-z ]*template)\b/;
