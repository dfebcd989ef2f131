/**
 * Core operations: `Patient/$everything`, the audit trail and API keys.
 */
import { z } from 'zod';
import { ROLES } from '@galen/store';
import { defineOperation, type Operation } from '../registry';
import { fhirId as id } from '../schemas';
import { createApiKey, listApiKeys, listAudit, patientEverything as everything, revokeApiKey, verifyAudit } from './service';

export const patientEverything = defineOperation({
  name: 'patient.everything',
  description: 'Patient/$everything: the patient and every resource in its compartment, as a Bundle',
  input: z.object({
    id,
    _count: z.coerce.number().int().min(1).max(1000).optional(),
    _offset: z.coerce.number().int().min(0).optional(),
  }),
  roles: ['admin', 'clinician', 'reviewer', 'service'],
  fhir: { code: 'everything', resourceType: 'Patient', instance: true },
  handler: async (input, ctx) => everything(ctx, input.id, input),
});

export const auditList = defineOperation({
  name: 'audit.list',
  description: 'Audit events (newest first), filtered by actor, patient, action subtype and time',
  input: z.object({
    actorId: z.string().max(200).optional(),
    patientId: id.optional(),
    subtype: z.string().max(40).optional(),
    since: z.string().max(40).optional(),
    until: z.string().max(40).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  }),
  roles: ['admin'],
  scope: 'all-patients',
  handler: async (input, ctx) => listAudit(ctx, input),
});

export const auditVerify = defineOperation({
  name: 'audit.verify',
  description: "Verify the audit trail's hash chain; reports the first altered, inserted or deleted row",
  input: z.object({}),
  roles: ['admin'],
  scope: 'all-patients',
  handler: async (_input, ctx) => verifyAudit(ctx),
});

export const apiKeysList = defineOperation({
  name: 'apikeys.list',
  description: 'List API keys (never their secrets)',
  input: z.object({}),
  roles: ['admin'],
  scope: 'all-patients',
  handler: async (_input, ctx) => listApiKeys(ctx),
});

export const apiKeysCreate = defineOperation({
  name: 'apikeys.create',
  description: 'Create an API key with a role, optionally limited to one patient; the secret is shown once',
  input: z.object({
    name: z.string().min(1).max(100),
    role: z.enum(ROLES as unknown as [string, ...string[]]),
    patientId: id.optional(),
    scopes: z
      .array(z.string().regex(/^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*)$/))
      .max(20)
      .optional(),
  }),
  roles: ['admin'],
  scope: 'all-patients',
  handler: async (input, ctx) => createApiKey(ctx, { ...input, role: input.role as (typeof ROLES)[number] }),
});

export const apiKeysRevoke = defineOperation({
  name: 'apikeys.revoke',
  description: 'Revoke an API key',
  input: z.object({ id: z.string().min(1).max(100) }),
  roles: ['admin'],
  scope: 'all-patients',
  handler: async (input, ctx) => revokeApiKey(ctx, input.id),
});

export const coreOperations: Operation[] = [
  patientEverything,
  auditList,
  auditVerify,
  apiKeysList,
  apiKeysCreate,
  apiKeysRevoke,
] as Operation[];
