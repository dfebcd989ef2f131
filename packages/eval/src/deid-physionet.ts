/**
 * Loader for the PhysioNet deid gold-standard corpus (`id.text`, `id-phi.phrase`, `id.deid`):
 * https://physionet.org/content/deid/1.1/. Offsets count from the first character after the
 * `START_OF_RECORD=<pid>||||<note>||||` line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GoldSpan {
  start: number;
  end: number;
  type: string;
  text?: string;
}

export interface DeidNote {
  /** `<pid>-<note>` for PhysioNet, the record index for Presidio. */
  id: string;
  patientId: string;
  text: string;
  gold: GoldSpan[];
}

export const PHYSIONET_DEID_DIR = fileURLToPath(new URL('../../../../shared/data/physionet-deid', import.meta.url));

/**
 * The development / held-out split used while building Galen's de-identifier: patients are split
 * by numeric id, ids 1–82 are the development half and 83 and above are held out.
 */
export const PHYSIONET_DEV_MAX_PID = 82;

export type Split = 'dev' | 'test' | 'all';

export function inSplit(patientId: string, split: Split): boolean {
  if (split === 'all') return true;
  const n = Number(patientId);
  return split === 'dev' ? n <= PHYSIONET_DEV_MAX_PID : n > PHYSIONET_DEV_MAX_PID;
}

export function physionetAvailable(dir = PHYSIONET_DEID_DIR): boolean {
  return existsSync(join(dir, 'id.text')) && existsSync(join(dir, 'id-phi.phrase'));
}

/** Parse `id.text` into notes keyed `<pid>-<note>`. */
export function parsePhysionetText(raw: string): Map<string, { patientId: string; text: string }> {
  const out = new Map<string, { patientId: string; text: string }>();
  const re = /START_OF_RECORD=(\d+)\|\|\|\|(\d+)\|\|\|\|\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const bodyStart = m.index + m[0].length;
    const end = raw.indexOf('||||END_OF_RECORD', bodyStart);
    if (end < 0) break;
    out.set(`${m[1]}-${m[2]}`, { patientId: m[1]!, text: raw.slice(bodyStart, end) });
    re.lastIndex = end;
  }
  return out;
}

/** Parse `id-phi.phrase`: `<pid> <note> <start> <end> <Type> <text>`. */
export function parsePhiPhrase(raw: string): Map<string, GoldSpan[]> {
  const out = new Map<string, GoldSpan[]>();
  for (const line of raw.split(/\r?\n/)) {
    const m = /^(\d+) (\d+) (\d+) (\d+) (\S+) ?(.*)$/.exec(line);
    if (!m) continue;
    const key = `${m[1]}-${m[2]}`;
    const arr = out.get(key) ?? [];
    arr.push({ start: Number(m[3]), end: Number(m[4]), type: m[5]!, text: m[6] });
    out.set(key, arr);
  }
  return out;
}

/** Load the corpus (optionally one split). */
export function loadPhysionetDeid(dir = PHYSIONET_DEID_DIR, split: Split = 'all'): DeidNote[] {
  const notes = parsePhysionetText(readFileSync(join(dir, 'id.text'), 'utf8'));
  const gold = parsePhiPhrase(readFileSync(join(dir, 'id-phi.phrase'), 'utf8'));
  const out: DeidNote[] = [];
  for (const [id, n] of notes) {
    if (!inSplit(n.patientId, split)) continue;
    out.push({ id, patientId: n.patientId, text: n.text, gold: gold.get(id) ?? [] });
  }
  return out;
}
