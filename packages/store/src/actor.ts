/**
 * `forActor`: a FhirRepository that records an audit row for every call and enforces patient scope.
 * - An actor with `patientId` sees only that patient's compartment: searches get an implicit patient
 *   filter; reads of anything else answer 404 (never 403: existence is not leaked); writes outside
 *   the compartment answer 403.
 * - Read-only scopes (every scope ends in `.read`/`.r`/`.s`/`.rs`) make every write 403.
 * Audit rows never hold resource content: action, subtype, actor, patient, `Type/id`, outcome.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { forbidden, notFound, statusOf, toOutcomeError } from '@galen/fhir';
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
    if (resource && !this.inScope(resource)) throw forbidden('Outside the patient this key is limited to');
  }

  create<T extends Resource>(resource: T): Promise<T> {
    return this.run(
      'C',
      'create',
      resource?.resourceType,
      async () => {
        this.checkWrite(resource);
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
      async () => {
        const r = await this.inner.read<T>(resourceType, id);
        if (!this.inScope(r)) throw notFound(`${resourceType}/${id} not found`);
        return r;
      },
      (r) => this.inner.patientOf(r),
    );
  }

  vread<T extends Resource>(resourceType: string, id: string, versionId: string): Promise<T> {
    return this.run(
      'R',
      'vread',
      `${resourceType}/${id}/_history/${versionId}`,
      async () => {
        const r = await this.inner.vread<T>(resourceType, id, versionId);
        if (!this.inScope(r)) throw notFound(`${resourceType}/${id} not found`);
        return r;
      },
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
          // The stored version must be in the compartment too (no moving others' data in).
          const cur = await this.inner.read(resource.resourceType, resource.id!).catch(() => undefined);
          if (cur && !this.inScope(cur)) throw forbidden('Outside the patient this key is limited to');
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
        const cur = await this.inner.read(resourceType, id).catch(() => undefined);
        pid = cur ? this.inner.patientOf(cur) : undefined;
        if (this.actor.patientId && cur && !this.inScope(cur)) throw forbidden('Outside the patient this key is limited to');
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
        if (this.actor.patientId && (!latest || !this.inScope(latest))) throw notFound(`${resourceType}/${id} not found`);
        return h;
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
          params: [
            ...request.params,
            request.resourceType === 'Patient' ? { name: '_id', value: pid } : { name: 'patient', value: pid },
          ],
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
