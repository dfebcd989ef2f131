/**
 * Medical terms and their plain-language equivalents for patient-facing text (after-visit
 * summaries). Wording follows the MedlinePlus health-topic titles (https://medlineplus.gov).
 */
export const PLAIN_TERMS: [RegExp, string][] = [
  [/\bhypertension\b/gi, 'high blood pressure'],
  [/\bhyperlipidemia|high cholesterol|hypercholesterolemia\b/gi, 'high cholesterol'],
  [/\btype (2|two) diabetes( mellitus)?\b/gi, 'type 2 diabetes'],
  [/\bdiabetes mellitus\b/gi, 'diabetes'],
  [/\bcongestive heart failure|heart failure|chf\b/gi, 'a weak heart pump'],
  [/\bmyocardial infarction\b/gi, 'heart attack'],
  [/\batrial fibrillation|afib|a-fib\b/gi, 'an uneven heartbeat'],
  [/\bcoronary artery disease\b/gi, 'heart artery disease'],
  [/\bchronic obstructive pulmonary disease|copd\b/gi, 'long-term lung disease'],
  [/\bgastroesophageal reflux( disease)?|gerd|acid reflux\b/gi, 'heartburn'],
  [/\bosteoarthritis|arthritis\b/gi, 'joint pain and stiffness'],
  [/\bdepression\b/gi, 'low mood'],
  [/\banxiety\b/gi, 'worry'],
  [/\bupper respiratory infection|uri\b/gi, 'a cold'],
  [/\burinary tract infection|uti\b/gi, 'a bladder infection'],
  [/\bpneumonia\b/gi, 'a lung infection'],
  [/\bmigraine(s)?\b/gi, 'bad headaches'],
  [/\bechocardiogram\b/gi, 'heart ultrasound'],
  [/\belectrocardiogram|ekg|ecg\b/gi, 'heart tracing'],
  [/\bmagnetic resonance imaging|mri\b/gi, 'MRI scan'],
  [/\bcomputed tomography|ct scan\b/gi, 'CT scan'],
  [/\bphysical therapy\b/gi, 'PT'],
  [/\bhemoglobin a1c|a1c\b/gi, 'sugar test'],
  [/\blipid panel\b/gi, 'cholesterol test'],
  [/\bmedication(s)?\b/gi, 'medicine$1'],
  [/\bfracture\b/gi, 'broken bone'],
  [/\bsprain\b/gi, 'pulled ligament'],
];

export function toPlain(text: string): string {
  let t = text;
  for (const [re, plain] of PLAIN_TERMS) t = t.replace(re, plain);
  return t;
}
