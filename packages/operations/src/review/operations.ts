/**
 * Operations of the review area: the queue of preliminary AI outputs (`review.list`), the decision
 * on each (`review.decide`) and how much clinicians change each engine's drafts (`review.quality`).
 */
import { z } from 'zod';
import { defineOperation, type Operation } from '../registry';
import { referenceTo } from '../schemas';
import { worklistList } from '../worklist/operations';
import type { ReviewItem } from './items';
import type { EngineQuality } from './quality';
import { decideReviewItem, listReviewItems, reviewQualityFigures } from './service';

export const reviewList = defineOperation({
  name: 'review.list',
  description: 'Every preliminary AI output awaiting a human: draft notes, unconfirmed conditions, open alerts',
  input: z.object({
    patientId: z.string().max(64).optional(),
    kinds: z.array(z.enum(['draft-note', 'extracted-condition', 'alert'])).optional(),
    limit: z.number().int().min(1).max(500).default(200),
  }),
  roles: ['admin', 'clinician', 'reviewer'],
  handler: async (input, ctx): Promise<ReviewItem[]> => listReviewItems(ctx, input),
});

export const reviewDecide = defineOperation({
  name: 'review.decide',
  description: 'Accept, edit or reject a preliminary AI output; stores the edit distance of signed text per engine',
  input: z.object({
    reference: referenceTo('DocumentReference', 'Condition', 'DetectedIssue'),
    decision: z.enum(['accept', 'edit', 'reject']),
    /** The edited note text (decision `edit` on a draft note). */
    text: z.string().max(1_000_000).optional(),
    reason: z.string().max(2000).optional(),
  }),
  roles: ['admin', 'clinician', 'reviewer'],
  ownTables: ['galen_review_decision'],
  handler: async (input, ctx) => decideReviewItem(ctx, input),
});

export const reviewQuality = defineOperation({
  name: 'review.quality',
  description: 'Per engine: decisions, accept/edit/reject counts and the mean edit distance between draft and signed text',
  input: z.object({}),
  roles: ['admin', 'clinician', 'reviewer'],
  // Figures over every patient's reviewed outputs.
  scope: 'all-patients',
  handler: async (_input, ctx): Promise<EngineQuality[]> => reviewQualityFigures(ctx),
});

/** The clinician's review surfaces: the queue, decisions, quality figures and the worklist. */
export const reviewOperations: Operation[] = [reviewList, reviewDecide, reviewQuality, worklistList] as Operation[];
