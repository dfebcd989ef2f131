/** The transcript model: an ordered list of speaker turns. */

export type SpeakerRole = 'doctor' | 'patient' | 'other' | 'unknown';

export interface Turn {
  /** Stable id within the transcript (`t1`, `t2`, ...): what note sentences cite as evidence. */
  id: string;
  role: SpeakerRole;
  /** Raw speaker label as it appeared (`doctor`, `Dr. Smith`, `SPEAKER_01`). */
  speaker?: string;
  text: string;
  /** Seconds from the start of the recording, when known. */
  start?: number;
  end?: number;
}

export interface Transcript {
  turns: Turn[];
}

/** Limits that keep a single draft bounded (a 4-hour recording is ~40k words). */
export const TRANSCRIPT_LIMITS = { maxTurns: 5000, maxChars: 400_000 } as const;

const ROLE_WORDS: [SpeakerRole, RegExp][] = [
  ['doctor', /^(doctor|dr\.?|physician|clinician|provider|nurse practitioner|np|pa|md|attending|resident)\b/i],
  ['patient', /^(patient|pt|client)\b/i],
  [
    'other',
    /^(nurse|rn|mother|father|mom|dad|wife|husband|son|daughter|partner|caregiver|family|interpreter|guest|parent|spouse|friend|sister|brother)\b/i,
  ],
];

/** Map a free-form speaker label to a role; unrecognised labels are `unknown`. */
export function roleOf(label: string | undefined): SpeakerRole {
  if (!label) return 'unknown';
  const l = label.trim().replace(/_/g, ' ');
  for (const [role, re] of ROLE_WORDS) if (re.test(l)) return role;
  return 'unknown';
}

/** Assign ids `t1..tn` in order. */
export function numberTurns(turns: Omit<Turn, 'id'>[]): Turn[] {
  return turns.map((t, i) => ({ id: `t${i + 1}`, ...t }));
}

/** Plain `[role] text` rendering (ACI-Bench style). */
export function formatTranscript(t: Transcript): string {
  return t.turns.map((x) => `[${x.role === 'unknown' ? (x.speaker ?? 'unknown') : x.role}] ${x.text}`).join('\n');
}
