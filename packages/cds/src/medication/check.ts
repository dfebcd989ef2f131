/**
 * Medication safety checks for draft orders against the patient's active medications, allergies
 * and kidney function: ONC high-priority interactions, allergy cross-reactivity, renal dosing and
 * duplicate therapy. Results are FHIR `DetectedIssue`s (status preliminary) with severity and the
 * evidence they rest on. @see https://hl7.org/fhir/R4/detectedissue.html
 */
import type { AllergyIntolerance, DetectedIssue, MedicationRequest, MedicationStatement, Patient, Reference } from '@galen/fhir';
import { latest, type PatientState } from '../state';
import { CROSS_REACTIVITY } from './allergy';
import { classesOf, ingredientsOf } from './drugs';
import { ONC_HIGH_PRIORITY } from './interactions';
import { crclCockcroftGault, egfrCkdEpi2021, RENAL_RULES, type RenalContext } from './renal';

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

export type MedicationLike = MedicationRequest | MedicationStatement;

export interface MedicationCheckInput {
  /** Orders being selected or signed. */
  draft: MedicationRequest[];
  /** What the patient already takes. */
  active?: MedicationLike[];
  allergies?: AllergyIntolerance[];
  patient?: Patient;
  /** For creatinine and weight (and age/sex when `patient` is absent). */
  state?: PatientState;
  /** ISO date-time the check is made (recorded on the issues). */
  now: string;
}

export type IssueKind = 'interaction' | 'allergy' | 'renal' | 'duplicate';

export interface MedicationIssue {
  kind: IssueKind;
  severity: 'high' | 'moderate' | 'low';
  /** ≤ 140 characters (CDS Hooks card summary). */
  summary: string;
  detail: string;
  /** Index into `draft` of the order concerned. */
  draftIndex: number;
  detectedIssue: DetectedIssue;
}

interface Med {
  ingredients: string[];
  classes: Set<string>;
  name: string;
  ref?: Reference;
}

function describe(m: MedicationLike): Med {
  const cc = m.medicationCodeableConcept;
  const coding = cc?.coding?.find((c) => c.system === RXNORM);
  const text = [cc?.text, ...(cc?.coding ?? []).map((c) => c.display), m.medicationReference?.display].filter(Boolean).join(' ');
  const ingredients = ingredientsOf(coding?.code, text);
  const classes = new Set(ingredients.flatMap(classesOf));
  const name = cc?.text ?? coding?.display ?? m.medicationReference?.display ?? ingredients.join('/') ?? 'medication';
  const med: Med = { ingredients, classes, name: name || 'medication' };
  if (m.id) med.ref = { reference: `${m.resourceType}/${m.id}` };
  return med;
}

function matches(m: Med, terms: string[]): boolean {
  return terms.some((t) => (t.startsWith('class:') ? m.classes.has(t.slice(6)) : m.ingredients.includes(t)));
}

const clip = (s: string) => (s.length <= 140 ? s : `${s.slice(0, 139)}…`);

function issue(
  kind: IssueKind,
  severity: MedicationIssue['severity'],
  summary: string,
  detail: string,
  implicated: Reference[],
  now: string,
  evidence: Reference[] = [],
): DetectedIssue {
  const code = { interaction: 'DRG', allergy: 'DRGALG', renal: 'DOSECOND', duplicate: 'DUPTHPY' }[kind];
  const di: DetectedIssue = {
    resourceType: 'DetectedIssue',
    status: 'preliminary',
    code: { coding: [{ system: ACT_CODE, code }], text: summary },
    severity,
    identifiedDateTime: now,
    detail,
  };
  if (implicated.length) di.implicated = implicated;
  if (evidence.length) di.evidence = [{ detail: evidence }];
  return di;
}

function sexOf(input: MedicationCheckInput): 'male' | 'female' | undefined {
  const g = input.patient?.gender ?? input.state?.sex;
  return g === 'male' || g === 'female' ? g : undefined;
}

/** Kidney function from the state's latest creatinine (7 days) and weight. */
export function renalContext(input: Pick<MedicationCheckInput, 'state' | 'patient'>): RenalContext & { evidence: Reference[] } {
  const s = input.state;
  const out: RenalContext & { evidence: Reference[] } = { evidence: [] };
  if (!s) return out;
  const cr = latest(s, 'creatinine', 24 * 7);
  const wt = latest(s, 'weight');
  let age = s.ageYears;
  if (age === undefined && input.patient?.birthDate) age = (s.nowMs - Date.parse(input.patient.birthDate)) / (365.25 * 86400_000);
  const sex = (input.patient?.gender ?? s.sex) as 'male' | 'female' | undefined;
  if (age !== undefined) out.ageYears = age;
  if (wt) {
    out.weightKg = wt.value;
    if (wt.observationId) out.evidence.push({ reference: wt.observationId });
  }
  if (cr) {
    out.creatinine = cr.value;
    if (cr.observationId) out.evidence.push({ reference: cr.observationId });
    if (age !== undefined && (sex === 'male' || sex === 'female')) {
      out.egfr = egfrCkdEpi2021(cr.value, age, sex);
      if (wt) out.crcl = crclCockcroftGault(cr.value, age, wt.value, sex);
    }
  }
  return out;
}

