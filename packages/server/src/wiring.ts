/**
 * Where capabilities plug into the server: named services (terminology index, LLM, transcriber),
 * extra route plugins (CDS Hooks, the web app and its sessions) and reactions to writes
 * (recomputing a patient's scores when observations arrive).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Resource } from '@medplum/fhirtypes';
import { parseReference } from '@galen/fhir';
import type { Actor, Store } from '@galen/store';
import type { GalenConfig, OperationRegistry } from '@galen/operations';
import { onObservationsWritten } from '@galen/operations/cds/service';
import type pino from 'pino';
import type { ServiceContainer, ServiceFactories } from './services';
import type { SessionAuthenticator } from './auth';
import { cdsHooksPlugin } from './cds-hooks/index';
import { authenticateSession, webPlugin } from './web/index';
import { terminologyService } from '@galen/terminology';
import { createLanguageModel, createRedactingPhiGuard } from '@galen/llm';
import { detectPhi } from '@galen/deid';
import { createTranscriber } from '@galen/scribe/speech/index';

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

/** The actor the server uses for work it does by itself (rescoring on arrival). */
export const SYSTEM_ACTOR: Actor = { id: 'system:galen', role: 'service' };

/** Observations that arrive close together for one patient are rescored once. */
const RESCORE_DELAY_MS = 250;

export async function wireCapabilities(deps: WiringDeps): Promise<Capabilities> {
  const { fastify, store, services, registry } = deps;
  const pending = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let closing = false;

  function rescoreSoon(patientId: string) {
    if (closing || pending.has(patientId)) return;
    const timer = setTimeout(() => {
      pending.delete(patientId);
      const p = onObservationsWritten(patientId, { repo: store.forActor(SYSTEM_ACTOR), services }).finally(() =>
        running.delete(p),
      );
      running.add(p);
    }, RESCORE_DELAY_MS);
    timer.unref();
    pending.set(patientId, timer);
  }

  return {
    sessions: (request) => authenticateSession(request, store),
    onWrite(resources) {
      for (const r of resources) {
        if (r.resourceType !== 'Observation') continue;
        const ref = parseReference((r as { subject?: { reference?: string } }).subject);
        if (ref?.resourceType === 'Patient') rescoreSoon(ref.id);
      }
    },
    async registerRoutes() {
      await fastify.register(cdsHooksPlugin, { services, registry, systemActor: SYSTEM_ACTOR, mount: 'server' });
      await webPlugin(fastify, { services });
    },
    async close() {
      closing = true;
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
      await Promise.allSettled([...running]);
    },
  };
}

/**
 * Named services every surface (server, CLI) builds the same way from the configuration:
 * - `terminology`: the starter lexicon merged with what `galen terminology import` wrote;
 * - `transcriber`: pocketsphinx, or a whisper.cpp server when GALEN_WHISPER_URL is set;
 * - `llm`: an OpenAI-compatible endpoint or a GGUF file when configured (otherwise absent, and
 *   every feature uses its offline engine), behind the PHI guard and audited (model, tokens, no text).
 */
export function serviceFactories(config: GalenConfig): ServiceFactories {
  return {
    terminology: terminologyService(config.dataDir),
    transcriber: () => createTranscriber(config),
    llm: (services) => {
      const model = createLanguageModel(config, {
        phiGuard: createRedactingPhiGuard((text) => detectPhi(text)),
        audit: (e) =>
          void services.store.audit
            .record({
              action: 'E',
              subtype: 'llm-call',
              actor: SYSTEM_ACTOR,
              outcome: e.outcome === 'ok' ? '0' : '8',
              ...(e.error ? { outcomeDesc: e.error } : {}),
              detail: {
                model: e.model,
                host: e.host,
                local: e.local,
                attempts: e.attempts,
                durationMs: e.durationMs,
                promptTokens: e.usage.promptTokens,
                completionTokens: e.usage.completionTokens,
              },
            })
            .catch((err: unknown) => services.log.error({ err: (err as Error).message }, 'audit of an LLM call failed')),
      });
      if (!model) throw new Error('No language model is configured (GALEN_LLM_URL or GALEN_LLM_GGUF)');
      return model;
    },
  };
}
