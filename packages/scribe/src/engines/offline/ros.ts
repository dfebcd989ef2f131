/**
 * Review-of-systems lines from the visit's facts: symptoms the patient denies or endorses (said
 * outright, or as a yes/no answer to the clinician's question), grouped by organ system.
 *
 * The organ system of a symptom follows from its ICD-10-CM code: the blocks of chapter 18
 * ("Symptoms, signs and abnormal clinical and laboratory findings", R00–R99) and the body-system
 * chapters (ICD-10-CM Tabular List, FY2024, CMS/CDC,
 * https://www.cdc.gov/nchs/icd/icd-10-cm/files.html). System names as in the CMS 1995/1997
 * Documentation Guidelines for E/M services.
 */
import { SYSTEMS } from '@galen/terminology/concept';
import type { Fact } from '../../facts';

/** [first code, last code (inclusive, by 3-character category), ROS system]. More specific first. */
const ROS_BLOCKS: [string, string, string][] = [
  ['R00', 'R03', 'Cardiovascular'], // abnormalities of heart beat, murmurs, blood pressure readings
  ['R04', 'R06', 'Respiratory'], // haemorrhage from respiratory passages, cough, breathing abnormalities
  ['R07', 'R07', 'Cardiovascular'], // pain in throat and chest (R07.0 throat: see below)
  ['R09', 'R09', 'Respiratory'],
  ['R10', 'R19', 'Gastrointestinal'], // digestive system and abdomen
  ['R20', 'R20', 'Neurological'], // disturbances of skin sensation: numbness, tingling
  ['R21', 'R23', 'Integumentary'], // rash, skin changes
  ['R25', 'R29', 'Neurological'], // nervous and musculoskeletal systems
  ['R30', 'R39', 'Genitourinary'], // urinary system
  ['R40', 'R40', 'Neurological'], // somnolence, stupor, coma
  ['R41', 'R41', 'Neurological'], // cognitive functions and awareness
  ['R42', 'R42', 'Neurological'], // dizziness and giddiness
  ['R43', 'R44', 'Neurological'], // smell, taste, sensations and perceptions
  ['R45', 'R46', 'Psychiatric'], // emotional state, appearance and behaviour
  ['R47', 'R49', 'Neurological'], // speech and voice
  ['R51', 'R51', 'Neurological'], // headache
  ['R55', 'R56', 'Neurological'], // syncope, convulsions
  ['R60', 'R60', 'Cardiovascular'], // oedema
  ['R50', 'R69', 'Constitutional'], // general symptoms and signs: fever, malaise, fatigue, weight, sweats
  ['H00', 'H59', 'Eyes'],
  ['H60', 'H95', 'Ears, Nose, Mouth and Throat'],
  ['J00', 'J06', 'Ears, Nose, Mouth and Throat'], // acute upper respiratory infections
  ['J30', 'J39', 'Ears, Nose, Mouth and Throat'], // other diseases of the upper respiratory tract
  ['M00', 'M99', 'Musculoskeletal'],
  ['F01', 'F99', 'Psychiatric'],
  ['G00', 'G99', 'Neurological'],
  ['K00', 'K95', 'Gastrointestinal'],
  ['L00', 'L99', 'Integumentary'],
  ['N00', 'N99', 'Genitourinary'],
];

/** Signs the examiner finds, not symptoms the patient reports: cardiac murmurs, crackles and rales. */
const EXAM_SIGNS = /^(R01|R09\.89)/;

/** The ROS system of an ICD-10-CM code, or undefined when the code is not a symptom of one. */
export function rosSystem(code: string): string | undefined {
  if (EXAM_SIGNS.test(code)) return undefined;
  // Pain in throat; nasal congestion and postnasal drip.
  if (/^(R07\.0|R09\.8[12])/.test(code)) return 'Ears, Nose, Mouth and Throat';
  const cat = code.slice(0, 3).toUpperCase();
  for (const [from, to, system] of ROS_BLOCKS) if (cat >= from && cat <= to) return system;
  return undefined;
}

export interface RosLine {
  text: string;
  evidence: string[];
  /** Index of the turn the line rests on last (for ordering). */
  turn: number;
  /** 1 for answers to the clinician's questions, 0.5 for symptoms the patient volunteered. */
  score: number;
}

/**
 * ROS lines from facts: patient symptoms (`finding` concepts with an ICD-10-CM code in a system),
 * absent → "Denies", present → "Endorses"; a symptom both denied and endorsed keeps only what was
 * said first. One line per system and answer or statement.
 */
export function reviewOfSystems(facts: readonly Fact[], turnIndex: ReadonlyMap<string, number>): RosLine[] {
  const groups = new Map<
    string,
    { system: string; neg: boolean; terms: string[]; evidence: string[]; offered: number; answer: boolean }
  >();
  const decided = new Map<string, boolean>();
  for (const f of facts) {
    if (f.concept.kind !== 'finding' || f.concept.system !== SYSTEMS.icd10cm) continue;
    if (f.speaker === 'doctor' || (f.assertion !== 'absent' && f.assertion !== 'present')) continue;
    const system = rosSystem(f.concept.code);
    if (!system) continue;
    const neg = f.assertion === 'absent';
    if (decided.has(f.concept.id) && decided.get(f.concept.id) !== neg) continue;
    decided.set(f.concept.id, neg);
    const key = `${f.evidence.join(',')}|${system}|${neg}`;
    const g = groups.get(key) ?? {
      system,
      neg,
      terms: [],
      evidence: f.evidence,
      offered: f.offered ?? 1,
      answer: f.source === 'answer',
    };
    if (!g.terms.includes(f.text)) g.terms.push(f.text);
    groups.set(key, g);
  }
  const said = new Set<string>();
  const out: RosLine[] = [];
  for (const g of groups.values()) {
    // Drop terms contained in a longer one of the same line ("pain" within "chest pain").
    const terms = g.terms.filter((t) => !g.terms.some((o) => o !== t && o.includes(t)));
    // "Yes" to "any fever or chills?" affirms one of them, not each.
    const join = g.neg || g.offered > 1 ? 'or' : 'and';
    const list = terms.length > 1 ? `${terms.slice(0, -1).join(', ')} ${join} ${terms[terms.length - 1]}` : terms[0]!;
    const text = `${g.system}: ${g.neg ? 'Denies' : 'Endorses'} ${list}.`;
    if (said.has(text)) continue;
    said.add(text);
    out.push({
      text,
      evidence: g.evidence,
      turn: Math.max(...g.evidence.map((e) => turnIndex.get(e) ?? 0)),
      score: g.answer ? 1 : 0.5,
    });
  }
  return out;
}
