/**
 * The core area's store I/O: a patient's whole record (paged), the audit trail and API keys.
 */
import type { Bundle } from '@galen/fhir';
import type { AuditFilter, Role } from '@galen/store';
import type { OperationContext } from '../registry';
import { pageOfBundle, type PageRequest } from './page-bundle';

type Ctx = Pick<OperationContext, 'repo' | 'services'>;

/** `Patient/$everything` through the caller's repository, one page of it when `_count`/`_offset` ask. */
export async function patientEverything(ctx: Ctx, id: string, page: PageRequest): Promise<Bundle> {
  return pageOfBundle(await ctx.repo.everything(id), page, `Patient/${id}/$everything`);
}

export function listAudit(ctx: Ctx, filter: AuditFilter) {
  return ctx.services.store.audit.list(filter);
}

export function verifyAudit(ctx: Ctx) {
  return ctx.services.store.audit.verify();
}

export function listApiKeys(ctx: Ctx) {
  return ctx.services.store.keys.list();
}

/** A new key; a key limited to one patient defaults to reading that patient's data only. */
export function createApiKey(ctx: Ctx, input: { name: string; role: Role; patientId?: string; scopes?: string[] }) {
  return ctx.services.store.keys.create({
    name: input.name,
    role: input.role,
    patientId: input.patientId,
    scopes: input.scopes ?? (input.patientId ? ['patient/*.read'] : undefined),
  });
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<{ revoked: string }> {
  await ctx.services.store.keys.revoke(id);
  return { revoked: id };
}
