/**
 * Contact details and identifiers by pattern: email addresses, URLs, IP addresses, social security
 * numbers, phone and fax numbers (seven-digit numbers and pagers only after a cue), record,
 * account, licence, device and insurance numbers after a cue, and long digit runs.
 */
import type { PatternRule } from './pattern-rule';

export const IDENTIFIER_RULES: readonly PatternRule[] = [
  { re: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}\b/g, type: 'EMAIL', source: 'email' },
  { re: /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'\])]{2,2000}/gi, type: 'URL', source: 'url' },
  {
    re: /(?<![\d/.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b(?![./]\d)/g,
    type: 'IP',
    source: 'ipv4',
  },
  { re: /\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b/gi, type: 'IP', source: 'ipv6' },
  { re: /\b\d{3}-\d{2}-\d{4}\b/g, type: 'SSN', source: 'ssn' },
  {
    re: /\b(?:ssn|social security(?: number| no\.?| #)?)\s{0,3}[:#]?\s{0,3}(\d{9}|\d{3}[ -]\d{2}[ -]\d{4})\b/gi,
    type: 'SSN',
    source: 'ssn-cue',
    group: 1,
  },
  // Phone numbers: (617) 555-1234, 617-555-1234, 617.555.1234, +1 617 555 1234, with extension.
  {
    re: /(?:\+?1[-.\s]?)?(?:\(\d{3}\)\s{0,2}|\b\d{3}(?:[-./]\s?|\s))\d{3}(?:[-./]\s?|\s)\d{4}\b(?:\s{0,2}(?:x|ext\.?)\s{0,2}\d{1,6})?/gi,
    type: 'PHONE',
    source: 'phone',
  },
  // Unusual layouts: "202 2671093", "(240444-1243)", "(301 273 45166)".
  { re: /\b\d{3}\s\d{7}\b/g, type: 'PHONE', source: 'phone-loose' },
  { re: /\((?:\d[\s-]?){9,10}\d\)/g, type: 'PHONE', source: 'phone-loose' },
  // Seven-digit numbers and pagers need a cue.
  {
    re: /\b(?:phone|tel|telephone|cell|mobile|home|work|fax|pager|beeper|pgr|bpr|page|pg|call|contact|number|no|#)\s{0,3}(?:no\.?|number|is|at)?[\s:#]{0,5}(\d{3}-\d{4}|\d{4,7})\b/gi,
    type: 'PHONE',
    source: 'phone-cue',
    group: 1,
    check: (m) => /-/.test(m[1]!) || /^(?:pager|beeper|pgr|bpr|pg|fax|phone|tel|cell)/i.test(m[0]),
  },
  // Identifiers with a cue: MRN, account, licence, device, serial, insurance numbers.
  {
    re: /\b(?:mrn|mr#|mr no\.?|medical record(?: number| no\.?| #)?|acct|account(?: number| no\.?| #)?|unit no\.?|hospital no\.?|patient id|pt id|id#|member id|policy(?: number| no\.?)?|insurance(?: id| number)?|medicaid|medicare|licen[sc]e(?: number| no\.?| #)?|lic\.? #|dl#|dea|npi|serial(?: number| no\.?)?|device(?: id)?|vin|plate|certificate(?: number| no\.?)?|claim(?: number| no\.?)?)\s{0,3}[:#]?\s{0,3}(?:is\s|number\s|no\.?\s|#\s?)?\s{0,2}([A-Za-z]{0,4}[-]?\d[A-Za-z0-9-]{2,24})\b/gi,
    type: 'ID',
    source: 'id-cue',
    group: 1,
  },
  { re: /\b\d{8,}\b/g, type: 'ID', source: 'long-number' },
];
