/**
 * Clinical notes generated from a record's facts, with every concept and PHI mention annotated as
 * it is written (see `TextBuilder`). Wording varies by construction: each sentence has several
 * phrasings, concepts have several surface forms (synonyms, abbreviations, misspellings), and
 * lists and sections change order.
 */
import { condition, type SymptomDef } from './data/acute-conditions';
import { SNOMED } from './data/conditions';
import { LABS, VITALS } from './data/observations';
import type { NoteFacts } from './model';
import {
  WARNING_SYMPTOMS_KEYS,
  ageSex,
  allergySection,
  familyConcept,
  familySection,
  finish,
  fmt,
  formatDate,
  header,
  hhmm,
  historySentence,
  honorific,
  hypotheticalSentence,
  labsLine,
  list,
  med,
  medsSection,
  obsConcept,
  pastAcuteSentence,
  planSection,
  problem,
  socialSection,
  symptomsByKey,
  symptomsSentence,
  vital,
  vitalsLine,
  type GeneratedNote,
} from './note-phrases';
import type { Rng } from './prng';
import { TextBuilder } from './text';

export { NOTE_TYPES, formatDate, symptomsByKey, type GeneratedNote } from './note-phrases';

/** Admission history and physical. */
export function writeHistoryAndPhysical(rng: Rng, f: NoteFacts, symptoms: readonly SymptomDef[]): GeneratedNote {
  const b = new TextBuilder();
  header(b, rng, f, rng.pick(['HISTORY AND PHYSICAL', 'Admission H&P', 'H&P', 'ADMISSION HISTORY & PHYSICAL']));
  b.t(rng.pick(['CHIEF COMPLAINT: ', 'CC: ', 'Chief complaint: ']));
  if (f.symptoms[0]) problem(b, rng, f.symptoms[0]);
  else b.t('weakness');
  b.t('\n\n' + rng.pick(['HISTORY OF PRESENT ILLNESS: ', 'HPI: ', 'History of present illness:\n']));
  ageSex(b, rng, f);
  b.t(' ');
  historySentence(b, rng, f);
  symptomsSentence(b, rng, f);
  pastAcuteSentence(b, rng, f);
  if (f.admitTime !== undefined) {
    b.t(rng.pick(['Seen in the ED on ', 'Arrived to the ED on ', 'Presented on ']))
      .p(formatDate(f.admitTime, rng.int(0, 4)), 'DATE')
      .t('. ');
  }
  b.t('\n\n');
  const sections = rng.shuffle([0, 1, 2, 3]);
  for (const s of sections) {
    if (s === 0) medsSection(b, rng, f, rng.pick(['MEDICATIONS:', 'Home meds:', 'Outpatient medications:', 'MEDS:']));
    if (s === 1) allergySection(b, rng, f, rng.pick(['ALLERGIES: ', 'Allergies: ', 'ALL: ']));
    if (s === 2) familySection(b, rng, f, rng.pick(['FAMILY HISTORY: ', 'FHx: ', 'Family hx: ']));
    if (s === 3) socialSection(b, rng, f, rng.pick(['SOCIAL HISTORY: ', 'SHx: ', 'Social: ']));
  }
  b.t('\n' + rng.pick(['PHYSICAL EXAM:\n', 'EXAM:\n', 'Physical examination:\n']));
  b.t(rng.pick(['Vitals: ', 'VS: ', 'Vital signs: ']));
  vitalsLine(b, rng, f.vitals);
  b.t(
    '\n' +
      rng.pick(['General: ', 'Gen: ']) +
      rng.pick(['ill-appearing', 'in mild distress', 'alert, uncomfortable', 'NAD']) +
      '\n',
  );
  b.t(
    rng.pick(['Lungs: ', 'Resp: ']) +
      rng.pick(['crackles at the right base', 'clear bilaterally', 'diminished breath sounds at bases', 'CTAB']) +
      '\n',
  );
  if (f.labs.length) {
    b.t('\n' + rng.pick(['LABS: ', 'Labs: ', 'Pertinent labs: ', 'LABORATORY DATA: ']));
    labsLine(b, rng, f);
    b.t('\n');
  }
  b.t('\n' + rng.pick(['ASSESSMENT AND PLAN:\n', 'A/P:\n', 'Assessment & Plan:\n', 'IMPRESSION/PLAN:\n']));
  ageSex(b, rng, f);
  b.t(rng.pick([' admitted for ', ' being admitted with ', ' here with ']));
  if (f.reason) problem(b, rng, f.reason);
  else b.t('observation');
  b.t('.\n');
  planSection(b, rng, f, symptomsByKey(symptoms, WARNING_SYMPTOMS_KEYS));
  if (f.sepsis || f.deteriorating) {
    b.t(rng.pick(['If ', 'Should ']));
    b.m(rng.pick(LABS.lactate.names), obsConcept(LABS.lactate, 'lab'), { hypothetical: true });
    b.t(
      rng.pick([' rises, ', ' remains elevated, ']) +
        rng.pick(['escalate to ICU.', 'consider pressors.', 'repeat fluid bolus.']) +
        '\n',
    );
  }
  b.t('\n');
  b.p(f.clinician, 'DOCTOR').t(rng.pick([', MD', ' MD', ', DO', '']) + '\n');
  return finish('hp', b);
}

