/**
 * Non-drug allergens for allergy lists (drug allergies are recorded against medications and their
 * classes). Galen's own codes; SNOMED CT substance ids only where the team is sure of them.
 * Grouping follows the common allergen categories of allergy clinics (food, environmental,
 * insect venom, contact).
 */
import type { GalenRow } from './define';

export const ALLERGEN_ROWS: readonly GalenRow[] = [
  ['allergen-peanut', 'Peanut', 'peanuts;groundnut'],
  ['allergen-tree-nut', 'Tree nut', 'tree nuts;nuts;almond;walnut;cashew;pecan;hazelnut'],
  ['allergen-shellfish', 'Shellfish', 'shellfish;shrimp;crab;lobster;crustacean'],
  ['allergen-fish', 'Fish', 'finned fish;salmon;tuna;cod'],
  ['allergen-egg', 'Egg', 'eggs;egg white'],
  ['allergen-milk', "Cow's milk", 'milk;dairy;milk protein;lactose'],
  ['allergen-soy', 'Soy', 'soya;soybean'],
  ['allergen-wheat', 'Wheat', 'gluten'],
  ['allergen-sesame', 'Sesame', 'sesame seed'],
  ['allergen-strawberry', 'Strawberry', 'strawberries'],
  ['allergen-latex', 'Latex', 'natural rubber latex;rubber'],
  [
    'allergen-iodinated-contrast',
    'Iodinated contrast media',
    'IV contrast;contrast dye;iodine contrast;CT contrast;radiocontrast;iodine',
  ],
  ['allergen-gadolinium', 'Gadolinium contrast', 'MRI contrast;gadolinium'],
  ['allergen-bee-venom', 'Bee venom', 'bee sting;honeybee venom;bees'],
  ['allergen-wasp-venom', 'Wasp venom', 'wasp sting;yellow jacket;hornet'],
  ['allergen-fire-ant', 'Fire ant venom', 'fire ant'],
  ['allergen-pollen', 'Pollen', 'pollens;grass pollen;tree pollen;ragweed'],
  ['allergen-dust-mite', 'House dust mite', 'dust mites;dust'],
  ['allergen-cat', 'Cat dander', 'cats;cat hair'],
  ['allergen-dog', 'Dog dander', 'dogs;dog hair'],
  ['allergen-mold', 'Mold', 'mould;fungal spores'],
  ['allergen-nickel', 'Nickel', 'nickel metal'],
  ['allergen-adhesive', 'Medical adhesive', 'adhesive tape;tape;bandage adhesive;Tegaderm'],
  ['allergen-chlorhexidine', 'Chlorhexidine', 'CHG'],
  ['allergen-povidone-iodine', 'Povidone-iodine', 'Betadine'],
  ['allergen-fragrance', 'Fragrance', 'perfume;fragrance mix'],
  ['allergen-formaldehyde', 'Formaldehyde', 'formalin'],
  ['allergen-neomycin-topical', 'Neomycin (topical)', 'Neosporin'],
  ['allergen-eggs-vaccine', 'Egg protein in vaccines', 'egg based vaccine'],
  ['allergen-gelatin', 'Gelatin', 'gelatine'],
  ['allergen-red-meat', 'Alpha-gal (red meat)', 'alpha-gal;red meat;mammalian meat'],
  ['allergen-sulfite', 'Sulfites', 'sulphites;sulfite preservatives'],
  ['allergen-corn', 'Corn', 'maize'],
  ['allergen-kiwi', 'Kiwi fruit', 'kiwi'],
  ['allergen-banana', 'Banana', 'bananas'],
  ['allergen-avocado', 'Avocado', 'avocados'],
  ['allergen-food-dye', 'Food dye', 'tartrazine;yellow dye;red dye'],
  ['allergen-cockroach', 'Cockroach', 'roaches'],
  ['allergen-poison-ivy', 'Poison ivy', 'urushiol;poison oak'],
  ['allergen-seasonal', 'Seasonal allergens', 'seasonal allergies;environmental allergens'],
];
