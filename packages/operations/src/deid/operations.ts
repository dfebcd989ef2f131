/**
 * Operations of the deid area: `deid.text`, `deid.resource` (FHIR `$deidentify`) and
 * `deid.patient` (`Patient/{id}/$deidentify`).
 */
import { z } from 'zod';
import { defineOperation, type Operation } from '../registry';
import { fhirId } from '../schemas';
import { deidPatient, deidResource, deidText } from './service';

const modeSchema = z.enum(['redact', 'surrogate', 'tag']).default('redact');

const textOp = defineOperation({
  name: 'deid.text',
  description:
    'De-identify clinical text (HIPAA Safe Harbor identifiers): redact, tag, or replace with key-derived surrogates and per-patient date shifts',
  input: z.object({
    text: z.string().max(20 * 1024 * 1024),
    mode: modeSchema,
    patientId: z.string().max(128).optional(),
    years: z.boolean().optional(),
    mapping: z.boolean().optional(),
  }),
  roles: ['admin', 'clinician', 'reviewer', 'service'],
  handler: async (input, ctx) => deidText(ctx, input),
});

const resourceOp = defineOperation({
  name: 'deid.resource',
  description: 'De-identify a FHIR resource or Bundle ($everything): names, telecom, addresses, identifiers, dates and free text',
  input: z.object({
    resource: z.object({ resourceType: z.string() }).passthrough(),
    mode: modeSchema,
    patientId: z.string().max(128).optional(),
    now: z.string().datetime({ offset: true }).optional(),
    mapping: z.boolean().optional(),
  }),
  roles: ['admin', 'clinician', 'reviewer', 'service'],
  fhir: { code: 'deidentify', resourceBody: true },
  handler: async (input, ctx) => deidResource(ctx, input),
});

const patientOp = defineOperation({
  name: 'deid.patient',
  description: "De-identify a patient's whole record (Patient/$everything) as one Bundle, with consistent surrogates and dates",
  input: z.object({
    id: fhirId,
    mode: z.enum(['redact', 'surrogate']).default('redact'),
  }),
  roles: ['admin', 'clinician', 'reviewer', 'service'],
  fhir: { code: 'deidentify', resourceType: 'Patient', instance: true },
  handler: async (input, ctx) => deidPatient(ctx, input),
});

export const deidOperations: Operation[] = [textOp as Operation, resourceOp as Operation, patientOp as Operation];
