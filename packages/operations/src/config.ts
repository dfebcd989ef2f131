/**
 * Galen's configuration, read once by the composition root from environment variables (and an
 * optional JSON file named by GALEN_CONFIG). Every variable is listed in README.md.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCdsClients, type CdsClient } from './cds-clients';

export interface GalenConfig {
  /** Folder for the embedded database, terminology index, keys. GALEN_DATA_DIR, default `.galen-data`. */
  dataDir: string;
  /** PostgreSQL URL; when set, used instead of PGlite. DATABASE_URL. */
  databaseUrl?: string;
  host: string;
  port: number;
  /** Load demo patients into an empty store on start. GALEN_DEMO (1/0). */
  demo: boolean;
  demoPatients: number;
  /** Max request body in bytes. GALEN_BODY_LIMIT, default 16 MiB. */
  bodyLimit: number;
  logLevel: string;
  /** OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1. GALEN_LLM_URL. */
  llmUrl?: string;
  llmModel?: string;
  llmApiKey?: string;
  /** The endpoint runs on this machine/network: the PHI guard lets text through. GALEN_LLM_LOCAL. */
  llmLocal: boolean;
  /** A GGUF model file for the local provider (used when GALEN_LLM_URL is unset). GALEN_LLM_GGUF. */
  llmGguf?: string;
  /** CPU threads for the local GGUF provider. GALEN_LLM_THREADS, default 2. */
  llmThreads: number;
  /** whisper.cpp server URL for speech to text. GALEN_WHISPER_URL. */
  whisperUrl?: string;
  /** Secret key file for de-identification surrogates and date shifts. GALEN_DEID_KEY_FILE. */
  deidKeyFile?: string;
  /** Site lists file (`[names]`, `[places]`) for de-identification. GALEN_DEID_SITE_LISTS. */
  deidSiteLists?: string;
  /** Comma-separated webhook URLs that receive new alerts. GALEN_ALERT_WEBHOOKS. */
  alertWebhooks: string[];
  /** Serve the web app from this folder. GALEN_WEB_DIR, default packages/web/dist. */
  webDir?: string;
  /** Cookies need HTTPS (`Secure`); off only for local http. GALEN_SECURE_COOKIES. */
  secureCookies: boolean;
  /**
   * Origins besides the server's own (from `Host`) whose pages may send cookie-authenticated
   * writes, e.g. the public origin of a reverse proxy that rewrites `Host`. Comma-separated
   * `scheme://host[:port]`, validated here. GALEN_ALLOWED_ORIGINS.
   */
  allowedOrigins: string[];
  /** Lifetime of a web session, in hours (> 0). GALEN_SESSION_HOURS, default 12. */
  sessionHours: number;
  /**
   * Trusted CDS Hooks clients and the FHIR servers each may name, checked here (`cds-clients.ts`).
   * GALEN_CDS_CLIENTS: a JSON array, or a path to a file holding one.
   */
  cdsClients: CdsClient[];
  /**
   * Worker threads that parse and score CDS Hooks `patient-view` requests (0: on the HTTP thread).
   * GALEN_CDS_THREADS; unset: one fewer than the cores, 1–4.
   */
  cdsThreads?: number;
  /** Everything else, for features' own settings (GALEN_* variables). */
  extra: Record<string, string>;
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return /^(1|true|yes|on)$/i.test(v);
}

function int(v: string | undefined, dflt: number, name: string): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

function positive(v: string | undefined, dflt: number, name: string): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${v}"`);
  return n;
}

/** `https://a.example, http://b.example:8080` → normalised origins; anything else is refused. */
function origins(v: string | undefined): string[] {
  const out: string[] = [];
  for (const raw of (v ?? '').split(',')) {
    const s = raw.trim();
    if (!s) continue;
    let u: URL | undefined;
    try {
      u = new URL(s);
    } catch {
      u = undefined;
    }
    const isOrigin =
      u && (u.protocol === 'http:' || u.protocol === 'https:') && u.pathname === '/' && !u.search && !u.hash && !u.username;
    if (!u || !isOrigin)
      throw new Error(`GALEN_ALLOWED_ORIGINS must list origins such as https://galen.example.org (no path), got "${s}"`);
    out.push(u.origin);
  }
  return out;
}

/** Read configuration from an environment (default `process.env`). */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<GalenConfig> = {},
): GalenConfig {
  let file: Record<string, string> = {};
  if (env.GALEN_CONFIG) file = JSON.parse(readFileSync(env.GALEN_CONFIG, 'utf8')) as Record<string, string>;
  const e = { ...file, ...env };
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(e)) if (k.startsWith('GALEN_') && v !== undefined) extra[k] = v;
  const cfg: GalenConfig = {
    dataDir: e.GALEN_DATA_DIR?.startsWith('memory://') ? e.GALEN_DATA_DIR : resolve(e.GALEN_DATA_DIR ?? '.galen-data'),
    databaseUrl: e.DATABASE_URL || undefined,
    host: e.GALEN_HOST ?? '127.0.0.1',
    port: int(e.GALEN_PORT ?? e.PORT, 8080, 'GALEN_PORT'),
    demo: bool(e.GALEN_DEMO, true),
    demoPatients: int(e.GALEN_DEMO_PATIENTS, 200, 'GALEN_DEMO_PATIENTS'),
    bodyLimit: int(e.GALEN_BODY_LIMIT, 16 * 1024 * 1024, 'GALEN_BODY_LIMIT'),
    logLevel: e.GALEN_LOG_LEVEL ?? 'info',
    llmUrl: e.GALEN_LLM_URL || undefined,
    llmModel: e.GALEN_LLM_MODEL || undefined,
    llmApiKey: e.GALEN_LLM_API_KEY || undefined,
    llmLocal: bool(e.GALEN_LLM_LOCAL, false),
    llmGguf: e.GALEN_LLM_GGUF || undefined,
    llmThreads: int(e.GALEN_LLM_THREADS, 2, 'GALEN_LLM_THREADS') || 2,
    whisperUrl: e.GALEN_WHISPER_URL || undefined,
    deidKeyFile: e.GALEN_DEID_KEY_FILE || undefined,
    deidSiteLists: e.GALEN_DEID_SITE_LISTS || undefined,
    alertWebhooks: (e.GALEN_ALERT_WEBHOOKS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    webDir: e.GALEN_WEB_DIR || undefined,
    secureCookies: bool(e.GALEN_SECURE_COOKIES, false),
    allowedOrigins: origins(e.GALEN_ALLOWED_ORIGINS),
    sessionHours: positive(e.GALEN_SESSION_HOURS, 12, 'GALEN_SESSION_HOURS'),
    cdsClients: parseCdsClients(e.GALEN_CDS_CLIENTS),
    cdsThreads: e.GALEN_CDS_THREADS ? int(e.GALEN_CDS_THREADS, 0, 'GALEN_CDS_THREADS') : undefined,
    extra,
  };
  return { ...cfg, ...overrides };
}
