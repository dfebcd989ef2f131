/**
 * NLP results as FHIR R4 resources: `Condition`, `MedicationStatement`, `Observation`,
 * `AllergyIntolerance`, `FamilyMemberHistory`, and one `Provenance` naming the engine.
 *
 * Evidence: every resource carries the extension `https://galen.dev/fhir/StructureDefinition/text-span`
 * with sub-extensions `document` (valueReference to the source DocumentReference), `start` and `end`
 * (valueInteger, UTF-16 offsets into the document text, end exclusive) and, when context changed the
 * reading, `cue` (valueString, e.g. `negated: "denies" [0,6)`). Resources whose type has a slot for it
 * also point at the document there (`Condition.evidence.detail`, `Observation.derivedFrom`,
 * `MedicationStatement.derivedFrom`, `FamilyMemberHistory.reasonReference`).
 *
 * Statuses: a negated problem is `refuted`, an uncertain one `unconfirmed`, otherwise `confirmed`;
 * with `preliminary: true` (results stored for clinician review, ARCHITECTURE.md rule 5) every
 * non-refuted Condition and AllergyIntolerance is `unconfirmed`, Observations are `preliminary`, and
 * each resource is tagged `nlp-preliminary`. `clinicalStatus`: `active` for a current problem or one
 * listed under a history section (a chronic problem stays active); `inactive` when a phrase in the
 * sentence places it in the past ("history of", "status post", "prior"); absent when refuted.
 * Hypothetical mentions and those about people other than the patient or family are left out.
 * @see https://hl7.org/fhir/R4/condition.html, https://hl7.org/fhir/R4/provenance.html
 */
import type {
  AllergyIntolerance,
  CodeableConcept,
  DocumentReference,
  Patient,
  Timing,
  Condition,
  Dosage,
  Extension,
  FamilyMemberHistory,
  MedicationStatement,
  Observation,
  Provenance,
  Reference,
  Resource,
} from '@galen/fhir';
import type { Measurement, Medication, Mention, NlpResult, Span } from './types';

export const TEXT_SPAN_URL = 'https://galen.dev/fhir/StructureDefinition/text-span';
export const GALEN_TAG_SYSTEM = 'https://galen.dev/fhir/CodeSystem/galen';
const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';

export interface ToFhirOptions {
  patientId: string;
  documentReferenceId: string;
  /** Recorded time (ISO 8601 instant): the caller's clock. */
  now: string;
  /** Results stored for review: see the module comment. */
  preliminary?: boolean;
  /**
   * Ids for the new resources. Default: `<document id>-nlp-<n>` (deterministic). Pass UUIDs with
   * `urnReferences` for a transaction bundle.
   */
  newId?: () => string;
  /** Refer between the new resources as `urn:uuid:<id>` (for transaction bundles). */
  urnReferences?: boolean;
}

