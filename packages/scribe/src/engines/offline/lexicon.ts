/**
 * Cue words that place a subjective statement in a history subsection, and review-of-systems
 * symptom terms grouped by organ system (system names as in the CMS 1995/1997 Documentation
 * Guidelines for E/M services, https://www.cms.gov/outreach-and-education/medicare-learning-network-mln/mlnedwebguide/downloads/95docguidelines.pdf).
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

/** Review-of-systems symptom terms by system. */
export const ROS_TERMS: [string, string[]][] = [
  ['Constitutional', ['fever', 'fevers', 'chills', 'weight loss', 'weight gain', 'fatigue', 'night sweats', 'tired']],
  ['Eyes', ['vision changes', 'blurry vision', 'eye pain']],
  ['Ears, Nose, Mouth and Throat', ['sore throat', 'congestion', 'nasal congestion', 'runny nose', 'ear pain', 'sinus']],
  ['Cardiovascular', ['chest pain', 'palpitations', 'swelling', 'leg swelling', 'dyspnea on exertion']],
  ['Respiratory', ['shortness of breath', 'cough', 'wheezing', 'trouble breathing']],
  [
    'Gastrointestinal',
    ['nausea', 'vomiting', 'diarrhea', 'constipation', 'abdominal pain', 'belly pain', 'blood in', 'heartburn', 'bloating'],
  ],
  ['Genitourinary', ['burning with urination', 'blood in your urine', 'urinary', 'dysuria']],
  ['Musculoskeletal', ['joint pain', 'muscle aches', 'back pain', 'stiffness']],
  ['Integumentary', ['rash', 'rashes', 'itching']],
  ['Neurological', ['headache', 'headaches', 'dizziness', 'numbness', 'tingling', 'weakness', 'lightheaded']],
  ['Psychiatric', ['depression', 'anxiety', 'suicidal', 'mood']],
];

/** Spoken commands to the recording assistant, never note content. */
export const DICTATION_NOISE =
  /\b(hey ,? dragon|show me the|dax|the nurse told you about|let's go ahead and|i'm gon na go ahead|my [a-z ]*template)\b/;
