/**
 * The CDS services Galen offers (discovery) and their prefetch templates.
 * @see https://cds-hooks.hl7.org/2.0/#discovery
 * @see https://cds-hooks.hl7.org/2.0/#prefetch-template
 */
export interface ServiceDef {
  hook: 'patient-view' | 'order-select' | 'order-sign';
  id: string;
  title: string;
  description: string;
  prefetch: Record<string, string>;
}

const P = '{{context.patientId}}';
export const CDS_SERVICES: ServiceDef[] = [
  {
    hook: 'patient-view',
    id: 'galen-early-warning',
    title: 'Galen early warning and sepsis risk',
    description: 'NEWS2, qSOFA, SEP-1, AKI and the sepsis risk model for the patient in view, with the reasons',
    prefetch: {
      patient: `Patient/${P}`,
      observations: `Observation?patient=${P}&_count=1000`,
      conditions: `Condition?patient=${P}`,
      medications: `MedicationRequest?patient=${P}&status=active`,
    },
  },
  {
    hook: 'order-select',
    id: 'galen-medication-safety-select',
    title: 'Galen medication safety (order select)',
    description:
      'ONC high-priority interactions, allergy cross-reactivity, renal dosing and duplicate therapy for the selected draft orders',
    prefetch: {
      patient: `Patient/${P}`,
      medications: `MedicationRequest?patient=${P}&status=active`,
      allergies: `AllergyIntolerance?patient=${P}`,
      observations: `Observation?patient=${P}&code=2160-0,38483-4,29463-7&_count=1000`,
    },
  },
  {
    hook: 'order-sign',
    id: 'galen-medication-safety-sign',
    title: 'Galen medication safety (order sign)',
    description: 'Medication safety checks for draft orders about to be signed',
    prefetch: {
      patient: `Patient/${P}`,
      medications: `MedicationRequest?patient=${P}&status=active`,
      allergies: `AllergyIntolerance?patient=${P}`,
      observations: `Observation?patient=${P}&code=2160-0,38483-4,29463-7&_count=1000`,
    },
  },
];

/** The service with this id, if Galen offers one. */
export function cdsServiceById(id: string): ServiceDef | undefined {
  return CDS_SERVICES.find((s) => s.id === id);
}

/**
 * Fill `{{context.x}}` tokens in a prefetch template (URL-encoded).
 * @example fillTemplate('Patient/{{context.patientId}}', { patientId: 'p1' }) // 'Patient/p1'
 * @see https://cds-hooks.hl7.org/2.0/#prefetch-tokens
 */
export function fillTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(/\{\{\s*context\.([A-Za-z]+)\s*\}\}/g, (_, k: string) => encodeURIComponent(String(context[k] ?? '')));
}
