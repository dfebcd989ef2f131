/**
 * Core operations: `Patient/$everything`, the audit trail and API keys.
 */
import { z } from 'zod';
import { ROLES } from '@galen/store';
import { defineOperation, type Operation } from './registry';
import { pageOfBundle } from './page-bundle';

const id = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id');

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
  handler: async (input, ctx) => pageOfBundle(await ctx.repo.everything(input.id), input, `Patient/${input.id}/$everything`),
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
  handler: async (input, ctx) => ctx.services.store.audit.list(input),
});

export const auditVerify = defineOperation({
  name: 'audit.verify',
  description: "Verify the audit trail's hash chain; reports the first altered, inserted or deleted row",
  input: z.object({}),
  roles: ['admin'],
  scope: 'all-patients',
  handler: async (_input, ctx) => ctx.services.store.audit.verify(),
});

export const apiKeysList = defineOperation({
  name: 'apikeys.list',
  description: 'List API keys (never their secrets)',
  input: z.object({}),
  roles: ['admin'],
  scope: 'all-patients',
  handler: async (_input, ctx) => ctx.services.store.keys.list(),
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
  handler: async (input, ctx) =>
    ctx.services.store.keys.create({
      name: input.name,
      role: input.role as (typeof ROLES)[number],
      patientId: input.patientId,
      scopes: input.scopes ?? (input.patientId ? ['patient/*.read'] : undefined),
    }),
});

export const apiKeysRevoke = defineOperation({
  name: 'apikeys.revoke',
  description: 'Revoke an API key',
  input: z.object({ id: z.string().min(1).max(100) }),
  roles: ['admin'],
  scope: 'all-patients',
  handler: async (input, ctx) => {
    await ctx.services.store.keys.revoke(input.id);
    return { revoked: input.id };
  },
});

export const coreOperations: Operation[] = [
  patientEverything,
  auditList,
  auditVerify,
  apiKeysList,
  apiKeysCreate,
  apiKeysRevoke,
] as Operation[];
