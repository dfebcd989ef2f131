/**
 * The app's only way to the outside world: Galen's HTTP API (`/auth`, `/api/<operation>`, `/fhir/R4`).
 * Every failure becomes an `ApiError` whose message is readable (built from the OperationOutcome).
 */
import { UNREACHABLE, outcomeMessage } from './outcome-message';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** The session is gone (expired, signed out elsewhere). */
  get needsSignIn(): boolean {
    return this.status === 401;
  }
}

type Listener = (err: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();
/** Called on every 401 so the shell can return to the sign-in screen with the reason. */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Don't broadcast 401s (the sign-in screen's own calls). */
  quiet401?: boolean;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      headers:
        opts.body === undefined
          ? { Accept: 'application/json' }
          : { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as { name?: string }).name === 'AbortError') throw err;
    throw new ApiError(UNREACHABLE, 0);
  }
  const text = await res.text();
  let body: unknown = text;
  if (text && /json/.test(res.headers.get('content-type') ?? '')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) {
    const err = new ApiError(
      res.status === 502 || res.status === 504 ? UNREACHABLE : outcomeMessage(res.status, body),
      res.status,
      body,
    );
    if (res.status === 401 && !opts.quiet401) for (const fn of unauthorizedListeners) fn(err);
    throw err;
  }
  return body as T;
}

/** Call a named operation: `POST /api/<name>`. */
export function op<T>(name: string, input: unknown = {}, signal?: AbortSignal): Promise<T> {
  return request<T>(`/api/${encodeURIComponent(name)}`, { method: 'POST', body: input ?? {}, signal });
}

export const FHIR = '/fhir/R4';

/** FHIR REST GET relative to the base, e.g. `Patient/123` or `Observation?patient=123`. */
export function fhirGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(`${FHIR}/${path}`, { signal });
}

export interface Me {
  username: string;
  role: 'admin' | 'clinician' | 'reviewer' | 'service';
  expiresAt?: string;
}

export const auth = {
  me: () => request<Me>('/auth/me', { quiet401: true }),
  login: (username: string, password: string) =>
    request<Me>('/auth/login', { method: 'POST', body: { username, password }, quiet401: true }),
  logout: () => request<{ ok: boolean }>('/auth/logout', { method: 'POST', body: {} }),
};
