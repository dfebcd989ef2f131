/**
 * GALEN_CDS_CLIENTS, read once by `loadConfig`: the trusted CDS Hooks clients, as a JSON array or
 * a path to a JSON file holding one, shape-checked so that a mistyped FHIR server is an error at
 * start-up rather than a refused request. Each error names the variable and the entry.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
import type { JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { normalizeFhirBase } from '@galen/cds/hooks/request';

/** One trusted CDS client. */
export interface CdsClient {
  /** The `iss` the client puts in its JWTs. */
  iss: string;
  /** JWK Set of the client's public keys. */
  jwks?: { keys: JsonWebKey[] };
  /** Or one PEM public key. */
  publicKeyPem?: string;
  /** Or a file holding a JWK Set (JSON) or a PEM key. */
  keyFile?: string;
  /**
   * Base URLs of the FHIR servers this client may name as `fhirServer` (http or https; compared
   * exactly, after URL normalisation and without a trailing slash), e.g. `["https://ehr.example.org/fhir"]`.
   * None: the client's requests are answered from Galen's store, and naming a `fhirServer` is refused.
   */
  fhirServers?: string[];
}

const SHAPE = '{ iss, jwks | publicKeyPem | keyFile, fhirServers? }';

/** How Galen compares FHIR server bases (pure, so it lives with the CDS Hooks request checks). */
export { normalizeFhirBase };

/**
 * Parse GALEN_CDS_CLIENTS (a JSON array, or a path to a JSON file holding one) and check its shape.
 * @example parseCdsClients('[{"iss":"https://ehr.example.org","keyFile":"ehr.jwks.json","fhirServers":["https://ehr.example.org/fhir"]}]')
 */
export function parseCdsClients(value: string | undefined): CdsClient[] {
  if (!value || !value.trim()) return [];
  let text = value;
  if (!value.trim().startsWith('[')) {
    try {
      text = readFileSync(value.trim(), 'utf8');
    } catch {
      throw new Error(`GALEN_CDS_CLIENTS must be a JSON array of ${SHAPE} or a file holding one; cannot read "${value.trim()}"`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`GALEN_CDS_CLIENTS is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`GALEN_CDS_CLIENTS must be a JSON array of ${SHAPE}`);
  return parsed.map((c: unknown, i) => {
    if (typeof c !== 'object' || c === null || typeof (c as CdsClient).iss !== 'string')
      throw new Error(`GALEN_CDS_CLIENTS[${i}] must be ${SHAPE}`);
    const client = c as CdsClient;
    return client.fhirServers === undefined ? client : { ...client, fhirServers: cdsClientFhirServers(client, i) };
  });
}

/** A client's `fhirServers`, normalised; throws naming the entry when one is not an http(s) base URL. */
export function cdsClientFhirServers(c: CdsClient, i: number): string[] {
  if (c.fhirServers === undefined) return [];
  if (!Array.isArray(c.fhirServers)) throw new Error(`GALEN_CDS_CLIENTS[${i}].fhirServers must be an array of URLs`);
  return c.fhirServers.map((url: unknown, j) => {
    const base = typeof url === 'string' ? normalizeFhirBase(url) : undefined;
    if (!base)
      throw new Error(
        `GALEN_CDS_CLIENTS[${i}].fhirServers[${j}] must be an http(s) base URL without credentials, query or fragment`,
      );
    return base;
  });
}
