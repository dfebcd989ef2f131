/**
 * The FHIR repository contract. Two implementations share it and one contract test suite:
 * PGlite in a folder (default) and PostgreSQL via DATABASE_URL.
 * @see https://hl7.org/fhir/R4/http.html
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';

/** Who is acting: recorded in audit events and used for patient-scoped access. */
export interface Actor {
  /** API key id, user id or `system`. */
  id: string;
  role: Role;
  /** When set, the actor may only see this patient's compartment (SMART `patient/*.read`). */
  patientId?: string;
  /** SMART-style scopes, e.g. `patient/*.read`, `user/*.*`. */
  scopes?: string[];
  /** Request id, for the audit trail. */
  requestId?: string;
}

export type Role = 'admin' | 'clinician' | 'reviewer' | 'service';
export const ROLES: readonly Role[] = ['admin', 'clinician', 'reviewer', 'service'];

/** One search parameter value as it arrived, e.g. `{ name: 'date', value: 'ge2020-01-01' }`. */
export interface SearchParam {
  name: string;
  value: string;
}

export interface SearchRequest {
  resourceType: string;
  /** Parsed `name=value` pairs (a name may repeat: AND); comma in value means OR. */
  params: SearchParam[];
}

export interface SearchResult<T extends Resource = Resource> {
  resources: T[];
  /** Resources pulled in by `_include`. */
  included: Resource[];
  total?: number;
  /** Offset of the next page, if any. */
  nextOffset?: number;
  prevOffset?: number;
  offset: number;
  count: number;
}

export interface HistoryEntry<T extends Resource = Resource> {
  resource?: T;
  versionId: string;
  lastUpdated: string;
  deleted: boolean;
  resourceType: string;
  id: string;
}

export interface WriteOptions {
  /** Version-aware update: reject with 412 unless the current versionId equals this. */
  ifMatch?: string;
}

export interface TransactionOptions {
  /**
   * Import mode: a POST whose resource carries a valid `id` keeps it, and when `Type/id` already
   * exists the entry changes nothing and answers `200 OK` with the stored resource's location.
   * Makes re-importing the same export (e.g. Synthea bundles, whose ids are stable UUIDs) idempotent
   * and de-duplicates resources shared between bundles (Synthea's Organizations, Practitioners).
   */
  preserveIds?: boolean;
  /** Validate every resource with `validateResource` (default true). Only for trusted bulk loads. */
  validate?: boolean;
  /**
   * Run as an actor limited to this patient (set by `ActorRepository`): conditional creates and
   * conditional references search only this patient's compartment, references to stored resources
   * of another patient count as missing, and PUT/DELETE entries must find their resource already in
   * this compartment (see `scope.ts`).
   */
  patientScope?: string;
}

export interface FhirRepository {
  create<T extends Resource>(resource: T): Promise<T>;
  read<T extends Resource>(resourceType: string, id: string): Promise<T>;
  vread<T extends Resource>(resourceType: string, id: string, versionId: string): Promise<T>;
  /** Update or create-on-update with a client id. */
  update<T extends Resource>(resource: T, options?: WriteOptions): Promise<T>;
  delete(resourceType: string, id: string): Promise<void>;
  history(resourceType: string, id: string): Promise<HistoryEntry[]>;
  search<T extends Resource>(request: SearchRequest): Promise<SearchResult<T>>;
  /**
   * Run a transaction or batch bundle. Transactions are all-or-nothing and resolve `urn:uuid`
   * references; the response is a `transaction-response` bundle.
   */
  transaction(bundle: Bundle, options?: TransactionOptions): Promise<Bundle>;
  /** `Patient/$everything`: the patient and every resource in its compartment. */
  everything(patientId: string): Promise<Bundle>;
  /** The patient a resource belongs to (its compartment), if any. */
  patientOf(resource: Resource): string | undefined;
}