/** Convert an extraction result to FHIR resources (Provenance last). */
export function toFhir(result: NlpResult, options: ToFhirOptions): Resource[] {
  const { patientId, documentReferenceId, now } = options;
  const prefix = documentReferenceId.replace(/[^A-Za-z0-9.-]/g, '').slice(0, 48) || 'doc';
  let counter = 0;
  const newId = options.newId ?? (() => `${prefix}-nlp-${++counter}`);
  const patient: Reference<Patient> = { reference: `Patient/${patientId}` };
  const doc: Reference<DocumentReference> = { reference: `DocumentReference/${documentReferenceId}` };
  const preliminary = !!options.preliminary;
  const meta = preliminary
    ? { meta: { tag: [{ system: GALEN_TAG_SYSTEM, code: 'nlp-preliminary', display: 'NLP result pending review' }] } }
    : {};
  const out: Resource[] = [];
  const allergyMentions = new Set<number>();

  const spanExt = (span: Span, cue?: string): Extension[] => [
    {
      url: TEXT_SPAN_URL,
      extension: [
        { url: 'document', valueReference: doc },
        { url: 'start', valueInteger: span.start },
        { url: 'end', valueInteger: span.end },
        ...(cue ? [{ url: 'cue', valueString: cue }] : []),
      ],
    },
  ];
  const cueText = (m: Mention) =>
    m.context.cues
      .map((c) => `${c.category}: ${c.source === 'section' ? '(section)' : JSON.stringify(c.text)} [${c.start},${c.end})`)
      .join('; ') || undefined;
  const codeOf = (m: Mention): CodeableConcept => ({
    coding: [{ system: m.concept.system, code: m.concept.code, display: m.concept.display }],
    text: m.text,
  });

  result.mentions.forEach((m, i) => {
    if (m.context.hypothetical || m.context.experiencer === 'other') return;
    const isAllergy =
      !!m.allergy &&
      (m.kind === 'medication' || m.kind === 'allergen' || m.kind === 'drug-class') &&
      m.context.experiencer === 'patient';
    if (isAllergy) {
      allergyMentions.add(i);
      if (m.context.negated) return;
      const a: AllergyIntolerance = {
        resourceType: 'AllergyIntolerance',
        id: newId(),
        ...meta,
        extension: spanExt(m, cueText(m)),
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
        },
        verificationStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
              code: preliminary || m.context.uncertain ? 'unconfirmed' : 'confirmed',
            },
          ],
        },
        code: codeOf(m),
        patient,
        recordedDate: now,
      };
      out.push(a);
      return;
    }
    if (m.kind !== 'problem' && m.kind !== 'finding') return;
    if (m.context.experiencer === 'family') {
      if (m.context.negated) return;
      const f: FamilyMemberHistory = {
        resourceType: 'FamilyMemberHistory',
        id: newId(),
        ...meta,
        extension: spanExt(m, cueText(m)),
        status: 'partial',
        patient,
        date: now,
        relationship: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: m.context.relation ?? 'FAMMEMB' }],
        },
        reasonReference: [doc],
        condition: [{ code: codeOf(m) }],
      };
      out.push(f);
      return;
    }
    const verification = m.context.negated ? 'refuted' : preliminary || m.context.uncertain ? 'unconfirmed' : 'confirmed';
    const phraseHistory = m.context.cues.some((c) => c.category === 'historical' && c.source !== 'section');
    const c: Condition = {
      resourceType: 'Condition',
      id: newId(),
      ...meta,
      extension: spanExt(m, cueText(m)),
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: verification }],
      },
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-category',
              code: m.context.historical ? 'problem-list-item' : 'encounter-diagnosis',
            },
          ],
        },
      ],
      code: codeOf(m),
      subject: patient,
      recordedDate: now,
      evidence: [{ detail: [doc] }],
    };
    if (!m.context.negated) {
      c.clinicalStatus = {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: phraseHistory ? 'inactive' : 'active' },
        ],
      };
    }
    out.push(c);
  });

  for (const med of result.medications) {
    const m = result.mentions[med.mention];
    if (!m || allergyMentions.has(med.mention) || m.context.hypothetical || m.context.experiencer !== 'patient') continue;
    out.push(medicationStatement(med, m, { newId, meta, patient, doc, now, spanExt }));
  }

  for (const ms of result.measurements) out.push(observation(ms, { newId, meta, patient, doc, now, spanExt, preliminary }));

  if (out.length) {
    const ref = (r: Resource): Reference => ({
      reference: options.urnReferences ? `urn:uuid:${r.id}` : `${r.resourceType}/${r.id}`,
    });
    const prov: Provenance = {
      resourceType: 'Provenance',
      id: newId(),
      target: out.map(ref),
      recorded: now,
      activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'CREATE' }] },
      agent: [
        {
          type: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'assembler' }],
          },
          who: { display: `${result.engine.name} ${result.engine.version}` },
        },
      ],
      entity: [{ role: 'source', what: doc }],
    };
    out.push(prov);
  }
  return out;
}

