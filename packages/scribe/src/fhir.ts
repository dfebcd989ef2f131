/**
 * The draft as FHIR data: a `Composition` (LOINC-coded sections) inside a preliminary
 * `DocumentReference`, with a `Provenance` naming the engine and the evidence turns; and the
 * clinician's sign-off as a status change with its own `Provenance`.
 * @see https://hl7.org/fhir/R4/composition.html
 * @see https://hl7.org/fhir/R4/documentreference.html
 * @see https://hl7.org/fhir/R4/provenance.html
 */
import type { Composition, CompositionSection, DocumentReference, Extension, Provenance, Reference } from '@galen/fhir';
import { badRequest } from '@galen/fhir';
import type { Draft } from './note';
import { renderDraftText, SECTIONS } from './note';

export const SCRIBE_EXT = {
  sentence: 'https://galen.dev/fhir/StructureDefinition/scribe-sentence',
  /** Shared with the review queue (`@galen/operations` review.ts reads it). */
  engine: 'https://galen.dev/fhir/StructureDefinition/engine',
  editDistance: 'https://galen.dev/fhir/StructureDefinition/scribe-edit-distance',
  editRatio: 'https://galen.dev/fhir/StructureDefinition/scribe-edit-ratio',
} as const;

/** Identifier system for transcript turns cited as evidence. */
export const TURN_SYSTEM = 'https://galen.dev/fhir/NamingSystem/transcript-turn';

/** LOINC document types: 11506-3 Progress note; 34109-9 Note. */
export const NOTE_TYPES = {
  progress: { system: 'http://loinc.org', code: '11506-3', display: 'Progress note' },
  note: { system: 'http://loinc.org', code: '34109-9', display: 'Note' },
} as const;

/**
 * A reference of any target type: callers pass Patient/Encounter/Practitioner references and the
 * FHIR element types narrow them differently per element.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the target type varies by element
type AnyReference = Reference<any>;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function base64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

export interface DraftResourcesOptions {
  /** Recording time (ISO 8601); capability code takes no clock. */
  now: string;
  ids: { composition: string; documentReference: string; provenance: string };
  subject?: AnyReference;
  encounter?: AnyReference;
  /** The author shown on the Composition; defaults to the engine as a display-only reference. */
  author?: AnyReference;
  /** Where the transcript lives, if stored (e.g. a DocumentReference or Binary). */
  transcript?: AnyReference;
}

export interface DraftResources {
  composition: Composition;
  documentReference: DocumentReference;
  provenance: Provenance;
}

