/**
 * The review queue: every preliminary AI output awaiting a human — draft notes
 * (`DocumentReference.docStatus = preliminary`), extracted problems
 * (`Condition.verificationStatus = unconfirmed`) and open alerts (`DetectedIssue.status =
 * preliminary`) — and the decision on each (accept / edit / reject). For text outputs the word-level
 * edit distance between the draft and the signed text is stored per engine, so `review.quality`
 * can show how much clinicians change each engine's drafts.
 * @see https://hl7.org/fhir/R4/documentreference-definitions.html#DocumentReference.docStatus
 * @see https://hl7.org/fhir/R4/valueset-condition-ver-status.html
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Condition, DetectedIssue, DocumentReference, Provenance, Resource } from '@galen/fhir';
import { badRequest, unprocessable } from '@galen/fhir';
import type { SqlClient } from '@galen/store';
import { defineOperation, type Operation, type OperationContext } from './registry';
import { worklistList } from './worklist';

/** Word-level Levenshtein distance (insertions, deletions, substitutions of whitespace-separated words). */
export function wordEditDistance(a: string, b: string): number {
  const x = tokenizeWords(a);
  const y = tokenizeWords(b);
  if (!x.length) return y.length;
  if (!y.length) return x.length;
  let prev = new Array<number>(y.length + 1);
  let cur = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const sub = (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length] as number;
}

