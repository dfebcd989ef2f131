/**
 * What CLI commands share: configuration from the environment, a store opened for the command's
 * duration, and the operation registry with the same services the server uses.
 */
import { openStore, type Actor, type Store } from '@galen/store';
import { createRegistry, loadConfig, type GalenConfig, type OperationContext } from '@galen/operations';
import { ServiceContainer, galenMigrations, serviceFactories } from '@galen/server';
import type { CliIO } from './command';

export function cliConfig(io: CliIO, dataDir?: string): GalenConfig {
  return loadConfig(io.env, dataDir ? { dataDir } : {});
}

/** The local operator: the CLI runs with the rights of whoever can read the data folder. */
export function cliActor(io: CliIO): Actor {
  return { id: `cli:${io.env.USER ?? 'local'}`, role: 'admin' };
}

export async function withStore<T>(config: GalenConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    jobs: false,
    migrations: galenMigrations,
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** An operation context for the CLI (audited like any other caller). */
export function operationContext(
  store: Store,
  config: GalenConfig,
  io: CliIO,
  progress?: (d: number, t: number) => void,
): OperationContext {
  const log = {
    info() {},
    warn() {},
    debug() {},
    error: (o: object | string) => io.stderr.write(`${typeof o === 'string' ? o : JSON.stringify(o)}\n`),
  };
  const services = new ServiceContainer(store, config, log, serviceFactories(config));
  const actor = cliActor(io);
  return { actor, repo: store.forActor(actor), services, progress };
}

export { createRegistry };