/** Build the preliminary Composition, DocumentReference and Provenance for a draft. */
export function draftToFhir(draft: Draft, o: DraftResourcesOptions): DraftResources {
  const engineDisplay = `${draft.engine.name} ${draft.engine.version}`;
  const author: AnyReference = o.author ?? { display: engineDisplay };
  const sections: CompositionSection[] = draft.sections.map((s) => {
    const meta = SECTIONS.find((x) => x.code === s.code)!;
    const lines = s.sentences.map((x) =>
      x.flagged
        ? `<p><del>${escapeXml(x.text)}</del> (unverified: ${escapeXml(x.flagged.reason)})</p>`
        : `<p>${escapeXml(x.text)}</p>`,
    );
    const extension: Extension[] = s.sentences.map((x) => ({
      url: SCRIBE_EXT.sentence,
      extension: [
        { url: 'text', valueString: x.text },
        ...x.evidence.map((e) => ({ url: 'evidence', valueString: e })),
        ...(x.flagged ? [{ url: 'flagged', valueString: x.flagged.reason }] : []),
      ],
    }));
    return {
      title: meta.title[0] + meta.title.slice(1).toLowerCase(),
      code: { coding: [{ system: 'http://loinc.org', code: meta.loinc, display: meta.loincDisplay }] },
      text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${lines.join('')}</div>` },
      extension,
    };
  });
  const composition: Composition = {
    resourceType: 'Composition',
    id: o.ids.composition,
    status: 'preliminary',
    type: { coding: [NOTE_TYPES.progress], text: 'Visit note (draft)' },
    date: o.now,
    author: [author],
    title: 'Visit note (AI draft, needs review)',
    extension: [{ url: SCRIBE_EXT.engine, valueString: engineDisplay }],
    ...(o.subject ? { subject: o.subject } : {}),
    ...(o.encounter ? { encounter: o.encounter } : {}),
    section: sections.length ? sections : undefined,
  };
  if (!composition.section) delete composition.section;
  const text = renderDraftText(draft);
  const documentReference: DocumentReference = {
    resourceType: 'DocumentReference',
    id: o.ids.documentReference,
    status: 'current',
    docStatus: 'preliminary',
    type: { coding: [NOTE_TYPES.progress] },
    date: o.now,
    description: `AI draft by ${engineDisplay}${draft.partial ? ' (partial)' : ''}`,
    extension: [{ url: SCRIBE_EXT.engine, valueString: engineDisplay }],
    author: [author],
    ...(o.subject ? { subject: o.subject } : {}),
    content: [
      { attachment: { contentType: 'text/plain; charset=utf-8', data: base64(text), title: 'Draft note' } },
      { attachment: { contentType: 'application/fhir+json', url: `Composition/${o.ids.composition}`, title: 'Composition' } },
    ],
    context: {
      related: [{ reference: `Composition/${o.ids.composition}` }],
      ...(o.encounter ? { encounter: [o.encounter] } : {}),
    },
  };
  const turnIds = [...new Set(draft.sections.flatMap((s) => s.sentences.flatMap((x) => x.evidence)))];
  const provenance: Provenance = {
    resourceType: 'Provenance',
    id: o.ids.provenance,
    target: [{ reference: `DocumentReference/${o.ids.documentReference}` }, { reference: `Composition/${o.ids.composition}` }],
    recorded: o.now,
    activity: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'CREATE', display: 'create' }],
    },
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
              code: 'assembler',
              display: 'Assembler',
            },
          ],
        },
        who: { display: engineDisplay },
      },
    ],
    entity: [
      ...(o.transcript ? [{ role: 'source' as const, what: o.transcript }] : []),
      ...turnIds.map((id) => ({
        role: 'source' as const,
        what: { identifier: { system: TURN_SYSTEM, value: id }, display: `transcript turn ${id}` },
      })),
    ],
  };
  if (!provenance.entity?.length) delete provenance.entity;
  return { composition, documentReference, provenance };
}

/** Word-level Levenshtein distance (edits the clinician made to the draft). */
export function wordEditDistance(a: string, b: string): number {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

function decodeAttachmentText(d: DocumentReference): string {
  const a = d.content.find((c) => c.attachment.data && (c.attachment.contentType ?? '').startsWith('text/'));
  return a?.attachment.data ? Buffer.from(a.attachment.data, 'base64').toString('utf8') : '';
}

export interface SignOptions {
  signer: AnyReference;
  now: string;
  provenanceId: string;
  /** The text as the clinician signed it; defaults to the draft text unchanged. */
  signedText?: string;
}

/**
 * Sign a draft: `docStatus: final`, the signed text as the attachment, and a Provenance whose
 * agent is the signer, carrying the word edit distance between draft and signed text
 * (extension `scribe-edit-distance`, and `scribe-edit-ratio` = distance / draft words).
 */
export function signDraft(
  doc: DocumentReference,
  o: SignOptions,
): { documentReference: DocumentReference; provenance: Provenance } {
  if (doc.resourceType !== 'DocumentReference') throw badRequest('Expected a DocumentReference.');
  if (doc.docStatus === 'final') throw badRequest('This document is already signed.');
  const draftText = decodeAttachmentText(doc);
  const signedText = o.signedText ?? draftText;
  if (!signedText.trim()) throw badRequest('Signed text is empty.');
  const distance = wordEditDistance(draftText, signedText);
  const draftWords = draftText.split(/\s+/).filter(Boolean).length;
  const ratio = draftWords ? Math.round((1000 * distance) / draftWords) / 1000 : 1;
  const content = doc.content.map((c) =>
    c.attachment.data && (c.attachment.contentType ?? '').startsWith('text/')
      ? { ...c, attachment: { ...c.attachment, data: base64(signedText), title: 'Signed note' } }
      : c,
  );
  const documentReference: DocumentReference = {
    ...doc,
    docStatus: 'final',
    content,
    authenticator: o.signer,
    description: (doc.description ?? 'Note').replace(/^AI draft/, 'Signed note drafted'),
  };
  const provenance: Provenance = {
    resourceType: 'Provenance',
    id: o.provenanceId,
    target: [{ reference: `DocumentReference/${doc.id ?? ''}` }],
    recorded: o.now,
    activity: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/v3-DocumentCompletion', code: 'LA', display: 'legally authenticated' },
      ],
    },
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
              code: 'verifier',
              display: 'Verifier',
            },
          ],
        },
        who: o.signer,
      },
    ],
    extension: [
      { url: SCRIBE_EXT.editDistance, valueInteger: distance },
      { url: SCRIBE_EXT.editRatio, valueDecimal: ratio },
    ],
  };
  return { documentReference, provenance };
}
