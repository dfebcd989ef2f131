/**
 * The operation registry over HTTP: `GET /api` lists operations, `POST /api/<name>` calls one with a
 * JSON body. Handlers never see Fastify; errors are OperationOutcomes.
 */
import type { FastifyInstance } from 'fastify';
import { invokeOperation, type OperationRegistry, type Services } from '@galen/operations';
import type { Store } from '@galen/store';
import { actorOf } from './auth';

export async function registerApiRoutes(
  app: FastifyInstance,
  deps: { store: Store; registry: OperationRegistry; services: Services },
) {
  const { store, registry, services } = deps;
  app.get('/api', async (request) => {
    const actor = actorOf(request);
    return {
      operations: registry
        .list()
        .filter((op) => op.roles.includes(actor.role))
        .map((op) => ({ name: op.name, description: op.description, roles: op.roles, fhir: op.fhir })),
    };
  });
  app.post('/api/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const op = registry.get(name);
    const actor = actorOf(request);
    const result = await invokeOperation(op, request.body ?? {}, { actor, repo: store.forActor(actor), services });
    return reply
      .code(200)
      .type('application/json; charset=utf-8')
      .send(result === undefined ? {} : result);
  });
}
