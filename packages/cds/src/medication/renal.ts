/**
 * Kidney-function estimates and renal dosing rules.
 * - CKD-EPI 2021 creatinine equation (race-free): Inker LA, et al. N Engl J Med 2021;385:1737-49.
 *   eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [female];
 *   κ 0.7 (F) / 0.9 (M); α −0.241 (F) / −0.302 (M). mL/min/1.73 m².
 * - Cockcroft–Gault: Cockcroft DW, Gault MH. Nephron 1976;16:31-41.
 *   CrCl = (140 − age) × weight(kg) / (72 × Scr) × 0.85 [female]. mL/min.
 * - Rules summarise the US prescribing information (FDA labels) of each drug and, for
 *   nitrofurantoin, the AGS Beers Criteria 2019 (J Am Geriatr Soc 2019;67:674-94).
 */
export function egfrCkdEpi2021(scrMgDl: number, ageYears: number, sex: 'male' | 'female'): number {
  const k = sex === 'female' ? 0.7 : 0.9;
  const a = sex === 'female' ? -0.241 : -0.302;
  const r = scrMgDl / k;
  return 142 * Math.min(r, 1) ** a * Math.max(r, 1) ** -1.2 * 0.9938 ** ageYears * (sex === 'female' ? 1.012 : 1);
}

export function crclCockcroftGault(scrMgDl: number, ageYears: number, weightKg: number, sex: 'male' | 'female'): number {
  return (((140 - ageYears) * weightKg) / (72 * scrMgDl)) * (sex === 'female' ? 0.85 : 1);
}

export interface RenalContext {
  egfr?: number;
  crcl?: number;
  ageYears?: number;
  weightKg?: number;
  creatinine?: number;
}

export interface RenalFinding {
  severity: 'high' | 'moderate' | 'low';
  text: string;
}

export interface RenalRule {
  ingredient: string;
  /** Which estimate the label uses. */
  measure: 'egfr' | 'crcl';
  check(c: RenalContext): RenalFinding | undefined;
}

export const RENAL_RULES: RenalRule[] = [
  {
    ingredient: 'metformin',
    measure: 'egfr',
    check: ({ egfr }) =>
      egfr === undefined
        ? undefined
        : egfr < 30
          ? { severity: 'high', text: `Metformin is contraindicated with eGFR < 30 (eGFR ${egfr.toFixed(0)})` }
          : egfr < 45
            ? {
                severity: 'moderate',
                text: `Starting metformin is not recommended with eGFR 30–45 (eGFR ${egfr.toFixed(0)}); reassess if already taking`,
              }
            : undefined,
  },
  {
    ingredient: 'enoxaparin',
    measure: 'crcl',
    check: ({ crcl }) =>
      crcl !== undefined && crcl < 30
        ? {
            severity: 'high',
            text: `Enoxaparin needs dose reduction with CrCl < 30 mL/min (CrCl ${crcl.toFixed(0)}): 1 mg/kg once daily for treatment, 30 mg once daily for prophylaxis`,
          }
        : undefined,
  },
  {
    ingredient: 'nitrofurantoin',
    measure: 'crcl',
    check: ({ crcl }) =>
      crcl === undefined
        ? undefined
        : crcl < 30
          ? {
              severity: 'high',
              text: `Avoid nitrofurantoin with CrCl < 30 mL/min (CrCl ${crcl.toFixed(0)}): ineffective and toxic (Beers 2019)`,
            }
          : crcl < 60
            ? {
                severity: 'low',
                text: `Nitrofurantoin label cautions against use with CrCl < 60 mL/min (CrCl ${crcl.toFixed(0)}); short courses may be acceptable`,
              }
            : undefined,
  },
  {
    ingredient: 'gabapentin',
    measure: 'crcl',
    check: ({ crcl }) =>
      crcl === undefined || crcl >= 60
        ? undefined
        : {
            severity: 'moderate',
            text:
              crcl >= 30
                ? `Gabapentin: reduce to 400–1400 mg/day in 2 doses with CrCl 30–59 (CrCl ${crcl.toFixed(0)})`
                : crcl >= 15
                  ? `Gabapentin: reduce to 200–700 mg/day once daily with CrCl 15–29 (CrCl ${crcl.toFixed(0)})`
                  : `Gabapentin: reduce to 100–300 mg/day with CrCl < 15 (CrCl ${crcl.toFixed(0)})`,
          },
  },
  {
    ingredient: 'apixaban',
    measure: 'crcl',
    check: ({ ageYears, weightKg, creatinine, crcl }) => {
      const criteria = [
        ageYears !== undefined && ageYears >= 80,
        weightKg !== undefined && weightKg <= 60,
        creatinine !== undefined && creatinine >= 1.5,
      ].filter(Boolean).length;
      if (crcl !== undefined && crcl < 15)
        return { severity: 'high', text: `Apixaban has not been studied with CrCl < 15 mL/min (CrCl ${crcl.toFixed(0)})` };
      if (criteria >= 2)
        return {
          severity: 'moderate',
          text: 'Apixaban (atrial fibrillation): 2.5 mg twice daily when ≥ 2 of age ≥ 80, weight ≤ 60 kg, creatinine ≥ 1.5 mg/dL',
        };
      return undefined;
    },
  },
  {
    ingredient: 'rivaroxaban',
    measure: 'crcl',
    check: ({ crcl }) =>
      crcl === undefined
        ? undefined
        : crcl < 15
          ? { severity: 'high', text: `Avoid rivaroxaban with CrCl < 15 mL/min (CrCl ${crcl.toFixed(0)})` }
          : crcl <= 50
            ? {
                severity: 'moderate',
                text: `Rivaroxaban (atrial fibrillation): 15 mg once daily with CrCl ≤ 50 (CrCl ${crcl.toFixed(0)})`,
              }
            : undefined,
  },
  {
    ingredient: 'dabigatran',
    measure: 'crcl',
    check: ({ crcl }) =>
      crcl === undefined
        ? undefined
        : crcl < 15
          ? { severity: 'high', text: `Avoid dabigatran with CrCl < 15 mL/min (CrCl ${crcl.toFixed(0)})` }
          : crcl <= 30
            ? {
                severity: 'high',
                text: `Dabigatran (atrial fibrillation): 75 mg twice daily with CrCl 15–30 (CrCl ${crcl.toFixed(0)})`,
              }
            : undefined,
  },
];