/** Daily inpatient progress note (SOAP). */
export function writeProgressNote(rng: Rng, f: NoteFacts, symptoms: readonly SymptomDef[]): GeneratedNote {
  const b = new TextBuilder();
  header(
    b,
    rng,
    f,
    rng.pick([
      'PROGRESS NOTE',
      'Daily Progress Note',
      'Hospital Day ' + (f.hospitalDay ?? 1) + ' Progress Note',
      'Medicine Progress Note',
    ]),
  );
  b.t(rng.pick(['S: ', 'SUBJECTIVE: ', 'Subjective: ', 'Interval events: ']));
  if (f.deteriorating || f.sepsis) {
    b.t(rng.pick(['Overnight with ', 'Events overnight: ', 'Pt reports ', 'Nursing notes ']));
    if (f.symptoms.length) list(b, rng, f.symptoms.slice(0, 2), (s) => problem(b, rng, s));
    else b.t('worsening status');
    b.t('. ');
  } else b.t(rng.pick(['No acute events overnight. ', 'NAEO. ', 'Feels better today. ', 'Slept well, tolerating diet. ']));
  if (f.negatives.length) {
    b.t(rng.pick(['Denies ', 'No ', 'Negative for ']));
    list(b, rng, f.negatives.slice(0, 3), (s) => problem(b, rng, s, { negated: true }), rng.pick([' or ', ', ']));
    b.t('.');
  }
  b.t('\n' + rng.pick(['O: ', 'OBJECTIVE: ', 'Objective: ']));
  vitalsLine(b, rng, f.vitals);
  if (f.vitals.gcs !== undefined && rng.chance(0.5)) {
    b.t(', ');
    vital(b, rng, 'gcs', f.vitals);
  }
  if (f.labs.length) {
    b.t('\n' + rng.pick(['Labs: ', 'Lab: ', 'AM labs: ']));
    labsLine(b, rng, f);
  }
  b.t('\n' + rng.pick(['A/P: ', 'ASSESSMENT/PLAN: ', 'A&P:\n']));
  if (f.reason) {
    problem(b, rng, f.reason);
    b.t(
      rng.pick([', ', ' - ', ': ']) +
        (f.deteriorating || f.sepsis
          ? rng.pick(['worsening', 'not improving', 'clinically worse'])
          : rng.pick(['improving', 'stable', 'better'])) +
        '. ',
    );
  }
  if (f.aki) {
    problem(b, rng, condition('aki'));
    b.t(rng.pick([' - trend ', ' - monitor ', ', follow ']));
    b.m(rng.pick(LABS.creatinine.names), obsConcept(LABS.creatinine, 'lab'));
    b.t(rng.pick([', avoid nephrotoxins. ', ', hold ACEi. ', '. ']));
  }
  if (f.newMeds.length) {
    b.t(rng.pick(['Continue ', 'On ', 'Cont ']));
    list(b, rng, f.newMeds, (m) => med(b, rng, m.def));
    b.t('. ');
  }
  hypotheticalSentence(b, rng, f, symptomsByKey(symptoms, WARNING_SYMPTOMS_KEYS));
  b.t('\n');
  b.p(f.clinician, 'DOCTOR').t('\n');
  return finish('progress', b);
}

