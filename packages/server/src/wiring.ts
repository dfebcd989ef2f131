/**
 * Where capabilities plug into the server: named services (terminology index, LLM, transcriber),
 * extra route plugins (CDS Hooks, the web app and its sessions) and reactions to writes
 * (recomputing a patient's scores when observations arrive).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Resource } from '@medplum/fhirtypes';
import type { Store } from '@galen/store';
import type { GalenConfig, OperationRegistry } from '@galen/operations';
import type pino from 'pino';
import type { ServiceContainer, ServiceFactory } from './services';
import type { SessionAuthenticator } from './auth';

export interface WiringDeps {
  fastify: FastifyInstance;
  store: Store;
  services: ServiceContainer;
  registry: OperationRegistry;
  config: GalenConfig;
  log: pino.Logger;
}

export interface Capabilities {
  sessions?: SessionAuthenticator;
  onWrite?: (resources: Resource[], request: FastifyRequest) => void;
  registerRoutes(): Promise<void>;
  close?(): Promise<void>;
}

export async function wireCapabilities(_deps: WiringDeps): Promise<Capabilities> {
  return {
    async registerRoutes() {},
  };
}

/** Named services every surface (server, CLI) builds the same way from the configuration. */
export function serviceFactories(_config: GalenConfig): Record<string, ServiceFactory> {
  return {};
}
