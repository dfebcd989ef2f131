/**
 * A text builder that records, as it writes, the span of every clinical concept mention and every
 * PHI mention, so the ground truth cannot drift from the text. Spans are JavaScript string offsets
 * (UTF-16 code units) into the plain text; the generator writes ASCII only, so they are also byte
 * offsets of the UTF-8 attachment.
 */

export type MentionKind = 'problem' | 'medication' | 'lab' | 'vital' | 'allergen';

/** Context of a mention (the assertion attributes of i2b2 2010 / ConText). */
export interface MentionContext {
  negated: boolean;
  historical: boolean;
  hypothetical: boolean;
  /** The mention is about a family member, not the patient. */
  family: boolean;
}

export interface Concept {
  kind: MentionKind;
  system: string;
  code: string;
  display: string;
}

export interface Mention extends Concept, MentionContext {
  start: number;
  end: number;
  text: string;
  /** Numeric value stated with a lab or vital mention. */
  value?: number;
}

/** PHI categories (after the i2b2 2014 de-identification guidelines). */
export type PhiType = 'PATIENT' | 'DOCTOR' | 'HOSPITAL' | 'STREET' | 'CITY' | 'STATE' | 'ZIP' | 'DATE' | 'AGE' | 'PHONE' | 'MRN';

export interface PhiSpan {
  start: number;
  end: number;
  text: string;
  type: PhiType;
}

const NO_CONTEXT: MentionContext = { negated: false, historical: false, hypothetical: false, family: false };

export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly mentions: Mention[] = [];
  readonly phi: PhiSpan[] = [];

  constructor(private readonly upper = false) {}

  get position(): number {
    return this.length;
  }

  /** Plain text. */
  t(s: string): this {
    const v = this.upper ? s.toUpperCase() : s;
    this.parts.push(v);
    this.length += v.length;
    return this;
  }

  /** A concept mention. */
  m(surface: string, concept: Concept, context: Partial<MentionContext> = NO_CONTEXT, value?: number): this {
    const start = this.length;
    this.t(surface);
    const text = this.upper ? surface.toUpperCase() : surface;
    const mention: Mention = {
      ...concept,
      ...NO_CONTEXT,
      ...context,
      start,
      end: start + text.length,
      text,
    };
    if (value !== undefined) mention.value = value;
    this.mentions.push(mention);
    return this;
  }

  /** A PHI mention. */
  p(surface: string, type: PhiType): this {
    const start = this.length;
    this.t(surface);
    this.phi.push({ start, end: this.length, text: this.upper ? surface.toUpperCase() : surface, type });
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}
