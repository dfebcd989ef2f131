/**
 * `forActor`: a FhirRepository that records an audit row for every call and enforces patient scope.
 * - An actor with `patientId` sees only that patient's compartment, and another patient's data is
 *   treated exactly like data that does not exist (`scope.ts`): searches get an implicit patient
 *   filter; reads, vreads, history and deletes of anything else answer 404 as for a missing id
 *   (deleted resources of another patient too, not 410); updates answer the same 403 for another
 *   patient's resource as for a missing one (no update-as-create, which would tell them apart);
 *   references in what they write must point into their compartment or at no patient's resource.
 *   Transactions pass the scope down (`TransactionOptions.patientScope`) so that conditional
 *   creates, conditional references and reference checks inside the store obey the same rule.
 * - Read-only scopes (every scope ends in `.read`/`.r`/`.s`/`.rs`) make every write 403.
 * Audit rows never hold resource content: action, subtype, actor, patient, `Type/id`, outcome.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { forbidden, notFound, parseReference, statusOf, toOutcomeError, unprocessable, visitReferences } from '@galen/fhir';
import type {
  Actor,
  FhirRepository,
  HistoryEntry,
  SearchRequest,
  SearchResult,
  TransactionOptions,
  WriteOptions,
} from './repository';
import type { AuditAction, AuditLog, AuditOutcome } from './store';
import { OUTSIDE_SCOPE, referenceableInScope, scopeParams } from './scope';

/** True when the actor's scopes allow no writes (SMART v1 `.read`, v2 `.r`, `.s`, `.rs`). */
export function isReadOnly(actor: Actor): boolean {
  if (!actor.scopes?.length) return false;
  return actor.scopes.every((s) => {
    const perm = s.slice(s.lastIndexOf('.') + 1);
    return perm === 'read' || /^[rs]+$/.test(perm);
  });
}

function outcomeOf(err: unknown): { outcome: AuditOutcome; desc: string } {
  const status = statusOf(toOutcomeError(err).outcome);
  return { outcome: status >= 500 ? '8' : '4', desc: `HTTP ${status}` };
}

export class ActorRepository implements FhirRepository {
  constructor(
    private readonly inner: FhirRepository,
    private readonly audit: AuditLog,
    readonly actor: Actor,
  ) {}

