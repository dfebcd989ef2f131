/**
 * Galen's one error vocabulary: FHIR OperationOutcome.
 * Handlers throw `OperationOutcomeError`; one mapping (`statusOf`) turns it into an HTTP status
 * and one (`exitCodeOf`) into a CLI exit code.
 * @see https://hl7.org/fhir/R4/operationoutcome.html
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export type IssueCode = OperationOutcomeIssue['code'];

/** An error that carries a FHIR OperationOutcome. */
export class OperationOutcomeError extends Error {
  readonly outcome: OperationOutcome;
  constructor(outcome: OperationOutcome, options?: { cause?: unknown }) {
    super(outcomeToString(outcome), options);
    this.name = 'OperationOutcomeError';
    this.outcome = outcome;
  }
  /** HTTP status for this error. */
  get status(): number {
    return statusOf(this.outcome);
  }
}

/** Build an outcome with one issue. `httpStatus` is kept on the outcome's `id` for the mapping. */
export function outcome(
  code: IssueCode,
  details: string,
  opts: { severity?: OperationOutcomeIssue['severity']; expression?: string[]; status?: number } = {},
): OperationOutcome {
  const issue: OperationOutcomeIssue = {
    severity: opts.severity ?? 'error',
    code,
    details: { text: details },
  };
  if (opts.expression?.length) issue.expression = opts.expression;
  const oo: OperationOutcome = { resourceType: 'OperationOutcome', issue: [issue] };
  if (opts.status) oo.id = STATUS_ID_PREFIX + opts.status;
  return oo;
}

const STATUS_ID_PREFIX = 'http-';

export const allOk: OperationOutcome = {
  resourceType: 'OperationOutcome',
  id: STATUS_ID_PREFIX + '200',
  issue: [{ severity: 'information', code: 'informational', details: { text: 'All OK' } }],
};

const fail = (code: IssueCode, status: number) => (details: string, expression?: string) =>
  new OperationOutcomeError(outcome(code, details, { status, expression: expression ? [expression] : undefined }));

/** 400: the request is malformed. */
export const badRequest = fail('invalid', 400);
/** 401: no or bad credentials. */
export const unauthorized = fail('login', 401);
/** 403: credentials lack the role or scope. */
export const forbidden = fail('forbidden', 403);
/** 404: no such resource, route or operation. */
export const notFound = fail('not-found', 404);
/** 409: version conflict or duplicate. */
export const conflict = fail('conflict', 409);
/** 410: the resource was deleted. */
export const gone = fail('deleted', 410);
/** 412: If-Match precondition failed. */
export const preconditionFailed = fail('conflict', 412);
/** 413: the body is too large. */
export const tooLarge = fail('too-costly', 413);
/** 415: unsupported content type. */
export const unsupportedMediaType = fail('not-supported', 415);
/** 422: well-formed but fails FHIR validation or business rules. */
export const unprocessable = fail('processing', 422);
/** 429: too many requests. */
export const tooManyRequests = fail('throttled', 429);
/** 500: unexpected. Never put stack traces or PHI in `details`. */
export const serverError = fail('exception', 500);
/** 503: a dependency (database, model endpoint) is unavailable. */
export const unavailable = fail('transient', 503);
/** 504: a dependency timed out. */
export const timeout = fail('timeout', 504);

/** Validation failure from a list of issues (422). */
export function validationError(issues: OperationOutcomeIssue[]): OperationOutcomeError {
  return new OperationOutcomeError({ resourceType: 'OperationOutcome', id: STATUS_ID_PREFIX + '422', issue: issues });
}

const CODE_STATUS: Partial<Record<IssueCode, number>> = {
  invalid: 400,
  structure: 400,
  required: 400,
  value: 400,
  invariant: 400,
  security: 403,
  login: 401,
  unknown: 401,
  expired: 401,
  forbidden: 403,
  suppressed: 403,
  processing: 422,
  'not-supported': 400,
  duplicate: 409,
  'multiple-matches': 412,
  'not-found': 404,
  deleted: 410,
  'too-long': 413,
  'code-invalid': 400,
  extension: 400,
  'too-costly': 413,
  'business-rule': 422,
  conflict: 409,
  transient: 503,
  'lock-error': 409,
  'no-store': 500,
  exception: 500,
  timeout: 504,
  incomplete: 400,
  throttled: 429,
  informational: 200,
};

/** The HTTP status for an outcome. */
export function statusOf(oo: OperationOutcome): number {
  if (oo.id?.startsWith(STATUS_ID_PREFIX)) {
    const n = Number(oo.id.slice(STATUS_ID_PREFIX.length));
    if (Number.isInteger(n) && n >= 100 && n < 600) return n;
  }
  const first = oo.issue?.find((i) => i.severity === 'error' || i.severity === 'fatal') ?? oo.issue?.[0];
  return (first && CODE_STATUS[first.code]) ?? 500;
}

/** The CLI exit code for an outcome: 2 for the caller's mistakes, 1 for everything else. */
export function exitCodeOf(oo: OperationOutcome): number {
  const s = statusOf(oo);
  return s >= 400 && s < 500 ? 2 : 1;
}

export function isOperationOutcome(x: unknown): x is OperationOutcome {
  return typeof x === 'object' && x !== null && (x as { resourceType?: unknown }).resourceType === 'OperationOutcome';
}

export function outcomeToString(oo: OperationOutcome): string {
  return (oo.issue ?? [])
    .map((i) => {
      const where = i.expression?.length ? ` (${i.expression.join(', ')})` : '';
      return `${i.details?.text ?? i.diagnostics ?? i.code}${where}`;
    })
    .join('; ');
}

/**
 * Normalise anything thrown into an OperationOutcomeError. Unknown errors become a 500 whose
 * message says nothing of the original (it may hold PHI); the original is kept as `cause`.
 */
export function toOutcomeError(err: unknown): OperationOutcomeError {
  if (err instanceof OperationOutcomeError) return err;
  if (typeof err === 'object' && err !== null && isOperationOutcome((err as { outcome?: unknown }).outcome)) {
    return new OperationOutcomeError((err as { outcome: OperationOutcome }).outcome, { cause: err });
  }
  return new OperationOutcomeError(outcome('exception', 'Internal server error', { status: 500 }), { cause: err });
}