interface Ctx {
  newId: () => string;
  meta: object;
  patient: Reference<Patient>;
  doc: Reference<DocumentReference>;
  now: string;
  spanExt: (span: Span, cue?: string) => Extension[];
  preliminary?: boolean;
}

function medicationStatement(med: Medication, m: Mention, ctx: Ctx): MedicationStatement {
  const sig = med.signature;
  const change = sig.status?.change;
  const status: MedicationStatement['status'] = m.context.negated
    ? 'not-taken'
    : change === 'stopped'
      ? 'stopped'
      : change === 'held'
        ? 'on-hold'
        : m.context.historical
          ? 'completed'
          : 'active';
  const dosage: Dosage = { text: med.text };
  if (sig.frequency || sig.duration) {
    const timing = sig.frequency?.timing ?? {};
    const repeat = { ...(timing.repeat ?? {}) };
    if (sig.duration)
      repeat.boundsDuration = { value: sig.duration.value, unit: sig.duration.unit, system: UCUM, code: sig.duration.code };
    // SigTiming is the FHIR Timing shape with `when` as plain strings (EventTiming codes).
    dosage.timing = {
      ...(timing.code ? { code: timing.code } : {}),
      ...(Object.keys(repeat).length ? { repeat: repeat as Timing['repeat'] } : {}),
    };
  }
  if (sig.asNeeded) {
    if (sig.asNeeded.reason) dosage.asNeededCodeableConcept = { text: sig.asNeeded.reason };
    else dosage.asNeededBoolean = true;
  }
  if (sig.route)
    dosage.route = { coding: [{ system: SNOMED, code: sig.route.code, display: sig.route.display }], text: sig.route.text };
  const q = sig.dose ?? sig.strength;
  if (q) {
    dosage.doseAndRate = [{ doseQuantity: { value: q.value, unit: q.unit, ...(q.code ? { system: UCUM, code: q.code } : {}) } }];
  }
  const cue = [
    ...m.context.cues.map((c) => `${c.category}: ${JSON.stringify(c.text)} [${c.start},${c.end})`),
    ...(sig.status
      ? [`status ${sig.status.change}: ${JSON.stringify(sig.status.text)} [${sig.status.start},${sig.status.end})`]
      : []),
  ].join('; ');
  return {
    resourceType: 'MedicationStatement',
    id: ctx.newId(),
    ...ctx.meta,
    extension: ctx.spanExt(med, cue || undefined),
    status,
    medicationCodeableConcept: {
      coding: [{ system: m.concept.system, code: m.concept.code, display: m.concept.display }],
      text: m.text,
    },
    subject: ctx.patient,
    dateAsserted: ctx.now,
    derivedFrom: [ctx.doc],
    dosage: [dosage],
  };
}

function observation(ms: Measurement, ctx: Ctx): Observation {
  const obs: Observation = {
    resourceType: 'Observation',
    id: ctx.newId(),
    ...ctx.meta,
    extension: ctx.spanExt(ms),
    status: ctx.preliminary ? 'preliminary' : 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: ms.category,
            display: ms.category === 'vital-signs' ? 'Vital Signs' : 'Laboratory',
          },
        ],
      },
    ],
    code: { coding: [{ system: LOINC, code: ms.loinc, display: ms.display }] },
    subject: ctx.patient,
    issued: ctx.now,
    derivedFrom: [ctx.doc],
  };
  if (ms.value2 !== undefined) {
    const mmHg = (value: number) => ({ value, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' });
    obs.component = [
      {
        code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] },
        valueQuantity: mmHg(ms.value),
      },
      {
        code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }] },
        valueQuantity: mmHg(ms.value2),
      },
    ];
  } else {
    obs.valueQuantity = { value: ms.value, unit: ms.ucum, system: UCUM, code: ms.ucum };
  }
  if (ms.qualifier) obs.note = [{ text: `on ${ms.qualifier}` }];
  return obs;
}
