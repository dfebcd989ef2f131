/**
 * Three-digit ZIP prefixes whose geographic unit held 20,000 people or fewer in the 2000 US census:
 * Safe Harbor requires them to be replaced by 000 (45 CFR 164.514(b)(2)(i)(B); list from HHS,
 * "Guidance Regarding Methods for De-identification of PHI", 2012, section 3.3).
 */
export const RESTRICTED_ZIP3: ReadonlySet<string> = new Set([
  '036',
  '059',
  '063',
  '102',
  '203',
  '556',
  '692',
  '790',
  '821',
  '823',
  '830',
  '831',
  '878',
  '879',
  '884',
  '890',
  '893',
]);

/** The Safe Harbor form of a ZIP code: its first three digits, or 000 for a restricted prefix. */
export function safeHarborZip(zip: string): string {
  const d = zip.replace(/\D/g, '').slice(0, 3);
  if (d.length < 3 || RESTRICTED_ZIP3.has(d)) return '000';
  return d;
}
