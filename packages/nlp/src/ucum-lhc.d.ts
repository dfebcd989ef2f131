/** Minimal types for `@lhncbc/ucum-lhc` (it ships none). @see https://github.com/lhncbc/ucum-lhc */
declare module '@lhncbc/ucum-lhc' {
  interface UcumLhcUtils {
    validateUnitString(unit: string, suggest?: boolean): { status: 'valid' | 'invalid' | 'error'; ucumCode: string | null };
    convertUnitTo(
      fromUnit: string,
      value: number,
      toUnit: string,
    ): { status: 'succeeded' | 'failed' | 'error'; toVal: number | null };
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
  export default ucum;
}
