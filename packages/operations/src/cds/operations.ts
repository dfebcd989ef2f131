/**
 * Operations of the cds area: `cds.score`, `cds.medication-check`, `cds.alerts`,
 * `cds.alert-action` and `cds.model-card`.
 */
import { z } from 'zod';
import type { MedicationRequest } from '@galen/fhir';
import { defineOperation, type Operation } from '../registry';
import { fhirId, referenceTo } from '../schemas';
import { BUNDLED_MODEL_NAME } from './model-cards';
import { actOnAlert, alertInbox, checkDraftOrders, readModelCard, scorePatient } from './service';

const scoreOp = defineOperation({
  name: 'cds.score',
  description:
    'Early-warning scores (NEWS2, qSOFA, SIRS, SOFA, MEWS, shock index, AKI, Sepsis-3, SEP-1) and sepsis risk for a patient, with explanations',
  input: z.object({
    patientId: fhirId,
    now: z.string().datetime({ offset: true }).optional(),
    persist: z.boolean().default(true),
  }),
  roles: ['admin', 'clinician', 'service'],
  handler: async (input, ctx) => scorePatient(ctx, input),
});

const medicationSchema = z.object({ resourceType: z.literal('MedicationRequest') }).passthrough();

const medicationCheckOp = defineOperation({
  name: 'cds.medication-check',
  description:
    'Medication safety for draft MedicationRequests: ONC high-priority interactions, allergy cross-reactivity, renal dosing, duplicate therapy',
  input: z.object({
    patientId: fhirId.optional(),
    draft: z.union([medicationSchema, z.array(medicationSchema).min(1).max(50)]),
    persist: z.boolean().default(false),
    now: z.string().datetime({ offset: true }).optional(),
  }),
  roles: ['admin', 'clinician', 'service'],
  handler: async (input, ctx) =>
    checkDraftOrders(ctx, {
      ...input,
      draft: (Array.isArray(input.draft) ? input.draft : [input.draft]) as unknown as MedicationRequest[],
    }),
});

const alertsOp = defineOperation({
  name: 'cds.alerts',
  description: 'Open decision-support alerts (sepsis risk, NEWS2), newest first',
  input: z.object({ patientId: fhirId.optional(), includeClosed: z.boolean().default(false) }),
  roles: ['admin', 'clinician', 'reviewer', 'service'],
  handler: async (input, ctx) => alertInbox(ctx, input),
});

const alertActionOp = defineOperation({
  name: 'cds.alert-action',
  description: 'Acknowledge, snooze or override (with a reason) an alert; stored as CDS Hooks feedback',
  input: z
    .object({
      alert: referenceTo('DetectedIssue'),
      action: z.enum(['acknowledge', 'snooze', 'override']),
      snoozeHours: z.number().positive().max(72).optional(),
      reason: z.string().max(500).optional(),
      reasonCode: z.string().max(64).optional(),
    })
    .refine((x) => x.action !== 'override' || x.reason || x.reasonCode, { message: 'override needs a reason' }),
  roles: ['admin', 'clinician'],
  handler: async (input, ctx) => actOnAlert(ctx, input),
});

const modelCardOp = defineOperation({
  name: 'cds.model-card',
  description: 'Model card of a shipped CDS model: intended use, limitations, held-out test metrics, ROC, calibration, subgroups',
  // The default is the card of the model the service runs (`SEPSIS_MODEL_URL`).
  input: z.object({ name: z.string().min(1).max(64).default(BUNDLED_MODEL_NAME) }),
  roles: ['admin', 'clinician', 'reviewer'],
  handler: async (input, ctx) => readModelCard(ctx, input.name),
});

export const cdsOperations: Operation[] = [scoreOp, medicationCheckOp, alertsOp, alertActionOp, modelCardOp] as Operation[];