/** Nursing note in capitals and shorthand. */
export function writeNursingNote(rng: Rng, f: NoteFacts, symptoms: readonly SymptomDef[]): GeneratedNote {
  const b = new TextBuilder(true);
  b.t(hhmm(f.time) + rng.pick([' ', ' - ', ': ']));
  b.t(rng.pick(['PT ', 'PATIENT ', 'PT. ']));
  b.t(rng.pick(['RESTING IN BED', 'AWAKE IN BED', 'SITTING UP IN CHAIR', 'SLEEPING, EASILY AROUSED']) + ', ');
  const gcs = f.vitals.gcs ?? 15;
  b.t(
    gcs >= 15
      ? rng.pick(['A&OX3', 'A+OX4', 'ALERT AND ORIENTED'])
      : rng.pick(['INTERMITTENTLY CONFUSED', 'ORIENTED X1', 'LETHARGIC']),
  );
  b.t('. ' + rng.pick(['VS: ', 'VS ', 'VITALS ']));
  vitalsLine(b, rng, f.vitals);
  b.t('. ');
  const abnormal = (f.vitals.hr ?? 0) > 100 || (f.vitals.sbp ?? 120) < 95 || (f.vitals.spo2 ?? 100) < 92;
  if (abnormal) b.t(rng.pick(['MD AWARE. ', 'MD NOTIFIED. ', 'RRT CALLED. ', 'PROVIDER PAGED. ']));
  else b.t(rng.pick(['VSS. ', 'VS WNL. ', 'NO DISTRESS NOTED. ']));
  if (f.newMeds.length && rng.chance(0.7)) {
    b.t(rng.pick(['', 'ABX ', 'MEDS ']));
    med(b, rng, rng.pick(f.newMeds).def);
    b.t(rng.pick([' GIVEN AS ORDERED. ', ' INFUSING. ', ' HUNG. ']));
  }
  const pool = symptomsByKey(symptoms, ['chest_pain', 'dyspnea', 'nausea', 'abdominal_pain']);
  b.t(rng.pick(['PT DENIES ', 'DENIES ', 'NO C/O ']));
  list(b, rng, rng.shuffle(pool).slice(0, 2), (s) => problem(b, rng, s, { negated: true }), '/');
  b.t(
    '. ' +
      rng.pick([
        'CALL LIGHT IN REACH.',
        'BED IN LOW POSITION, SAFETY MAINTAINED.',
        'WILL CONT TO MONITOR.',
        'FALL PRECAUTIONS IN PLACE.',
      ]) +
      '\n',
  );
  b.t(rng.pick(['-', '--', '']) + rng.pick(['RN', 'J. RN', 'NURSING']) + '\n');
  return finish('nursing', b);
}

/** Discharge summary. */
export function writeDischargeSummary(rng: Rng, f: NoteFacts, symptoms: readonly SymptomDef[]): GeneratedNote {
  const b = new TextBuilder();
  header(b, rng, f, rng.pick(['DISCHARGE SUMMARY', 'Discharge Summary', 'HOSPITAL DISCHARGE SUMMARY']));
  if (f.admitTime !== undefined)
    b.t(rng.pick(['Admission date: ', 'Admitted: ', 'Date of admission: ']))
      .p(formatDate(f.admitTime, rng.int(0, 4)), 'DATE')
      .t('\n');
  if (f.dischargeTime !== undefined)
    b.t(rng.pick(['Discharge date: ', 'Discharged: ', 'Date of discharge: ']))
      .p(formatDate(f.dischargeTime, rng.int(0, 4)), 'DATE')
      .t('\n');
  b.t('\n' + rng.pick(['PRINCIPAL DIAGNOSIS: ', 'Primary diagnosis: ', 'Discharge diagnosis: ']));
  if (f.reason) problem(b, rng, f.reason);
  b.t('\n' + rng.pick(['SECONDARY DIAGNOSES: ', 'Other problems: ', 'Comorbidities: ']));
  if (f.problems.length) list(b, rng, f.problems, (p) => problem(b, rng, p));
  else b.t('none');
  b.t('\n\n' + rng.pick(['HOSPITAL COURSE: ', 'Hospital course:\n', 'BRIEF HOSPITAL COURSE: ']));
  ageSex(b, rng, f);
  b.t(' ');
  historySentence(b, rng, f);
  b.t(rng.pick(['admitted with ', 'who was hospitalized for ', 'who presented with ']));
  if (f.reason) problem(b, rng, f.reason);
  b.t('. ');
  if (f.sepsis) {
    b.t(rng.pick(['Met criteria for ', 'Course complicated by ', 'Developed ']));
    b.m(rng.pick(['sepsis', 'septic shock', 'sepsis']), {
      kind: 'problem',
      system: SNOMED,
      code: '91302008',
      display: 'Sepsis (disorder)',
    });
    b.t(rng.pick([' requiring ICU transfer', ' treated with broad-spectrum antibiotics', ' and was managed in the ICU']) + '. ');
  }
  if (f.aki) {
    b.t(rng.pick(['Also had ', 'Course notable for ', 'Developed ']));
    b.m(rng.pick(['AKI', 'acute kidney injury', 'acute renal failure']), {
      kind: 'problem',
      system: SNOMED,
      code: '14669001',
      display: 'Acute renal failure syndrome (disorder)',
    });
    b.t(rng.pick([', improved with IV fluids. ', ' which resolved. ', ', creatinine trending down at discharge. ']));
  }
  if (f.newMeds.length) {
    b.t(rng.pick(['Treated with ', 'Received ', 'Managed with ']));
    list(b, rng, f.newMeds, (m) => med(b, rng, m.def, { historical: true }));
    b.t('. ');
  }
  if (f.labs.length) {
    b.t(rng.pick(['Discharge labs: ', 'Labs at discharge: ', 'Last labs: ']));
    labsLine(b, rng, f);
    b.t('. ');
  }
  b.t('\n\n');
  medsSection(b, rng, f, rng.pick(['DISCHARGE MEDICATIONS:', 'Discharge meds:', 'MEDICATIONS ON DISCHARGE:']));
  allergySection(b, rng, f, rng.pick(['ALLERGIES: ', 'Allergies: ']));
  b.t('\n' + rng.pick(['FOLLOW-UP: ', 'Follow up: ', 'Disposition/follow-up: ']));
  b.t(rng.pick(['with ', 'See ', 'PCP ']));
  b.p(f.clinician, 'DOCTOR').t(rng.pick([` in ${rng.int(3, 14)} days. `, ' within 1 week. ', ' in 2 weeks. ']));
  hypotheticalSentence(b, rng, f, symptomsByKey(symptoms, WARNING_SYMPTOMS_KEYS));
  b.t('\n');
  return finish('discharge', b);
}

