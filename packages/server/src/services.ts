/**
 * The composition root's shared services: the store, configuration, logger and the named, lazily
 * built services of `ServiceMap` (terminology index, LLM, transcriber), each built once on first use.
 */
import type { Store } from '@galen/store';
import type { GalenConfig, Logger, ServiceMap, ServiceName, Services } from '@galen/operations';

/** Builds the service `K` (from the others if it needs them), on first use. */
export type ServiceFactory<K extends ServiceName = ServiceName> = (services: Services) => Promise<ServiceMap[K]> | ServiceMap[K];

/** A factory per named service; any may be left out (features then use their offline engines). */
export type ServiceFactories = { [K in ServiceName]?: ServiceFactory<K> };

export class ServiceContainer implements Services {
  private readonly factories = new Map<ServiceName, ServiceFactory>();
  private readonly built = new Map<ServiceName, Promise<unknown>>();

  constructor(
    readonly store: Store,
    readonly config: GalenConfig,
    readonly log: Logger,
    factories: ServiceFactories = {},
  ) {
    for (const [name, f] of Object.entries(factories) as [ServiceName, ServiceFactory | undefined][])
      if (f) this.factories.set(name, f);
  }

  /** Register (or replace, before first use) the factory of a named service. */
  provide<K extends ServiceName>(name: K, factory: ServiceFactory<K>): this {
    this.factories.set(name, factory);
    this.built.delete(name);
    return this;
  }

  has(name: ServiceName): boolean {
    return this.factories.has(name);
  }

  get<K extends ServiceName>(name: K): Promise<ServiceMap[K]> {
    let p = this.built.get(name);
    if (!p) {
      const f = this.factories.get(name);
      if (!f) return Promise.reject(new Error(`Service "${name}" is not configured`));
      p = Promise.resolve().then(() => f(this));
      // A failed build is not cached: the next call tries again (e.g. an endpoint that was down).
      p.catch(() => this.built.delete(name));
      this.built.set(name, p);
    }
    return p as Promise<ServiceMap[K]>;
  }
}
