/** Street addresses, post office boxes and ZIP codes (after a state or a cue) by pattern. */
import { dictionaries } from '../dictionaries';
import type { PatternRule } from './pattern-rule';

export const ADDRESS_RULES: readonly PatternRule[] = [
  // Street addresses: "123 Main Street", "45 N. Elm Ave".
  {
    re: /\b\d{1,6}\s{1,2}(?:[NSEW]\.?\s)?(?:[A-Z][A-Za-z'-]{1,30}\s{1,2}){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Square|Sq|Trail|Turnpike|STREET|ST|AVENUE|AVE|ROAD|RD|DRIVE|LANE|COURT)\b\.?(?:,?\s{0,2}(?:apt|apartment|unit|suite|ste|#)\.?\s{0,2}#?\s{0,2}[A-Za-z0-9-]{1,8})?/g,
    type: 'LOCATION',
    subtype: 'street',
    source: 'street',
    check: (m) => {
      if (/^\d+\s+(?:mg|mcg|ml|cc|units?|tabs?)\b/i.test(m[0])) return false;
      // In upper-case text "ST" is a rhythm or an ST segment: only full street words count.
      if (m[0] === m[0].toUpperCase()) return /\b(?:STREET|AVENUE|ROAD|DRIVE|LANE|COURT|BOULEVARD)\b/.test(m[0]);
      return true;
    },
  },
  { re: /\b(?:P\.?\s?O\.?\s?Box|Post Office Box)\s{0,2}\d{1,8}\b/gi, type: 'LOCATION', subtype: 'street', source: 'po-box' },
  // ZIP after a state: "MA 02115", "Maryland 21201-1234"; or with a cue.
  {
    re: /\b[A-Z]{2},?\s{1,2}(\d{5}(?:-\d{4})?)\b/g,
    type: 'ZIP',
    source: 'zip-state',
    group: 1,
    check: (m) => dictionaries().stateCodes.has(m[0].slice(0, 2).toLowerCase()),
  },
  {
    re: /\b(?:zip|zip code|postal code|zipcode)\s{0,2}[:#]?\s{0,2}(\d{5}(?:-\d{4})?)\b/gi,
    type: 'ZIP',
    source: 'zip-cue',
    group: 1,
  },
];
