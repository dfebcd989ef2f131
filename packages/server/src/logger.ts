/**
 * Structured logs (pino). Request logs carry method, route, status, duration and request id —
 * never bodies, query strings (they can hold names) or note text.
 */
import pino from 'pino';

export function createLogger(level: string): pino.Logger {
  return pino({
    level: level === 'silent' ? 'silent' : level,
    base: { service: 'galen' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.text', '*.body'], remove: true },
    serializers: {
      req: (req: { method?: string; routeOptions?: { url?: string }; url?: string; id?: string }) => ({
        method: req.method,
        // the route pattern (e.g. /fhir/R4/:type/:id), not the URL with its query string
        route: req.routeOptions?.url ?? (req.url ? req.url.split('?')[0] : undefined),
        id: req.id,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  });
}
