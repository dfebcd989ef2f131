/**
 * The composition root's shared services: the store, configuration, logger and named, lazily
 * built extras (terminology index, LLM, transcriber, ...), each built once on first use.
 */
import type { Store } from '@galen/store';
import type { GalenConfig, Logger, Services } from '@galen/operations';

export type ServiceFactory = (services: Services) => Promise<unknown> | unknown;

export class ServiceContainer implements Services {
  private readonly factories = new Map<string, ServiceFactory>();
  private readonly built = new Map<string, Promise<unknown>>();

  constructor(
    readonly store: Store,
    readonly config: GalenConfig,
    readonly log: Logger,
    factories: Record<string, ServiceFactory> = {},
  ) {
    for (const [name, f] of Object.entries(factories)) this.factories.set(name, f);
  }

  /** Register (or replace, before first use) the factory of a named service. */
  provide(name: string, factory: ServiceFactory): this {
    this.factories.set(name, factory);
    this.built.delete(name);
    return this;
  }

  has(name: string): boolean {
    return this.factories.has(name);
  }

  get<T>(name: string): Promise<T> {
    let p = this.built.get(name);
    if (!p) {
      const f = this.factories.get(name);
      if (!f) return Promise.reject(new Error(`Service "${name}" is not configured`));
      p = Promise.resolve().then(() => f(this));
      // A failed build is not cached: the next call tries again (e.g. an endpoint that was down).
      p.catch(() => this.built.delete(name));
      this.built.set(name, p);
    }
    return p as Promise<T>;
  }
}
