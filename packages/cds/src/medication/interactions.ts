/**
 * The ONC high-priority drug–drug interactions: Phansalkar S, Desai AA, Bell D, et al.
 * "High-priority drug–drug interactions for use in electronic health records." JAMIA
 * 2012;19(5):735-43 (Table 2, as revised). Each rule pairs an object and a precipitant, given as
 * drug classes (see `drugs.ts`) or ingredient names. Wording of the effects is Galen's own summary.
 */
export interface InteractionRule {
  id: string;
  a: string[];
  b: string[];
  effect: string;
  advice: string;
}

const C = (c: string) => `class:${c}`;

export const ONC_HIGH_PRIORITY: InteractionRule[] = [
  {
    id: 'onc-1',
    a: ['atazanavir'],
    b: [C('ppi')],
    effect: 'PPIs reduce atazanavir absorption (loss of antiviral effect)',
    advice: 'Avoid the combination',
  },
  { id: 'onc-2', a: [C('amphetamine')], b: [C('maoi')], effect: 'Hypertensive crisis', advice: 'Contraindicated' },
  {
    id: 'onc-3',
    a: ['azathioprine', 'mercaptopurine'],
    b: [C('xanthine-oxidase-inhibitor')],
    effect: 'Thiopurine toxicity (bone-marrow suppression)',
    advice: 'Contraindicated',
  },
  { id: 'onc-4', a: [C('ssri'), C('snri')], b: [C('maoi')], effect: 'Serotonin syndrome', advice: 'Contraindicated' },
  {
    id: 'onc-5',
    a: ['irinotecan'],
    b: [C('cyp3a4-inhibitor'), C('cyp3a4-inducer')],
    effect: 'Altered irinotecan exposure (toxicity or loss of effect)',
    advice: 'Avoid strong CYP3A4 modulators',
  },
  {
    id: 'onc-6',
    a: [C('serotonergic-opioid')],
    b: [C('maoi')],
    effect: 'Serotonin syndrome or opioid toxicity',
    advice: 'Contraindicated',
  },
  { id: 'onc-7', a: [C('tca')], b: [C('maoi')], effect: 'Serotonin syndrome, hypertensive crisis', advice: 'Contraindicated' },
  {
    id: 'onc-8',
    a: [C('qt-prolonging')],
    b: [C('qt-prolonging')],
    effect: 'Additive QT prolongation (torsades de pointes)',
    advice: 'Avoid or monitor ECG and electrolytes',
  },
  {
    id: 'onc-9',
    a: ['ramelteon'],
    b: ['fluvoxamine', 'amiodarone', 'ciprofloxacin'],
    effect: 'Greatly increased ramelteon exposure (CYP1A2)',
    advice: 'Avoid the combination',
  },
  {
    id: 'onc-10',
    a: [C('protease-inhibitor')],
    b: [C('cyp3a4-inducer')],
    effect: 'Loss of antiviral effect (CYP3A4 induction)',
    advice: 'Avoid the combination',
  },
  {
    id: 'onc-11',
    a: ['simvastatin', 'lovastatin'],
    b: [C('cyp3a4-inhibitor')],
    effect: 'Myopathy and rhabdomyolysis',
    advice: 'Contraindicated; use a statin not metabolised by CYP3A4',
  },
  {
    id: 'onc-12',
    a: ['tizanidine'],
    b: [C('cyp1a2-inhibitor')],
    effect: 'Hypotension and sedation (tizanidine exposure ×10)',
    advice: 'Contraindicated',
  },
  { id: 'onc-13', a: ['tranylcypromine'], b: ['procarbazine'], effect: 'Hypertensive crisis', advice: 'Contraindicated' },
  {
    id: 'onc-14',
    a: [C('triptan')],
    b: [C('maoi')],
    effect: 'Serotonin syndrome (triptan exposure raised)',
    advice: 'Contraindicated',
  },
  {
    id: 'onc-15',
    a: [C('ergot')],
    b: [C('cyp3a4-inhibitor')],
    effect: 'Ergotism (vasospasm, ischaemia)',
    advice: 'Contraindicated',
  },
];