/** Run every check on each draft order. */
export function checkMedications(input: MedicationCheckInput): MedicationIssue[] {
  const out: MedicationIssue[] = [];
  const drafts = input.draft.map(describe);
  const active = (input.active ?? []).map(describe);
  const renal = renalContext(input);
  const add = (
    kind: IssueKind,
    severity: MedicationIssue['severity'],
    summary: string,
    detail: string,
    draftIndex: number,
    implicated: Reference[],
    evidence: Reference[] = [],
  ) =>
    out.push({
      kind,
      severity,
      summary: clip(summary),
      detail,
      draftIndex,
      detectedIssue: issue(kind, severity, clip(summary), detail, implicated, input.now, evidence),
    });

  drafts.forEach((d, i) => {
    const self = d.ref ? [d.ref] : [];
    const others = [...active, ...drafts.filter((_, j) => j !== i)];
    // Interactions (ONC high priority); each pair reported once per draft.
    for (const o of others) {
      for (const rule of ONC_HIGH_PRIORITY) {
        if ((matches(d, rule.a) && matches(o, rule.b)) || (matches(d, rule.b) && matches(o, rule.a))) {
          add(
            'interaction',
            'high',
            `${d.name} + ${o.name}: ${rule.effect}`,
            `ONC high-priority interaction (${rule.id}, Phansalkar 2012): ${rule.effect}. ${rule.advice}.`,
            i,
            [...self, ...(o.ref ? [o.ref] : [])],
          );
          break;
        }
      }
      // Duplicate therapy: same ingredient, or same therapeutic class among anticoagulants, NSAIDs, PPIs, statins, SSRIs, ACE-i/ARB.
      const shared = d.ingredients.filter((x) => o.ingredients.includes(x));
      const dupClasses = ['anticoagulant', 'nsaid', 'ppi', 'statin', 'ssri', 'ace-inhibitor', 'arb', 'opioid', 'gabapentinoid'];
      const sharedClass = dupClasses.find((c) => d.classes.has(c) && o.classes.has(c));
      if (shared.length || sharedClass) {
        const what = shared.length ? shared.join(', ') : sharedClass!;
        add(
          'duplicate',
          shared.length ? 'high' : 'moderate',
          `Duplicate therapy: ${d.name} and ${o.name} (${what})`,
          `Both orders contain ${shared.length ? `the same ingredient (${what})` : `drugs of the same class (${what})`}. Confirm both are intended.`,
          i,
          [...self, ...(o.ref ? [o.ref] : [])],
        );
      }
    }
    // Allergies.
    for (const a of input.allergies ?? []) {
      if (a.verificationStatus?.coding?.some((c) => c.code === 'refuted' || c.code === 'entered-in-error')) continue;
      if (a.clinicalStatus?.coding?.some((c) => c.code === 'inactive' || c.code === 'resolved')) continue;
      const text = [a.code?.text, ...(a.code?.coding ?? []).map((c) => c.display)].filter(Boolean).join(' ');
      const code = a.code?.coding?.find((c) => c.system === RXNORM)?.code;
      const allergenIngredients = ingredientsOf(code, text);
      const allergenClasses = new Set([...allergenIngredients.flatMap(classesOf), ...classWords(text)]);
      const same = d.ingredients.filter((x) => allergenIngredients.includes(x));
      const aref: Reference[] = a.id ? [{ reference: `AllergyIntolerance/${a.id}` }] : [];
      if (same.length) {
        add(
          'allergy',
          'high',
          `Allergy: ${d.name} — patient is allergic to ${text || same.join(', ')}`,
          `Documented allergy to ${same.join(', ')}.`,
          i,
          [...self, ...aref],
        );
        continue;
      }
      const cr = CROSS_REACTIVITY.find((x) => allergenClasses.has(x.allergen) && d.classes.has(x.drug));
      if (cr)
        add(
          'allergy',
          cr.risk === 'high' ? 'high' : 'moderate',
          `Possible cross-reactivity: ${d.name} with ${text || cr.allergen} allergy`,
          `${cr.note}.`,
          i,
          [...self, ...aref],
        );
    }
    // Renal dosing.
    for (const rule of RENAL_RULES) {
      if (!d.ingredients.includes(rule.ingredient)) continue;
      const sex = sexOf(input);
      const f = rule.check(renal);
      if (f) {
        add(
          'renal',
          f.severity,
          `Renal dosing: ${f.text}`,
          `${f.text}. Kidney function: ${renal.egfr !== undefined ? `eGFR ${renal.egfr.toFixed(0)} mL/min/1.73m² (CKD-EPI 2021)` : 'eGFR unknown'}; ${renal.crcl !== undefined ? `CrCl ${renal.crcl.toFixed(0)} mL/min (Cockcroft–Gault)` : 'CrCl unknown'}.`,
          i,
          self,
          renal.evidence,
        );
      } else if ((rule.measure === 'egfr' ? renal.egfr : renal.crcl) === undefined) {
        const need = rule.measure === 'egfr' ? 'creatinine, age and sex' : 'creatinine, age, sex and weight';
        add(
          'renal',
          'low',
          `Renal dosing for ${rule.ingredient} cannot be checked: insufficient data`,
          `Needs ${need}${sex ? '' : ' (sex unknown)'} to estimate kidney function.`,
          i,
          self,
        );
      }
    }
  });
  return out;
}

/** Class words in free-text allergy entries ("penicillins", "sulfa drugs"). */
function classWords(text: string): string[] {
  const t = text.toLowerCase();
  const out: string[] = [];
  if (/penicillin/.test(t)) out.push('penicillin');
  if (/cephalosporin/.test(t)) out.push('cephalosporin');
  if (/carbapenem/.test(t)) out.push('carbapenem');
  if (/sulfa|sulphonamide|sulfonamide/.test(t)) out.push('sulfonamide-antibiotic');
  if (/nsaid/.test(t)) out.push('nsaid');
  if (/opioid|opiate/.test(t)) out.push('opioid');
  return out;
}