export function tokenizeWords(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/** Edit distance divided by the draft's length in words (0 = signed unchanged). */
export function normalizedEditDistance(draft: string, final: string): number {
  const n = Math.max(tokenizeWords(draft).length, 1);
  return wordEditDistance(draft, final) / n;
}

export type ReviewKind = 'draft-note' | 'extracted-condition' | 'alert';

export interface ReviewItem {
  kind: ReviewKind;
  /** `Type/id`. */
  reference: string;
  patientId?: string;
  title: string;
  /** Engine that produced it, when known. */
  engine?: string;
  created?: string;
  /** The draft text for notes. */
  text?: string;
}

export interface EngineQuality {
  engine: string;
  decisions: number;
  accepted: number;
  edited: number;
  rejected: number;
  /** Mean word edit distance / draft words over accepted + edited notes. */
  meanNormalizedEditDistance: number | null;
  meanEditDistance: number | null;
}

const ready = new WeakMap<SqlClient, Promise<void>>();
function ensureReviewTable(sql: SqlClient): Promise<void> {
  let p = ready.get(sql);
  if (!p) {
    p = sql
      .query(
        `CREATE TABLE IF NOT EXISTS galen_review_decision (
          id TEXT PRIMARY KEY,
          reference TEXT NOT NULL,
          kind TEXT NOT NULL,
          engine TEXT NOT NULL,
          decision TEXT NOT NULL,
          actor_id TEXT NOT NULL,
          draft_words INTEGER,
          edit_distance INTEGER,
          decided_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )`,
      )
      .then(() => undefined);
    p.catch(() => ready.delete(sql));
    ready.set(sql, p);
  }
  return p;
}

/**
 * Record a decision on an AI output (also for callers outside the queue, e.g. `scribe.sign`, so
 * edit distances are kept wherever a draft is signed).
 */
export async function recordReviewDecision(
  sql: SqlClient,
  d: {
    reference: string;
    kind: ReviewKind;
    engine: string;
    decision: 'accept' | 'edit' | 'reject';
    actorId: string;
    draft?: string;
    final?: string;
  },
): Promise<{ editDistance?: number; draftWords?: number }> {
  await ensureReviewTable(sql);
  const hasText = d.draft !== undefined && d.final !== undefined && d.decision !== 'reject';
  const editDistance = hasText ? wordEditDistance(d.draft as string, d.final as string) : undefined;
  const draftWords = d.draft !== undefined ? tokenizeWords(d.draft).length : undefined;
  await sql.query(
    `INSERT INTO galen_review_decision (id, reference, kind, engine, decision, actor_id, draft_words, edit_distance)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [randomUUID(), d.reference, d.kind, d.engine, d.decision, d.actorId, draftWords ?? null, editDistance ?? null],
  );
  return { editDistance, draftWords };
}

/** The plain text of a DocumentReference's first text attachment. */
export function documentText(doc: DocumentReference): string {
  for (const c of doc.content ?? []) {
    const a = c.attachment;
    if (a?.data && (!a.contentType || a.contentType.startsWith('text/'))) return Buffer.from(a.data, 'base64').toString('utf8');
  }
  return '';
}

const ENGINE_EXT = 'https://galen.dev/fhir/StructureDefinition/engine';

/** The engine named on a resource: a Galen engine extension, else the first author/asserter display. */
export function engineOf(r: Resource): string | undefined {
  // Galen's engine extension, or any capability's own `.../engine` extension (the scribe's, CDS's).
  const ext = (r as { extension?: { url: string; valueString?: string }[] }).extension?.find(
    (e) => e.url === ENGINE_EXT || /[/-]engine$/.test(e.url),
  );
  if (ext?.valueString) return ext.valueString;
  if (r.resourceType === 'DocumentReference') return r.author?.find((a) => a.display)?.display;
  if (r.resourceType === 'Condition') return r.asserter?.display;
  if (r.resourceType === 'DetectedIssue') return r.author?.display;
  return undefined;
}

async function engineFromProvenance(ctx: OperationContext, reference: string): Promise<string | undefined> {
  try {
    const res = await ctx.repo.search<Provenance>({ resourceType: 'Provenance', params: [{ name: 'target', value: reference }] });
    for (const p of res.resources) {
      const who =
        p.agent?.find((a) => a.type?.coding?.some((c) => c.code === 'assembler' || c.code === 'author'))?.who ??
        p.agent?.[0]?.who;
      if (who?.display) return who.display;
      if (who?.reference?.startsWith('Device/')) return who.reference;
    }
  } catch {
    // The store may not index Provenance.target; fall back to the resource's own fields.
  }
  return undefined;
}

const patientOfRef = (ref: string | undefined) => (ref?.startsWith('Patient/') ? ref.slice(8) : undefined);

async function searchSafe<T extends Resource>(
  ctx: OperationContext,
  resourceType: string,
  params: { name: string; value: string }[],
) {
  try {
    return (await ctx.repo.search<T>({ resourceType, params })).resources;
  } catch {
    return [];
  }
}

export const reviewList = defineOperation({
  name: 'review.list',
  description: 'Every preliminary AI output awaiting a human: draft notes, unconfirmed conditions, open alerts',
  input: z.object({
    patientId: z.string().max(64).optional(),
    kinds: z.array(z.enum(['draft-note', 'extracted-condition', 'alert'])).optional(),
    limit: z.number().int().min(1).max(500).default(200),
  }),
  roles: ['admin', 'clinician', 'reviewer'],
  handler: async (input, ctx): Promise<ReviewItem[]> => {
    const kinds = new Set(input.kinds ?? ['draft-note', 'extracted-condition', 'alert']);
    const scope = input.patientId ? [{ name: 'patient', value: `Patient/${input.patientId}` }] : [];
    const count = [{ name: '_count', value: String(input.limit) }];
    const items: ReviewItem[] = [];
    if (kinds.has('draft-note')) {
      // docStatus is not a search parameter of every store: read the recent notes and filter here.
      const docs = await searchAll<DocumentReference>(ctx, 'DocumentReference', scope, 5000);
      for (const d of docs.filter((x) => x.docStatus === 'preliminary'))
        items.push({
          kind: 'draft-note',
          reference: `DocumentReference/${d.id}`,
          patientId: patientOfRef(d.subject?.reference),
          title: d.description ?? d.type?.text ?? d.type?.coding?.[0]?.display ?? 'Draft note',
          engine: engineOf(d),
          created: d.date ?? d.meta?.lastUpdated,
          text: documentText(d),
        });
    }
    if (kinds.has('extracted-condition')) {
      const conds = await searchSafe<Condition>(ctx, 'Condition', [
        { name: 'verification-status', value: 'unconfirmed' },
        ...scope,
        ...count,
      ]);
      for (const c of conds.filter((x) => x.verificationStatus?.coding?.some((k) => k.code === 'unconfirmed')))
        items.push({
          kind: 'extracted-condition',
          reference: `Condition/${c.id}`,
          patientId: patientOfRef(c.subject?.reference),
          title: c.code?.text ?? c.code?.coding?.[0]?.display ?? c.code?.coding?.[0]?.code ?? 'Condition',
          engine: engineOf(c),
          created: c.recordedDate ?? c.meta?.lastUpdated,
        });
    }
    if (kinds.has('alert')) {
      const issues = await searchSafe<DetectedIssue>(ctx, 'DetectedIssue', [
        { name: 'status', value: 'preliminary' },
        ...scope,
        ...count,
      ]);
      for (const i of issues.filter((x) => x.status === 'preliminary'))
        items.push({
          kind: 'alert',
          reference: `DetectedIssue/${i.id}`,
          patientId: patientOfRef(i.patient?.reference),
          title: i.detail ?? i.code?.text ?? i.code?.coding?.[0]?.display ?? 'Alert',
          engine: engineOf(i),
          created: i.identifiedDateTime ?? i.meta?.lastUpdated,
        });
    }
    items.sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''));
    return items.slice(0, input.limit);
  },
});

export const reviewDecide = defineOperation({
  name: 'review.decide',
  description: 'Accept, edit or reject a preliminary AI output; stores the edit distance of signed text per engine',
  input: z.object({
    reference: z
      .string()
      .regex(
        /^(DocumentReference|Condition|DetectedIssue)\/[A-Za-z0-9\-.]{1,64}$/,
        'must be DocumentReference/, Condition/ or DetectedIssue/<id>',
      ),
    decision: z.enum(['accept', 'edit', 'reject']),
    /** The edited note text (decision `edit` on a draft note). */
    text: z.string().max(1_000_000).optional(),
    reason: z.string().max(2000).optional(),
  }),
  roles: ['admin', 'clinician', 'reviewer'],
  ownTables: ['galen_review_decision'],
  handler: async (input, ctx) => {
    const [type, id] = input.reference.split('/') as [string, string];
    const resource = await ctx.repo.read<Resource>(type, id);
    const now = new Date().toISOString();
    const engine = engineOf(resource) ?? (await engineFromProvenance(ctx, input.reference)) ?? 'unknown';
    let updated: Resource;
    let kind: ReviewKind;
    let draft: string | undefined;
    let final: string | undefined;
    if (resource.resourceType === 'DocumentReference') {
      kind = 'draft-note';
      if (resource.docStatus !== 'preliminary')
        throw unprocessable(`${input.reference} is not a preliminary draft (docStatus ${resource.docStatus ?? 'unset'})`);
      draft = documentText(resource);
      if (input.decision === 'edit') {
        if (input.text === undefined) throw badRequest('Send the edited text with decision "edit"', 'text');
        final = input.text;
      } else final = draft;
      const content = (resource.content ?? []).map((c, i) =>
        i === 0 && input.decision === 'edit'
          ? {
              ...c,
              attachment: {
                ...c.attachment,
                contentType: 'text/plain',
                data: Buffer.from(final as string, 'utf8').toString('base64'),
              },
            }
          : c,
      );
      updated =
        input.decision === 'reject'
          ? { ...resource, status: 'entered-in-error', docStatus: 'preliminary' }
          : { ...resource, docStatus: 'final', content: content.length ? content : resource.content };
    } else if (resource.resourceType === 'Condition') {
      kind = 'extracted-condition';
      const code = input.decision === 'reject' ? 'refuted' : 'confirmed';
      updated = {
        ...resource,
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code }] },
        ...(input.decision === 'edit' && input.text ? { code: { ...resource.code, text: input.text } } : {}),
      };
    } else if (resource.resourceType === 'DetectedIssue') {
      kind = 'alert';
      updated = { ...resource, status: input.decision === 'reject' ? 'entered-in-error' : 'final' };
    } else throw badRequest(`Cannot review a ${resource.resourceType}`);

    const saved = await ctx.repo.update(updated);
    const provenance: Provenance = {
      resourceType: 'Provenance',
      target: [{ reference: `${type}/${id}/_history/${saved.meta?.versionId ?? '1'}` }],
      recorded: now,
      activity: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation',
            code: input.decision === 'reject' ? 'NULLIFY' : 'UPDATE',
            display: `review ${input.decision}`,
          },
        ],
      },
      agent: [
        {
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'verifier' }] },
          who: { display: ctx.actor.id },
        },
      ],
      ...(input.reason ? { reason: [{ text: input.reason }] } : {}),
    };
    await ctx.repo.create(provenance);
    const figures = await recordReviewDecision(ctx.services.store.sql, {
      reference: input.reference,
      kind,
      engine,
      decision: input.decision,
      actorId: ctx.actor.id,
      draft,
      final: input.decision === 'reject' ? undefined : final,
    });
    return { reference: input.reference, decision: input.decision, engine, resource: saved, ...figures };
  },
});

export const reviewQuality = defineOperation({
  name: 'review.quality',
  description: 'Per engine: decisions, accept/edit/reject counts and the mean edit distance between draft and signed text',
  input: z.object({}),
  roles: ['admin', 'clinician', 'reviewer'],
  // Figures over every patient's reviewed outputs.
  scope: 'all-patients',
  handler: async (_input, ctx): Promise<EngineQuality[]> => {
    const sql = ctx.services.store.sql;
    await ensureReviewTable(sql);
    const { rows } = await sql.query<{
      engine: string;
      decision: string;
      draft_words: number | null;
      edit_distance: number | null;
    }>('SELECT engine, decision, draft_words, edit_distance FROM galen_review_decision');
    return summarizeQuality(rows);
  },
});

/** Aggregate decision rows into per-engine figures. */
export function summarizeQuality(
  rows: { engine: string; decision: string; draft_words: number | null; edit_distance: number | null }[],
): EngineQuality[] {
  const by = new Map<string, { q: EngineQuality; sumN: number; sumD: number; n: number }>();
  for (const r of rows) {
    let e = by.get(r.engine);
    if (!e) {
      e = {
        q: {
          engine: r.engine,
          decisions: 0,
          accepted: 0,
          edited: 0,
          rejected: 0,
          meanNormalizedEditDistance: null,
          meanEditDistance: null,
        },
        sumN: 0,
        sumD: 0,
        n: 0,
      };
      by.set(r.engine, e);
    }
    e.q.decisions++;
    if (r.decision === 'accept') e.q.accepted++;
    else if (r.decision === 'edit') e.q.edited++;
    else if (r.decision === 'reject') e.q.rejected++;
    if (r.edit_distance !== null && r.edit_distance !== undefined) {
      const d = Number(r.edit_distance);
      e.sumD += d;
      e.sumN += d / Math.max(Number(r.draft_words ?? 0), 1);
      e.n++;
    }
  }
  return [...by.values()]
    .map(({ q, sumN, sumD, n }) => ({
      ...q,
      meanNormalizedEditDistance: n ? sumN / n : null,
      meanEditDistance: n ? sumD / n : null,
    }))
    .sort((a, b) => a.engine.localeCompare(b.engine));
}

async function searchAll<T extends Resource>(
  ctx: OperationContext,
  resourceType: string,
  params: { name: string; value: string }[],
  cap: number,
) {
  const out: T[] = [];
  let offset = 0;
  for (;;) {
    let res;
    try {
      res = await ctx.repo.search<T>({
        resourceType,
        params: [...params, { name: '_count', value: '1000' }, { name: '_offset', value: String(offset) }],
      });
    } catch {
      break;
    }
    out.push(...res.resources);
    if (res.nextOffset === undefined || res.nextOffset <= offset || out.length >= cap || !res.resources.length) break;
    offset = res.nextOffset;
  }
  return out;
}

export {
  buildWorklist,
  readWorklist,
  refreshStaleWorklist,
  refreshWorklistRow,
  refreshWorklistRows,
  riskValue,
  summarizePatient,
  toWorklistRow,
  worklistList,
  type WorklistRow,
  type WorklistSummary,
} from './worklist';

export const reviewOperations: Operation[] = [reviewList, reviewDecide, reviewQuality, worklistList] as Operation[];
