/**
 * The review area's own table: one row per decision on an AI output, with the word-level edit
 * distance between draft and signed text, per engine (`review.quality` reads it). Before it was a
 * migration, `service.ts` created it lazily; `IF NOT EXISTS` keeps those databases working.
 */
import type { Migration } from '@galen/store';

/** The review area's migrations, for the composition root's `openStore({ migrations })`. */
export const reviewMigrations: readonly Migration[] = [
  {
    id: 120,
    name: 'review-decision',
    up: `
CREATE TABLE IF NOT EXISTS galen_review_decision (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL,
  kind TEXT NOT NULL,
  engine TEXT NOT NULL,
  decision TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  draft_words INTEGER,
  edit_distance INTEGER,
  decided_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
`,
  },
];