/**
 * An office visit as a doctor–patient conversation (ACI-Bench style `[doctor]`/`[patient]` turns)
 * and the reference SOAP note written from the same facts.
 */
export function writeVisitDialogue(
  rng: Rng,
  f: NoteFacts,
  symptoms: readonly SymptomDef[],
): { dialogue: GeneratedNote; soap: GeneratedNote } {
  const d = new TextBuilder();
  const doc = () => d.t('[doctor] ');
  const pt = () => d.t('[patient] ');
  const hon = honorific(f).toLowerCase();
  doc();
  d.t(rng.pick(['hi ', 'hello ', 'good morning ', 'hey there ']) + hon + ' ');
  d.p(f.person.family.toLowerCase(), 'PATIENT');
  d.t(
    rng.pick([
      ', how are you doing today?',
      '. what brings you in?',
      ', nice to see you again. how have you been?',
      '. how are things?',
    ]) + '\n',
  );
  pt();
  if (f.symptoms.length) {
    d.t(rng.pick(["well, i've been having some ", 'not great, i have this ', 'i think i have ', 'honestly i have had ']));
    list(d, rng, f.symptoms, (s) => problem(d, rng, s), ' and ');
    d.t(rng.pick([` for about ${rng.int(2, 6)} days`, ' since the weekend', ' for a few days now', '']) + '.\n');
    doc();
    d.t(rng.pick(['okay. any ', 'i see. have you had any ', 'sorry to hear that. any ']));
    const neg = f.negatives.slice(0, 2);
    if (neg.length) {
      list(d, rng, neg, (s) => problem(d, rng, s, { negated: true }), ' or ');
      d.t('?\n');
      pt();
      d.t(rng.pick(['no, ', 'nope, ', 'no, not really. ']));
      d.t(rng.pick(['nothing like that.', 'none of that.', 'i have not.']) + '\n');
    } else d.t('other symptoms?\n[patient] no, just that.\n');
  } else {
    d.t(
      rng.pick(["i'm doing okay, just here for my checkup.", 'pretty good, nothing new.', 'fine, i came for my follow up.']) +
        '\n',
    );
  }
  for (const p of f.problems.slice(0, 3)) {
    doc();
    d.t(rng.pick(['how is your ', "and how's the ", "let's talk about your "]));
    problem(d, rng, p);
    d.t(rng.pick([' doing?', ' going?', '. any issues?']));
    const m = f.meds.find((x) => x.def.indications.includes(p.key));
    if (m) {
      d.t(rng.pick([' are you still taking the ', ' still on the ', ' and you take ']));
      med(d, rng, m.def);
      d.t('?\n');
      pt();
      d.t(
        rng.pick(['yes, every day.', "yeah, i haven't missed any.", 'mostly, i forget sometimes.', 'yes, like you said.']) + '\n',
      );
    } else {
      d.t('\n');
      pt();
      d.t(rng.pick(["it's about the same.", 'no problems.', 'it has been fine.', 'better i think.']) + '\n');
    }
  }
  if (f.family.length) {
    const fam = f.family[0]!;
    doc();
    d.t('any family history i should know about?\n');
    pt();
    d.t(rng.pick(['my ', 'well my ']) + fam.member + rng.pick([' had ', ' has ']));
    d.m(rng.pick(fam.names), familyConcept(fam), { family: true });
    d.t('.\n');
  }
  doc();
  d.t(rng.pick(['alright, let me take a look. ', 'okay, let me examine you. ', "let's check your vitals. "]));
  if (f.vitals.sbp !== undefined && f.vitals.dbp !== undefined) {
    d.t('your ');
    d.m(rng.pick(['blood pressure', 'bp']), obsConcept(VITALS.bloodPressure, 'vital'), undefined, f.vitals.sbp);
    d.t(` is ${f.vitals.sbp} over ${f.vitals.dbp}`);
  }
  if (f.vitals.temp !== undefined) {
    d.t(rng.pick([' and your ', ', ']));
    d.m(rng.pick(['temperature', 'temp']), obsConcept(VITALS.temperature, 'vital'), undefined, f.vitals.temp);
    d.t(` is ${fmt(f.vitals.temp, 1)}`);
  }
  d.t('.\n');
  if (f.labs.length) {
    const l = rng.pick(f.labs);
    const def = LABS[l.key];
    doc();
    d.t(rng.pick(['i looked at your labs and your ', 'your recent ', 'the lab results show your ']));
    d.m(rng.pick(def.names).toLowerCase(), obsConcept(def, 'lab'), undefined, l.value);
    d.t(` was ${fmt(l.value, def.decimals)}` + rng.pick(['.', ', which we will keep an eye on.', ', not bad.']) + '\n');
  }
  if (f.reason) {
    doc();
    d.t(rng.pick(['so i think this is ', 'it looks like you have ', 'this is most likely ']));
    d.t(f.reason.key === 'uri' ? 'a ' : '');
    problem(d, rng, f.reason);
    d.t('. ');
    if (f.newMeds.length) {
      d.t(rng.pick(["i'm going to prescribe ", "let's start you on ", "i'll send in "]));
      list(d, rng, f.newMeds, (m) => med(d, rng, m.def), ' and ');
      d.t('. ');
    }
    d.t(rng.pick(['if you get ', 'if you develop ', 'call us if you have ']));
    problem(d, rng, rng.pick(symptomsByKey(symptoms, ['fever', 'dyspnea', 'chest_pain'])), { hypothetical: true });
    d.t(rng.pick([', come back.', ', go to the er.', ', let me know right away.']) + '\n');
    pt();
    d.t(rng.pick(['okay, thank you.', 'sounds good.', 'alright, thanks doc.']) + '\n');
  } else {
    doc();
    d.t(
      rng.pick([
        "everything looks stable. let's continue the same plan and see you in ",
        'good. no changes today, follow up in ',
      ]) +
        rng.pick(['three months', 'six months', 'a year']) +
        '.\n',
    );
    pt();
    d.t(rng.pick(['great, thank you.', 'okay.', 'thanks.']) + '\n');
  }
  const dialogue = finish('dialogue', d);

  const s = new TextBuilder();
  s.t(rng.pick(['CHIEF COMPLAINT\n\n', 'CC:\n']));
  if (f.reason && f.symptoms[0]) problem(s, rng, f.symptoms[0]);
  else s.t(rng.pick(['Follow-up.', 'Routine follow-up of chronic conditions.', 'Annual visit.']));
  s.t('\n\n' + rng.pick(['HISTORY OF PRESENT ILLNESS\n\n', 'HPI:\n']));
  s.t(rng.pick([`${honorific(f)} `, '']));
  s.p(f.person.family, 'PATIENT');
  s.t(' is a ');
  ageSex(s, rng, f);
  s.t(' ');
  historySentence(s, rng, f);
  symptomsSentence(s, rng, f);
  s.t('\n\n');
  medsSection(s, rng, f, 'CURRENT MEDICATIONS\n');
  allergySection(s, rng, f, '\nALLERGIES\n');
  if (f.family.length) familySection(s, rng, f, '\nFAMILY HISTORY\n');
  s.t('\nVITALS\n');
  vitalsLine(s, rng, f.vitals);
  if (f.labs.length) {
    s.t('\n\nRESULTS\n');
    labsLine(s, rng, f);
  }
  s.t('\n\nASSESSMENT AND PLAN\n');
  planSection(s, rng, f, symptomsByKey(symptoms, ['fever', 'dyspnea', 'chest_pain']));
  return { dialogue, soap: finish('soap', s) };
}
