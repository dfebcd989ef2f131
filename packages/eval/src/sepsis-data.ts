/**
 * Loader for the PhysioNet/CinC 2019 sepsis files (`.psv`, pipe-separated, one file per ICU stay)
 * from a directory, a single file or a `.tar.gz` of them (read with node zlib and a small ustar
 * reader), plus the patient-level split rule shared by training and evaluation.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { COL, N_COLUMNS, PHYSIONET_COLUMNS, type HourlyRecord } from '@galen/cds/model/physionet';

/** Where the shared copy lives (tests and benchmarks only; Galen runs without it). */
export const SHARED_SEPSIS_DIR = fileURLToPath(new URL('../../../../shared/data/physionet-2019-sepsis/', import.meta.url));

/** Parse one `.psv` file's text. Throws on a header without the PhysioNet columns. */
export function parsePsv(id: string, text: string): HourlyRecord {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split('|');
  const map = header.map((h) => COL[h.trim()] ?? -1);
  const labelAt = header.findIndex((h) => h.trim() === 'SepsisLabel');
  if (map.filter((i) => i >= 0).length < 5)
    throw new Error(`${id}: not a PhysioNet 2019 .psv file (header: ${header.slice(0, 5).join('|')}…)`);
  const n = lines.length - 1;
  const values = new Float32Array(n * N_COLUMNS).fill(NaN);
  const labels = labelAt >= 0 ? new Uint8Array(n) : undefined;
  for (let r = 0; r < n; r++) {
    const cells = lines[r + 1]!.split('|');
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!;
      if (c === labelAt) {
        labels![r] = cell.trim() === '1' ? 1 : 0;
        continue;
      }
      const k = map[c] ?? -1;
      if (k < 0 || cell === 'NaN' || cell === '') continue;
      const v = Number(cell);
      if (Number.isFinite(v)) values[r * N_COLUMNS + k] = v;
    }
  }
  const rec: HourlyRecord = { id, hours: n, values };
  if (labels) rec.labels = labels;
  return rec;
}

/** Entries of a ustar/GNU tar archive (regular files only). */
export function* readTar(buf: Buffer): Generator<{ name: string; data: Buffer }> {
  let off = 0;
  let longName: string | undefined;
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const str = (a: number, b: number) => h.toString('utf8', a, b).replace(/\0.*$/s, '');
    let name = str(0, 100);
    const prefix = str(345, 500);
    if (prefix) name = `${prefix}/${name}`;
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(h[156] ?? 48);
    const start = off + 512;
    const data = buf.subarray(start, start + size);
    off = start + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (longName) {
      name = longName;
      longName = undefined;
    }
    if (type === '0' || type === '\0') yield { name, data };
  }
}

/** Load every `.psv` under a directory, a `.psv` file or a `.tar.gz`, sorted by id. */
export function loadSepsisRecords(path: string): HourlyRecord[] {
  const out: HourlyRecord[] = [];
  const st = statSync(path);
  const idOf = (name: string) => basename(name).replace(/\.psv$/, '');
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      const p = join(path, name);
      if (name.endsWith('.psv')) out.push(parsePsv(idOf(name), readFileSync(p, 'utf8')));
      else if (statSync(p).isDirectory()) out.push(...loadSepsisRecords(p));
    }
  } else if (/\.(tar\.gz|tgz)$/.test(path)) {
    const buf = gunzipSync(readFileSync(path));
    for (const e of readTar(buf)) if (e.name.endsWith('.psv')) out.push(parsePsv(idOf(e.name), e.data.toString('utf8')));
  } else if (path.endsWith('.tar')) {
    for (const e of readTar(readFileSync(path)))
      if (e.name.endsWith('.psv')) out.push(parsePsv(idOf(e.name), e.data.toString('utf8')));
  } else {
    out.push(parsePsv(idOf(path), readFileSync(path, 'utf8')));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export type SplitName = 'train' | 'validation' | 'test';

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The patient-level split: FNV-1a 32-bit hash of the record id (the file name without `.psv`,
 * e.g. `p100001`) modulo 10: 0–6 train (70%), 7 validation (10%), 8–9 test (20%).
 */
export function splitOf(id: string): SplitName {
  const k = fnv1a(id) % 10;
  return k <= 6 ? 'train' : k === 7 ? 'validation' : 'test';
}

export { PHYSIONET_COLUMNS };
