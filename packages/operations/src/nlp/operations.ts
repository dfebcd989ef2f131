/**
 * Operations of the nlp area: `nlp.extract` (text → annotations or FHIR, optionally stored) and
 * `DocumentReference/$extract` (a stored note → preliminary FHIR resources for review).
 */
import { z } from 'zod';
import { defineOperation, type Operation } from '../registry';
import { fhirId as id } from '../schemas';
import { extractDocument, extractText } from './service';

export const nlpExtract = defineOperation({
  name: 'nlp.extract',
  description:
    'Clinical text → sections, concepts with negation/history/family context, medications, measurements (JSON or FHIR)',
  input: z.object({
    text: z.string(),
    format: z.enum(['json', 'fhir']).default('json'),
    patientId: id.optional(),
    documentReferenceId: id.optional(),
    /** Store the FHIR results as preliminary resources (needs patientId and documentReferenceId). */
    store: z.boolean().default(false),
    includeTokens: z.boolean().default(false),
  }),
  roles: ['admin', 'clinician', 'service'],
  handler: async (input, ctx) => extractText(ctx, input),
});

export const documentReferenceExtract = defineOperation({
  name: 'nlp.extract-document',
  description: 'DocumentReference/$extract: extract a stored note and store the results as preliminary FHIR resources',
  input: z.object({ id }),
  roles: ['admin', 'clinician', 'service'],
  fhir: { code: 'extract', resourceType: 'DocumentReference', instance: true },
  handler: async (input, ctx) => extractDocument(ctx, input.id),
});

export const nlpOperations: Operation[] = [nlpExtract as Operation, documentReferenceExtract as Operation];
