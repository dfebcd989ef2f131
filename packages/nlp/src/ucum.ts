/**
 * UCUM units through `@lhncbc/ucum-lhc` (loaded on first use, ~30 ms), with results cached so the
 * pipeline's fast path is a Map look-up. @see https://ucum.org/ucum
 */
import ucum from '@lhncbc/ucum-lhc';

type Utils = ReturnType<typeof ucum.UcumLhcUtils.getInstance>;
let utils: Utils | undefined;
const valid = new Map<string, boolean>();
const factors = new Map<string, ((v: number) => number) | null>();

function lib(): Utils {
  utils ??= ucum.UcumLhcUtils.getInstance();
  return utils;
}

/** Is `code` a valid UCUM expression? */
export function isValidUcum(code: string): boolean {
  let v = valid.get(code);
  if (v === undefined) {
    try {
      v = lib().validateUnitString(code).status === 'valid';
    } catch {
      v = false;
    }
    valid.set(code, v);
  }
  return v;
}

/** Convert `value` from one UCUM unit to another; `undefined` when they are not commensurable. */
export function convertUcum(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const key = `${from}→${to}`;
  let f = factors.get(key);
  if (f === undefined) {
    f = null;
    try {
      // Linear units convert by a factor; special units (°F → °C) need the library for each value.
      const one = lib().convertUnitTo(from, 1, to);
      const two = lib().convertUnitTo(from, 2, to);
      if (one.status === 'succeeded' && two.status === 'succeeded' && one.toVal !== null && two.toVal !== null) {
        const slope = two.toVal - one.toVal;
        const offset = one.toVal - slope;
        f = (v: number) => slope * v + offset;
      }
    } catch {
      f = null;
    }
    factors.set(key, f);
  }
  return f ? f(value) : undefined;
}
