import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIsoTime } from './iso-time';
import { mulberry32 } from '@galen/fhir';

const same = (s: string) => assert.equal(parseIsoTime(s), Date.parse(s), s);

test('parseIsoTime agrees with Date.parse on edge cases', () => {
  for (const s of [
    '2026-01-01T11:00:00Z',
    '2026-01-01T11:00:00.000Z',
    '2026-01-01T11:00:00.123Z',
    '2024-02-29T23:59:59.999Z',
    '2026-02-29T00:00:00Z', // rolls over, as Date.parse does
    '2026-02-31T00:00:00Z',
    '2026-04-31T00:00:00+02:00',
    '1970-01-01T00:00:00Z',
    '1969-12-31T23:59:59.999Z',
    '0000-01-01T00:00:00Z',
    '0000-03-01T00:00:00Z',
    '1600-02-29T12:00:00Z',
    '1900-03-01T00:00:00Z',
    '9999-12-31T23:59:59.999-23:59',
    '2026-06-15T08:30:00+05:30',
    '2026-06-15T08:30:00.250-04:00',
    '2026-06-15T08:30:00-00:00',
    // Not the fast form: handed to Date.parse.
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:59:60Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-32T00:00:00Z',
    '2026-01-01T10:00:00+24:00',
    '2026-01-01T10:00:00+12:60',
    '2026-01-01T10:00:00+0100',
    '2026-01-01T10:00:00.1Z',
    '2026-01-01T10:00:00.1234Z',
    '2026-01-01T10:00:00.12345+01:00',
    '2026-01-01t10:00:00z',
    '2026-01-01 10:00:00Z',
    '2026-01-01T10:00:00',
    '2026-01-01',
    '2026-01-01T1a:00:00Z',
    '2026-01-01T10:00:00.1a3Z',
    '2026-01-01T10:00:00X',
    '2026-01-01T10:00:00+01-00',
    '+002026-01-01T10:00:00Z',
    '',
    'yesterday',
  ])
    same(s);
});

test('parseIsoTime agrees with Date.parse on random instants and random corruptions of them', () => {
  // A small deterministic generator (mulberry32) so failures reproduce.
  const rand = mulberry32(20_260_101);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const alphabet = '0123456789-:+.TZ x';
  for (let k = 0; k < 20_000; k++) {
    const date = `${pad(Math.floor(rand() * 10_000), 4)}-${pad(Math.floor(rand() * 14), 2)}-${pad(Math.floor(rand() * 33), 2)}`;
    const time = `${pad(Math.floor(rand() * 26), 2)}:${pad(Math.floor(rand() * 61), 2)}:${pad(Math.floor(rand() * 61), 2)}`;
    const frac = rand() < 0.5 ? '' : `.${pad(Math.floor(rand() * 1000), 3)}`;
    const zone =
      rand() < 0.4 ? 'Z' : `${rand() < 0.5 ? '+' : '-'}${pad(Math.floor(rand() * 26), 2)}:${pad(Math.floor(rand() * 62), 2)}`;
    let s = `${date}T${time}${frac}${zone}`;
    if (rand() < 0.2) {
      const at = Math.floor(rand() * s.length);
      s = s.slice(0, at) + alphabet[Math.floor(rand() * alphabet.length)]! + s.slice(at + 1);
    }
    same(s);
  }
});
