/**
 * The review queue's items: every preliminary AI output awaiting a human, and what the queue reads
 * from each (its text, the engine that made it). Pure.
 * @see https://hl7.org/fhir/R4/documentreference-definitions.html#DocumentReference.docStatus
 */
import type { DocumentReference, Resource } from '@galen/fhir';

export type ReviewKind = 'draft-note' | 'extracted-condition' | 'alert';

export interface ReviewItem {
  kind: ReviewKind;
  /** `Type/id`. */
  reference: string;
  patientId?: string;
  title: string;
  /** Engine that produced it, when known. */
  engine?: string;
  created?: string;
  /** The draft text for notes. */
  text?: string;
}

/** The plain text of a DocumentReference's first text attachment. */
export function documentText(doc: DocumentReference): string {
  for (const c of doc.content ?? []) {
    const a = c.attachment;
    if (a?.data && (!a.contentType || a.contentType.startsWith('text/'))) return Buffer.from(a.data, 'base64').toString('utf8');
  }
  return '';
}

const ENGINE_EXT = 'https://galen.dev/fhir/StructureDefinition/engine';

/** The engine named on a resource: a Galen engine extension, else the first author/asserter display. */
export function engineOf(r: Resource): string | undefined {
  // Galen's engine extension, or any capability's own `.../engine` extension (the scribe's, CDS's).
  const ext = (r as { extension?: { url: string; valueString?: string }[] }).extension?.find(
    (e) => e.url === ENGINE_EXT || /[/-]engine$/.test(e.url),
  );
  if (ext?.valueString) return ext.valueString;
  if (r.resourceType === 'DocumentReference') return r.author?.find((a) => a.display)?.display;
  if (r.resourceType === 'Condition') return r.asserter?.display;
  if (r.resourceType === 'DetectedIssue') return r.author?.display;
  return undefined;
}
