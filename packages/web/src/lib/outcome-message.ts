/**
 * Turn an API failure into one sentence a clinician can read. The server answers errors with a FHIR
 * OperationOutcome; we join its issues' `details.text` (falling back to `diagnostics`, then the code).
 * @see https://hl7.org/fhir/R4/operationoutcome.html
 */
export interface OutcomeIssueLike {
  severity?: string;
  code?: string;
  details?: { text?: string };
  diagnostics?: string;
  expression?: string[];
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The request was not valid.',
  401: 'Please sign in.',
  403: 'You do not have permission to do that.',
  404: 'Not found.',
  409: 'Someone else changed this record; reload and try again.',
  413: 'That is too large to send.',
  422: 'The server could not process that.',
  429: 'Too many attempts; wait a moment and try again.',
  500: 'The server hit an unexpected error.',
  502: 'The Galen server is not reachable.',
  503: 'A service Galen depends on is unavailable.',
  504: 'The server took too long to answer.',
};

export function isOutcome(x: unknown): x is { resourceType: 'OperationOutcome'; issue?: OutcomeIssueLike[] } {
  return typeof x === 'object' && x !== null && (x as { resourceType?: unknown }).resourceType === 'OperationOutcome';
}

/** A readable message for an HTTP status and parsed body (OperationOutcome or anything else). */
export function outcomeMessage(status: number, body: unknown): string {
  if (isOutcome(body)) {
    const parts = (body.issue ?? [])
      .filter((i) => i.severity !== 'information' || (body.issue ?? []).length === 1)
      .map((i) => {
        const text = i.details?.text ?? i.diagnostics ?? i.code ?? '';
        const where = i.expression?.length ? ` (${i.expression.join(', ')})` : '';
        return (text + where).trim();
      })
      .filter(Boolean);
    const unique = [...new Set(parts)];
    if (unique.length) return unique.join('; ');
  }
  if (typeof body === 'string' && body.trim() && body.length < 300 && !/^\s*</.test(body)) return body.trim();
  return STATUS_TEXT[status] ?? `The server answered with status ${status}.`;
}

/** Message for a request that got no HTTP answer at all. */
export const UNREACHABLE =
  'Cannot reach the Galen server. Check that it is running and your network connection; your work is kept.';