  private async run<T>(
    action: AuditAction,
    subtype: string,
    entity: string | undefined,
    fn: () => Promise<T>,
    patientOfResult: (r: T) => string | undefined,
    patientHint?: string,
  ): Promise<T> {
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      const o = outcomeOf(err);
      await this.audit.record({
        action,
        subtype,
        actor: this.actor,
        outcome: o.outcome,
        outcomeDesc: o.desc,
        ...(entity ? { entity } : {}),
        ...((patientHint ?? this.actor.patientId) ? { patientId: patientHint ?? this.actor.patientId } : {}),
      });
      throw err;
    }
    const patientId = patientOfResult(result) ?? patientHint;
    await this.audit.record({
      action,
      subtype,
      actor: this.actor,
      outcome: '0',
      ...(entity ? { entity } : {}),
      ...(patientId ? { patientId } : {}),
    });
    return result;
  }

  private inScope(resource: Resource): boolean {
    const pid = this.actor.patientId;
    return pid === undefined || this.inner.patientOf(resource) === pid;
  }

  private checkWrite(resource: Resource | undefined): void {
    if (isReadOnly(this.actor)) throw forbidden('This key is read-only');
    if (resource && !this.inScope(resource)) throw forbidden(OUTSIDE_SCOPE);
  }

  /**
   * A scoped actor's resource may reference only what is in their compartment or in none: a
   * reference to another patient's data fails as a reference to a missing resource does.
   */
  private async checkReferences(resource: Resource): Promise<void> {
    const pid = this.actor.patientId;
    if (pid === undefined) return;
    const targets = new Map<string, { resourceType: string; id: string }>();
    visitReferences(resource, (ref) => {
      const s = ref.reference ?? '';
      if (s.startsWith('#') || s.startsWith('urn:')) return;
      const t = parseReference(s);
      if (t) targets.set(`${t.resourceType}/${t.id}`, t);
    });
    for (const [key, t] of targets) {
      const missing = unprocessable(`Invalid reference: ${key} does not exist`);
      if (t.resourceType === 'Patient') {
        if (t.id !== pid) throw missing;
        continue;
      }
      const target = await this.inner.read(t.resourceType, t.id).catch(() => undefined);
      if (!target || !referenceableInScope(target, pid)) throw missing;
    }
  }

  /**
   * For a scoped actor, the errors of reading another patient's resource become the 404 of a
   * missing one (a deleted resource of theirs would otherwise answer 410 and tell it existed).
   */
  private async scopedRead<T extends Resource>(
    key: string,
    fn: () => Promise<T>,
    ownerOfGone: () => Promise<Resource | undefined>,
  ): Promise<T> {
    let r: T;
    try {
      r = await fn();
    } catch (err) {
      if (this.actor.patientId !== undefined && statusOf(toOutcomeError(err).outcome) === 410) {
        const owner = await ownerOfGone();
        if (!owner || !this.inScope(owner)) throw notFound(`${key} not found`);
      }
      throw err;
    }
    if (!this.inScope(r)) throw notFound(`${key} not found`);
    return r;
  }

  /** The last stored content of a resource, deleted or not (deletions keep the content). */
  private async lastContent(resourceType: string, id: string): Promise<Resource | undefined> {
    const h = await this.inner.history(resourceType, id).catch(() => []);
    return h.find((e) => e.resource)?.resource;
  }

  create<T extends Resource>(resource: T): Promise<T> {
    return this.run(
      'C',
      'create',
      resource?.resourceType,
      async () => {
        this.checkWrite(resource);
        await this.checkReferences(resource);
        return this.inner.create(resource);
      },
      (r) => this.inner.patientOf(r),
    );
  }

  read<T extends Resource>(resourceType: string, id: string): Promise<T> {
    return this.run(
      'R',
      'read',
      `${resourceType}/${id}`,
      () =>
        this.scopedRead(
          `${resourceType}/${id}`,
          () => this.inner.read<T>(resourceType, id),
          () => this.lastContent(resourceType, id),
        ),
      (r) => this.inner.patientOf(r),
    );
  }

  vread<T extends Resource>(resourceType: string, id: string, versionId: string): Promise<T> {
    return this.run(
      'R',
      'vread',
      `${resourceType}/${id}/_history/${versionId}`,
      () =>
        this.scopedRead(
          `${resourceType}/${id}/_history/${versionId}`,
          () => this.inner.vread<T>(resourceType, id, versionId),
          () => this.lastContent(resourceType, id),
        ),
      (r) => this.inner.patientOf(r),
    );
  }

  update<T extends Resource>(resource: T, options?: WriteOptions): Promise<T> {
    return this.run(
      'U',
      'update',
      resource?.id ? `${resource.resourceType}/${resource.id}` : resource?.resourceType,
      async () => {
        this.checkWrite(resource);
        if (this.actor.patientId) {
          // The stored version must be in the compartment too (no moving others' data in), and it
          // must exist: an update-as-create would answer differently from an update of another
          // patient's resource and so tell a scoped caller that it exists.
          const cur = await this.inner.read(resource.resourceType, resource.id!).catch(() => undefined);
          if (!cur || !this.inScope(cur)) throw forbidden(OUTSIDE_SCOPE);
          await this.checkReferences(resource);
        }
        return this.inner.update(resource, options);
      },
      (r) => this.inner.patientOf(r),
    );
  }

  delete(resourceType: string, id: string): Promise<void> {
    let pid: string | undefined;
    return this.run(
      'D',
      'delete',
      `${resourceType}/${id}`,
      async () => {
        if (isReadOnly(this.actor)) throw forbidden('This key is read-only');
        if (this.actor.patientId) {
          // Another patient's resource, live or deleted, answers as a missing one does (404);
          // the caller's own deleted resource deletes again as a no-op, as for everyone.
          const last = await this.lastContent(resourceType, id);
          if (!last || !this.inScope(last)) throw notFound(`${resourceType}/${id} not found`);
          pid = this.actor.patientId;
        } else {
          const cur = await this.inner.read(resourceType, id).catch(() => undefined);
          pid = cur ? this.inner.patientOf(cur) : undefined;
        }
        await this.inner.delete(resourceType, id);
      },
      () => pid,
    );
  }

  history(resourceType: string, id: string): Promise<HistoryEntry[]> {
    let pid: string | undefined;
    return this.run(
      'R',
      'history',
      `${resourceType}/${id}`,
      async () => {
        const h = await this.inner.history(resourceType, id);
        const latest = h.find((e) => e.resource)?.resource;
        pid = latest ? this.inner.patientOf(latest) : undefined;
        if (this.actor.patientId === undefined) return h;
        if (!latest || !this.inScope(latest)) throw notFound(`${resourceType}/${id} not found`);
        // Versions from before the resource came into this compartment are not theirs to see.
        return h.filter((e) => !e.resource || this.inScope(e.resource));
      },
      () => pid,
    );
  }

  search<T extends Resource>(request: SearchRequest): Promise<SearchResult<T>> {
    const pid = this.actor.patientId;
    const patientParam = request.params.find((p) => p.name === 'patient' || p.name === 'subject' || p.name === 'subject:Patient');
    return this.run(
      'E',
      'search',
      request.resourceType,
      async () => {
        if (!pid) return this.inner.search<T>(request);
        const scoped: SearchRequest = {
          resourceType: request.resourceType,
          params: scopeParams(request.resourceType, request.params, pid),
        };
        const r = await this.inner.search<T>(scoped);
        r.included = r.included.filter((x) => this.inScope(x));
        return r;
      },
      () => pid ?? (patientParam && !patientParam.value.includes(',') ? patientParam.value.replace(/^Patient\//, '') : undefined),
    );
  }

  transaction(bundle: Bundle, options?: TransactionOptions): Promise<Bundle> {
    return this.run(
      'E',
      'transaction',
      `Bundle/${bundle?.type ?? ''}`,
      async () => {
        const entries = bundle?.entry ?? [];
        const writes = entries.some((e) => e.request?.method !== 'GET');
        if (writes && isReadOnly(this.actor)) throw forbidden('This key is read-only');
        if (this.actor.patientId) {
          // Patient-scoped keys may only write resources already pointing at their patient.
          for (const [i, e] of entries.entries()) {
            if (e.request?.method !== 'POST' && e.request?.method !== 'PUT') {
              throw forbidden(`Bundle.entry[${i}]: patient-scoped keys may only POST or PUT in bundles`);
            }
            if (!e.resource || !this.inScope(e.resource))
              throw forbidden(`Bundle.entry[${i}]: outside the patient this key is limited to`);
          }
          return this.inner.transaction(bundle, { ...options, patientScope: this.actor.patientId });
        }
        return this.inner.transaction(bundle, options);
      },
      () => this.actor.patientId,
    );
  }

  everything(patientId: string): Promise<Bundle> {
    return this.run(
      'E',
      'everything',
      `Patient/${patientId}`,
      async () => {
        if (this.actor.patientId && this.actor.patientId !== patientId) throw notFound(`Patient/${patientId} not found`);
        return this.inner.everything(patientId);
      },
      () => patientId,
      patientId,
    );
  }

  patientOf(resource: Resource): string | undefined {
    return this.inner.patientOf(resource);
  }
}
