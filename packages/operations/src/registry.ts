/**
 * The operation registry: each capability is exposed once, as a named operation with a zod input
 * schema, the roles that may call it and a handler that never sees HTTP or the terminal.
 * The server serves it at `POST /api/<name>` (and as a FHIR `$operation` where one fits); the CLI
 * as `galen op <name>` and friendly subcommands.
 */
import type { z } from 'zod';
import type { FhirRepository, Actor, Role, Store } from '@galen/store';
import { notFound } from '@galen/fhir';
import type { LanguageModel } from '@galen/llm';
import type { Transcriber } from '@galen/scribe';
import type { ConceptIndex } from '@galen/terminology';
import type { GalenConfig } from './config';

/** Minimal structured logger (pino-compatible). Never log note text or resource bodies. */
export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/**
 * The named services the composition root may provide (`ServiceContainer` in `@galen/server`),
 * each by the interface of the capability that defines it. Any may be absent: `get` rejects, and
 * features fall back to their offline engines (or answer 503).
 */
export interface ServiceMap {
  /** The concept index: the starter lexicon merged with imported terminology. */
  terminology: ConceptIndex;
  /** The language model behind the PHI guard (only when one is configured). */
  llm: LanguageModel;
  /** Speech to text (pocketsphinx, or a whisper.cpp server). */
  transcriber: Transcriber;
}

export type ServiceName = keyof ServiceMap;

/** Services shared by every operation call, built once at start-up by the composition root. */
export interface Services {
  store: Store;
  config: GalenConfig;
  log: Logger;
  /** The clock services read the time from (`clock.ts` `now`); default the system's. */
  clock?: () => Date;
  /**
   * A named, lazily built service (built once, on first use).
   * @example const index = await ctx.services.get('terminology'); // ConceptIndex
   */
  get<K extends ServiceName>(name: K): Promise<ServiceMap[K]>;
}

export interface OperationContext {
  actor: Actor;
  /** Audited, patient-scoped repository for this actor. */
  repo: FhirRepository;
  services: Services;
  /** Report progress of long work (CLI shows a bar). */
  progress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Where an operation also appears as a FHIR `$operation`. @see https://hl7.org/fhir/R4/operations.html */
export interface FhirOperationBinding {
  /** Name without `$`, e.g. `extract`. */
  code: string;
  /** Resource type for type/instance level; omitted for system level. */
  resourceType?: string;
  /** Instance-level (`DocumentReference/{id}/$extract`): the id arrives as `input.id`. */
  instance?: boolean;
  /** Body is a FHIR resource (not Parameters): passed as `input.resource`. */
  resourceBody?: boolean;
}

export interface Operation<I = unknown, O = unknown> {
  /** `area.verb`, e.g. `nlp.extract`. */
  name: string;
  /** One line for `galen ops list` and the API index. */
  description: string;
  input: z.ZodType<I>;
  /** Roles that may call it. */
  roles: readonly Role[];
  /**
   * How far it reaches (`scope-guard.ts`): `patient` (default) works through `ctx.repo` only;
   * `all-patients` reads or writes across patients and is refused for patient-scoped callers.
   */
  scope?: OperationScope;
  /** Tables of its own (not patient resources) whose SQL it runs through `services.store.sql`. */
  ownTables?: readonly string[];
  fhir?: FhirOperationBinding;
  handler(input: I, ctx: OperationContext): Promise<O>;
}

export type OperationScope = 'patient' | 'all-patients';

/** Type helper so handlers get their input type from the schema. */
export function defineOperation<S extends z.ZodType, O>(op: {
  name: string;
  description: string;
  input: S;
  roles: readonly Role[];
  scope?: OperationScope;
  ownTables?: readonly string[];
  fhir?: FhirOperationBinding;
  handler(input: z.output<S>, ctx: OperationContext): Promise<O>;
}): Operation<z.output<S>, O> {
  return op as Operation<z.output<S>, O>;
}

export class OperationRegistry {
  private readonly ops = new Map<string, Operation>();

  constructor(ops: Iterable<Operation> = []) {
    for (const op of ops) this.register(op);
  }

  register(op: Operation): this {
    if (this.ops.has(op.name)) throw new Error(`Operation ${op.name} registered twice`);
    this.ops.set(op.name, op);
    return this;
  }

  get(name: string): Operation {
    const op = this.ops.get(name);
    if (!op) throw notFound(`Unknown operation "${name.slice(0, 80)}"`);
    return op;
  }

  has(name: string): boolean {
    return this.ops.has(name);
  }

  list(): Operation[] {
    return [...this.ops.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The operation bound to a FHIR `$code` at this level. */
  findFhir(code: string, resourceType: string | undefined, instance: boolean): Operation | undefined {
    return this.list().find(
      (op) => op.fhir && op.fhir.code === code && op.fhir.resourceType === resourceType && !!op.fhir.instance === instance,
    );
  }
}
