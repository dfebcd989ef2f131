/**
 * CDS Hooks 2.0 cards built from assessments and medication issues (pure; the server adds ids).
 * @see https://cds-hooks.hl7.org/2.0/#card-attributes
 */
import type { Assessment } from './assess';
import type { MedicationIssue } from './medication/check';

export interface CardCoding {
  system?: string;
  code: string;
  display?: string;
}

export interface Card {
  uuid?: string;
  summary: string;
  detail?: string;
  indicator: 'info' | 'warning' | 'critical';
  source: { label: string; url?: string; topic?: CardCoding };
  suggestions?: Array<{
    label: string;
    uuid?: string;
    isRecommended?: boolean;
    actions?: Array<{ type: 'create' | 'update' | 'delete'; description: string; resource?: unknown; resourceId?: string }>;
  }>;
  selectionBehavior?: 'at-most-one' | 'any';
  overrideReasons?: CardCoding[];
  links?: Array<{ label: string; url: string; type: 'absolute' | 'smart'; appContext?: string }>;
}

export const CARD_SOURCE = { label: 'Galen decision support', url: 'https://github.com/galen-health/galen' };
const OVERRIDE_SYSTEM = 'https://galen.dev/fhir/CodeSystem/cds-override-reason';

/** Reasons a clinician can give when dismissing a card (sent back in feedback). */
export const OVERRIDE_REASONS: CardCoding[] = [
  { system: OVERRIDE_SYSTEM, code: 'already-addressed', display: 'Already addressed' },
  { system: OVERRIDE_SYSTEM, code: 'not-clinically-relevant', display: 'Not clinically relevant' },
  { system: OVERRIDE_SYSTEM, code: 'benefit-outweighs-risk', display: 'Benefit outweighs risk' },
  { system: OVERRIDE_SYSTEM, code: 'data-wrong', display: 'Input data are wrong' },
];

const clip = (s: string) => (s.length <= 140 ? s : `${s.slice(0, 139)}…`);

/** patient-view cards: sepsis risk above threshold, NEWS2 ≥ 5 (or a single 3), qSOFA ≥ 2, AKI, SEP-1. */
export function patientViewCards(a: Assessment): Card[] {
  const cards: Card[] = [];
  const r = a.sepsisRisk;
  if (r?.aboveThreshold) {
    cards.push({
      summary: clip(`Sepsis risk ${(r.probability * 100).toFixed(0)}% in the next 6 h — assess for sepsis`),
      detail: `${r.explanation}. Consider the sepsis screen (lactate, blood cultures) per local protocol. Model: ${r.modelVersion}.`,
      indicator: r.probability >= Math.min(0.5, r.threshold * 4) ? 'critical' : 'warning',
      source: { ...CARD_SOURCE, topic: { code: 'sepsis-risk', display: 'Sepsis risk' } },
      overrideReasons: OVERRIDE_REASONS,
    });
  }
  const n = a.scores.news2;
  if (n.score !== null && (n.band === 'high' || n.band === 'medium' || n.band === 'low-medium')) {
    cards.push({
      summary: clip(n.explanation),
      detail: `RCP NEWS2 ${n.band} risk: ${n.band === 'high' ? 'emergency assessment by a critical-care-competent team' : n.band === 'medium' ? 'urgent review by a clinician' : 'urgent ward-based review'}.`,
      indicator: n.band === 'high' ? 'critical' : 'warning',
      source: { ...CARD_SOURCE, topic: { code: 'news2', display: 'NEWS2' } },
      overrideReasons: OVERRIDE_REASONS,
      links: [
        {
          label: 'RCP NEWS2',
          url: 'https://www.rcplondon.ac.uk/projects/outputs/national-early-warning-score-news-2',
          type: 'absolute',
        },
      ],
    });
  }
  const q = a.scores.qsofa;
  if (q.score !== null && q.score >= 2) {
    cards.push({
      summary: clip(q.explanation),
      indicator: 'warning',
      source: { ...CARD_SOURCE, topic: { code: 'qsofa', display: 'qSOFA' } },
      overrideReasons: OVERRIDE_REASONS,
    });
  }
  const sep = a.scores.sep1;
  if (sep.score !== null && sep.score >= 1) {
    cards.push({
      summary: clip(sep.explanation),
      detail:
        'CMS SEP-1 bundle: lactate, blood cultures before antibiotics, broad-spectrum antibiotics; 30 mL/kg crystalloid for hypotension or lactate ≥ 4.',
      indicator: 'critical',
      source: { ...CARD_SOURCE, topic: { code: 'sep-1', display: 'SEP-1' } },
      overrideReasons: OVERRIDE_REASONS,
    });
  }
  const aki = a.scores.aki;
  if (aki.score !== null && aki.score > 0) {
    cards.push({
      summary: clip(aki.explanation),
      detail: 'KDIGO 2012 AKI criteria by serum creatinine. Review nephrotoxins and renally cleared drugs.',
      indicator: aki.score >= 2 ? 'critical' : 'warning',
      source: { ...CARD_SOURCE, topic: { code: 'aki', display: 'AKI' } },
      overrideReasons: OVERRIDE_REASONS,
    });
  }
  if (!cards.length && n.score === null && !r) {
    cards.push({
      summary: 'Early-warning scores: insufficient data',
      detail: `Missing: ${n.missing.join(', ')}`,
      indicator: 'info',
      source: CARD_SOURCE,
    });
  }
  return cards;
}

/** order-select / order-sign cards from medication issues (one card per issue). */
export function medicationCards(issues: MedicationIssue[], draftIds: Array<string | undefined> = []): Card[] {
  return issues.map((i) => {
    const card: Card = {
      summary: clip(i.summary),
      detail: i.detail,
      indicator: i.severity === 'high' ? 'critical' : i.severity === 'moderate' ? 'warning' : 'info',
      source: { ...CARD_SOURCE, topic: { code: `medication-${i.kind}`, display: `Medication ${i.kind}` } },
      overrideReasons: OVERRIDE_REASONS,
    };
    const id = draftIds[i.draftIndex];
    if (id && i.severity === 'high' && i.kind !== 'renal') {
      card.suggestions = [
        { label: 'Remove this order', actions: [{ type: 'delete', description: 'Remove the draft order', resourceId: id }] },
      ];
    }
    return card;
  });
}
