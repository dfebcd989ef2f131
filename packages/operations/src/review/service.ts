/**
 * The review queue's I/O: every preliminary AI output awaiting a human — draft notes
 * (`DocumentReference.docStatus = preliminary`), extracted problems
 * (`Condition.verificationStatus = unconfirmed`) and open alerts (`DetectedIssue.status =
 * preliminary`) — read through the caller's repository, and the decision on each (accept / edit /
 * reject) written back with a Provenance. For text outputs the word-level edit distance between the
 * draft and the signed text is stored per engine in `galen_review_decision`, the area's own
 * table (`migration.ts`), so `review.quality` can show how much clinicians change each engine's
 * drafts.
 * @see https://hl7.org/fhir/R4/documentreference-definitions.html#DocumentReference.docStatus
 * @see https://hl7.org/fhir/R4/valueset-condition-ver-status.html
 */
import { randomUUID } from 'node:crypto';
import type { Condition, DetectedIssue, DocumentReference, Provenance, Resource } from '@galen/fhir';
import { badRequest, unprocessable } from '@galen/fhir';
import type { SqlClient } from '@galen/store';
import { now } from '../clock';
import type { OperationContext } from '../registry';
import { searchAll, searchSafe } from '../repo-helpers';
import { documentText, engineOf, type ReviewItem, type ReviewKind } from './items';
import { summarizeQuality, tokenizeWords, wordEditDistance, type EngineQuality } from './quality';

type Ctx = Pick<OperationContext, 'actor' | 'repo' | 'services'>;

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

async function engineFromProvenance(ctx: Ctx, reference: string): Promise<string | undefined> {
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

/** The queue, newest first: draft notes, unconfirmed conditions and open alerts, of one patient or all. */
export async function listReviewItems(
  ctx: Ctx,
  input: { patientId?: string | undefined; kinds?: ReviewKind[] | undefined; limit: number },
): Promise<ReviewItem[]> {
  const kinds = new Set(input.kinds ?? ['draft-note', 'extracted-condition', 'alert']);
  const scope = input.patientId ? [{ name: 'patient', value: `Patient/${input.patientId}` }] : [];
  const count = [{ name: '_count', value: String(input.limit) }];
  const items: ReviewItem[] = [];
  if (kinds.has('draft-note')) {
    // docStatus is not a search parameter of every store: read the recent notes and filter here.
    const docs = await searchAll<DocumentReference>(ctx.repo, 'DocumentReference', scope, { cap: 5000, stopOnError: true });
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
    const conds = await searchSafe<Condition>(ctx.repo, 'Condition', [
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
    const issues = await searchSafe<DetectedIssue>(ctx.repo, 'DetectedIssue', [
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
}

/** Accept, edit or reject one output: the resource updated, a verifier's Provenance, the decision recorded. */
export async function decideReviewItem(
  ctx: Ctx,
  input: { reference: string; decision: 'accept' | 'edit' | 'reject'; text?: string | undefined; reason?: string | undefined },
) {
  const [type, id] = input.reference.split('/') as [string, string];
  const resource = await ctx.repo.read<Resource>(type, id);
  const recorded = now(ctx.services).toISOString();
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
    recorded,
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
}

/** Per-engine figures over every recorded decision. */
export async function reviewQualityFigures(ctx: Pick<OperationContext, 'services'>): Promise<EngineQuality[]> {
  const sql = ctx.services.store.sql;
  const { rows } = await sql.query<{
    engine: string;
    decision: string;
    draft_words: number | null;
    edit_distance: number | null;
  }>('SELECT engine, decision, draft_words, edit_distance FROM galen_review_decision');
  return summarizeQuality(rows);
}
