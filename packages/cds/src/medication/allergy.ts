/**
 * Allergy cross-reactivity groups. Sources: Macy E, Blumenthal KG. Beta-lactam allergy (JACI Pract
 * 2018); Khan DA, et al. Drug allergy: a 2022 practice parameter update. J Allergy Clin Immunol
 * 2022;150:1333-93 (penicillin–cephalosporin cross-reactivity ≈ 1–2%, higher with similar R1 side
 * chains; carbapenems < 1%; aztreonam no cross-reactivity except ceftazidime; sulfonamide
 * antibiotics do not cross-react meaningfully with non-antibiotic sulfonamides).
 */
export interface CrossReactivity {
  allergen: string;
  drug: string;
  /** `high` same class; `low` cross-class, usually tolerated. */
  risk: 'high' | 'low';
  note: string;
}

/** Allergen class → drug classes that may react, with the level of risk. */
export const CROSS_REACTIVITY: CrossReactivity[] = [
  { allergen: 'penicillin', drug: 'penicillin', risk: 'high', note: 'Same class as the documented allergen' },
  {
    allergen: 'penicillin',
    drug: 'cephalosporin',
    risk: 'low',
    note: 'Penicillin–cephalosporin cross-reactivity is about 1–2% (higher with shared R1 side chains, e.g. amoxicillin–cephalexin)',
  },
  { allergen: 'penicillin', drug: 'carbapenem', risk: 'low', note: 'Penicillin–carbapenem cross-reactivity is under 1%' },
  { allergen: 'cephalosporin', drug: 'cephalosporin', risk: 'high', note: 'Same class as the documented allergen' },
  {
    allergen: 'cephalosporin',
    drug: 'penicillin',
    risk: 'low',
    note: 'Cephalosporin–penicillin cross-reactivity is low; depends on side chains',
  },
  { allergen: 'carbapenem', drug: 'carbapenem', risk: 'high', note: 'Same class as the documented allergen' },
  {
    allergen: 'sulfonamide-antibiotic',
    drug: 'sulfonamide-antibiotic',
    risk: 'high',
    note: 'Same class as the documented allergen',
  },
  {
    allergen: 'sulfonamide-antibiotic',
    drug: 'sulfonamide-nonantibiotic',
    risk: 'low',
    note: 'Non-antibiotic sulfonamides rarely cross-react with sulfonamide antibiotics',
  },
  { allergen: 'nsaid', drug: 'nsaid', risk: 'high', note: 'NSAID hypersensitivity is often a class (COX-1) effect' },
  {
    allergen: 'opioid',
    drug: 'opioid',
    risk: 'low',
    note: 'Opioid "allergy" is often pseudo-allergy; consider a different opioid class',
  },
];
