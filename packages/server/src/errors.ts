/**
 * The server's one error mapping (rule 5): an `OperationOutcomeError` answers with its status and
 * OperationOutcome; Fastify's own errors (body too large, bad media type, other 4xx) become the
 * matching OperationOutcome; anything else is a 500 with no stack trace or PHI (logged with its stack).
 * A route may name the content type of its error bodies (`config: { outcomeType }`): the CDS Hooks
 * routes answer `application/json`, as their successful replies do.
 * @see https://hl7.org/fhir/R4/operationoutcome.html
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { OperationOutcomeError, badRequest, statusOf, toOutcomeError, tooLarge, unsupportedMediaType } from '@galen/fhir';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Content type of this route's OperationOutcome error bodies (default `application/fhir+json; charset=utf-8`). */
    outcomeType?: string;
  }
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/**
 * The error handler `createApp` installs (and the CDS Hooks plugin, when registered on its own).
 * @example fastify.setErrorHandler(outcomeErrorHandler({ bodyLimit: config.bodyLimit }))
 */
export function outcomeErrorHandler(opts: { bodyLimit: number }) {
  return function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
    let err: OperationOutcomeError;
    const fe = error as FastifyError;
    if (error instanceof OperationOutcomeError) err = error;
    else if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      err = tooLarge(`The body is larger than the limit of ${opts.bodyLimit} bytes`);
    else if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') err = unsupportedMediaType('Unsupported Content-Type');
    else if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) err = badRequest(fe.message.slice(0, 300));
    else err = toOutcomeError(error);
    const status = statusOf(err.outcome);
    if (status >= 500) request.log.error({ err: { name: error.name, code: fe.code, stack: error.stack } }, 'request failed');
    void reply
      .code(status)
      .type(request.routeOptions.config?.outcomeType ?? FHIR_JSON)
      .send(err.outcome);
  };
}
