/**
 * The scribe workspace: paste a transcript or upload audio → a draft note by section. Hovering a
 * sentence highlights the transcript turns it rests on; unsupported sentences are flagged; edit;
 * sign. After-visit summary and letter tabs; ICD-10-CM suggestions to accept or reject; the facts
 * the engine read (reported, denied, past, family, ...) with their turns. Work in
 * progress autosaves to this browser so nothing is lost when the session or the server drops.
 */
import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { FHIR, op, request } from '../lib/api';
import { navigate } from '../lib/router';
import { clearDraft, draftKey, loadDraft, saveDraft } from '../lib/draft-store';
import {
  ASSERTION_LABEL,
  evidenceSet,
  normalizeScribe,
  sectionsToText,
  type DraftSection,
  type ScribeView,
} from '../lib/scribe-view';
import { ErrorBanner, Loading } from '../components/status';

interface Saved {
  transcript: string;
  patientId: string;
  view?: ScribeView;
  decisions: Record<string, 'accept' | 'reject'>;
}

const MAX_AUDIO_BYTES = 50 * 1024 * 1024;

export function Scribe({ user, patientId: initialPatient }: { user: string; patientId?: string }) {
  const key = draftKey(user, `scribe.${initialPatient ?? 'none'}`);
  const restored = useMemo(() => loadDraft<Saved>(window.localStorage, key), [key]);
  const [transcript, setTranscript] = useState(restored?.value.transcript ?? '');
  const [patientId, setPatientId] = useState(restored?.value.patientId ?? initialPatient ?? '');
  const [view, setView] = useState<ScribeView | undefined>(restored?.value.view);
  const [decisions, setDecisions] = useState<Record<string, 'accept' | 'reject'>>(restored?.value.decisions ?? {});
  const [tab, setTab] = useState<'note' | 'facts' | 'avs' | 'letter' | 'codes'>('note');
  const [hover, setHover] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<Error>();
  const [signed, setSigned] = useState<{ id?: string }>();
  const [savedAt, setSavedAt] = useState<string | undefined>(restored?.savedAt);

  useEffect(() => {
    if (signed) return;
    const t = setTimeout(() => {
      if (saveDraft(window.localStorage, key, { transcript, patientId, view, decisions })) setSavedAt(new Date().toISOString());
    }, 400);
    return () => clearTimeout(t);
  }, [key, transcript, patientId, view, decisions, signed]);

  const draft = async (input: Record<string, unknown>) => {
    setBusy('Drafting the note…');
    setError(undefined);
    setSigned(undefined);
    try {
      const pid = patientId.trim();
      const raw = await op<unknown>('scribe.draft', { ...input, store: true, ...(pid ? { patientId: pid } : {}) });
      const v = normalizeScribe(raw);
      setView(v);
      setDecisions({});
      setEditing(false);
      setTab('note');
      // Summary, letter and codes come from their own operations; a missing one does not block the note.
      const turns = v.turns.map((t) => ({
        id: t.id,
        role: t.role ?? 'unknown',
        ...(t.speaker ? { speaker: t.speaker } : {}),
        text: t.text,
      }));
      const [avs, letter, codes] = await Promise.allSettled([
        op<{ text?: string }>('scribe.summary', { turns }),
        op<{ text?: string }>('scribe.letter', { turns, date: new Date().toISOString().slice(0, 10) }),
        op<{ suggestions?: unknown[] }>('scribe.codes', { turns }),
      ]);
      const extra = normalizeScribe({
        afterVisitSummary: avs.status === 'fulfilled' ? avs.value : undefined,
        letter: letter.status === 'fulfilled' ? letter.value : undefined,
        codes: codes.status === 'fulfilled' ? codes.value.suggestions : [],
      });
      setView({ ...v, afterVisitSummary: extra.afterVisitSummary, letter: extra.letter, codes: extra.codes });
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(undefined);
    }
  };

  const onAudio = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_AUDIO_BYTES) {
      setError(new Error(`The recording is ${Math.round(file.size / 1e6)} MB; the limit is ${MAX_AUDIO_BYTES / 1e6} MB.`));
      return;
    }
    setBusy('Transcribing the recording…');
    setError(undefined);
    try {
      const buf = new Uint8Array(await file.arrayBuffer());
      let bin = '';
      for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      const res = await op<{ turns?: { id?: string; role?: string; speaker?: string; text: string }[] }>('scribe.transcribe', {
        audio: btoa(bin),
        mimeType: file.type || 'audio/wav',
      });
      const turns = res.turns ?? [];
      setTranscript(turns.map((t) => `[${t.speaker ?? t.role ?? 'speaker'}] ${t.text}`).join('\n'));
      setBusy(undefined);
      await draft({ turns });
    } catch (err) {
      setError(err as Error);
      setBusy(undefined);
    }
  };

  const sign = async () => {
    if (!view) return;
    if (!view.documentReferenceId) {
      setError(new Error('This draft was not stored on the server, so it cannot be signed. Draft it again.'));
      return;
    }
    setBusy('Signing…');
    setError(undefined);
    try {
      const res = await op<{ documentReference?: { id?: string } }>('scribe.sign', {
        documentReferenceId: view.documentReferenceId,
        signedText: sectionsToText(view.sections),
      });
      const pid = patientId.trim();
      // Accepted ICD-10-CM suggestions become confirmed problems on the patient's list.
      const accepted = view.codes.filter((c) => decisions[c.code] === 'accept');
      if (pid)
        for (const c of accepted)
          await request(`${FHIR}/Condition`, {
            method: 'POST',
            body: {
              resourceType: 'Condition',
              subject: { reference: `Patient/${pid}` },
              clinicalStatus: {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
              },
              verificationStatus: {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
              },
              code: {
                coding: [{ system: c.system ?? 'http://hl7.org/fhir/sid/icd-10-cm', code: c.code, display: c.display }],
                text: c.display,
              },
            },
          });
      setSigned({ id: res?.documentReference?.id ?? view.documentReferenceId });
      clearDraft(window.localStorage, key);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(undefined);
    }
  };

  const discard = () => {
    setView(undefined);
    setTranscript('');
    setDecisions({});
    setSigned(undefined);
    clearDraft(window.localStorage, key);
  };

  const flaggedCount = view?.sections.reduce((n, s) => n + s.sentences.filter((x) => x.flagged).length, 0) ?? 0;

  return (
    <section className="scribe">
      <div className="toolbar">
        <h1>Scribe</h1>
        <label>
          Patient id
          <input value={patientId} onChange={(e) => setPatientId(e.target.value)} placeholder="optional" />
        </label>
        <span className="muted small" role="status">
          {savedAt ? `Autosaved in this browser ${savedAt.slice(11, 19)} UTC` : ''}
        </span>
      </div>
      <ErrorBanner error={error} />
      {busy && <Loading what={busy.replace(/…$/, '').toLowerCase()} />}
      <div className="scribe-grid">
        <div className="panel">
          <h2>Transcript</h2>
          {view && view.turns.length > 0 ? (
            <ol className="turns" aria-label="Transcript turns">
              {view.turns.map((t) => (
                <li key={t.id} id={`turn-${t.id}`} className={hover.has(t.id) ? 'turn evidence' : 'turn'}>
                  <span className="speaker">{t.speaker ?? t.role ?? ''}</span> <span className="muted small">{t.id}</span>{' '}
                  {t.text}
                </li>
              ))}
            </ol>
          ) : (
            <>
              <label className="block">
                Paste a transcript (one turn per line, e.g. <code>[doctor] how are you?</code>)
                <textarea rows={18} value={transcript} onChange={(e) => setTranscript(e.target.value)} name="transcript" />
              </label>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={!transcript.trim() || !!busy}
                  onClick={() => draft({ transcript })}
                >
                  Draft note
                </button>
                <label className="file">
                  or upload audio <input type="file" accept="audio/*" onChange={onAudio} disabled={!!busy} />
                </label>
              </div>
            </>
          )}
          {view && (
            <div className="actions">
              <button type="button" onClick={() => setView(undefined)}>
                Back to transcript
              </button>
              <button type="button" onClick={discard}>
                Discard draft
              </button>
            </div>
          )}
        </div>
        {view && (
          <div className="panel">
            <div role="tablist" aria-label="Draft outputs" className="tabs">
              {(
                [
                  ['note', 'Note'],
                  ['facts', `Facts (${(view.facts ?? []).length})`],
                  ['avs', 'After-visit summary'],
                  ['letter', 'Letter'],
                  ['codes', `ICD-10-CM (${view.codes.length})`],
                ] as const
              ).map(([id, label]) => (
                <button
                  key={id}
                  role="tab"
                  type="button"
                  aria-selected={tab === id}
                  aria-controls={`tab-${id}`}
                  id={`tabbtn-${id}`}
                  onClick={() => setTab(id)}
                >
                  {label}
                </button>
              ))}
            </div>
            {signed ? (
              <div className="banner ok" role="status">
                Signed.{' '}
                {patientId.trim() && (
                  <a
                    href={`/patients/${encodeURIComponent(patientId.trim())}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/patients/${encodeURIComponent(patientId.trim())}`);
                    }}
                  >
                    Open the chart
                  </a>
                )}
              </div>
            ) : null}
            <div role="tabpanel" id={`tab-${tab}`} aria-labelledby={`tabbtn-${tab}`}>
              {tab === 'note' && (
                <>
                  <p className="small muted">
                    {view.engine ? `Engine: ${view.engine}. ` : ''}
                    {flaggedCount > 0
                      ? `${flaggedCount} sentence(s) are not supported by the transcript and are flagged; they are left out when signing.`
                      : 'Every sentence cites transcript turns.'}{' '}
                    Hover or focus a sentence to see its evidence.
                  </p>
                  {view.warnings.map((w) => (
                    <p key={w} className="banner info">
                      {w}
                    </p>
                  ))}
                  {editing ? (
                    <SectionEditor
                      sections={view.sections}
                      onSave={(sections) => (setView({ ...view, sections }), setEditing(false))}
                    />
                  ) : (
                    <div className="draft" onMouseLeave={() => setHover(new Set())}>
                      {view.sections
                        .filter((s) => s.sentences.length)
                        .map((s) => (
                          <section key={s.code + s.title}>
                            <h3>{s.title}</h3>
                            <p>
                              {s.sentences.map((x, i) => (
                                <span
                                  key={i}
                                  tabIndex={0}
                                  className={x.flagged ? 'sentence flagged' : 'sentence'}
                                  title={x.flagged ? `Unsupported: ${x.flagged.reason}` : `Evidence: ${x.evidence.join(', ')}`}
                                  onMouseEnter={() => setHover(evidenceSet(x))}
                                  onFocus={() => {
                                    setHover(evidenceSet(x));
                                    document.getElementById(`turn-${x.evidence[0]}`)?.scrollIntoView({ block: 'nearest' });
                                  }}
                                >
                                  {x.flagged && <span className="sr-only">Unsupported sentence: </span>}
                                  {x.text}{' '}
                                </span>
                              ))}
                            </p>
                          </section>
                        ))}
                    </div>
                  )}
                  {!signed && (
                    <div className="actions">
                      {!editing && (
                        <button type="button" onClick={() => setEditing(true)}>
                          Edit
                        </button>
                      )}
                      <button type="button" className="primary" onClick={sign} disabled={!!busy || editing}>
                        Sign note
                      </button>
                    </div>
                  )}
                </>
              )}
              {tab === 'facts' && (
                <table className="facts" onMouseLeave={() => setHover(new Set())}>
                  <caption className="small muted">
                    What the engine read from the conversation. Hover a row to see its turns.
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Said</th>
                      <th scope="col">Concept</th>
                      <th scope="col">Status</th>
                      <th scope="col">Turns</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(view.facts ?? []).length === 0 && (
                      <tr>
                        <td colSpan={4} className="muted">
                          No facts were read.
                        </td>
                      </tr>
                    )}
                    {(view.facts ?? []).map((f, i) => (
                      <tr
                        key={i}
                        tabIndex={0}
                        className={`fact ${f.assertion}`}
                        onMouseEnter={() => setHover(new Set(f.evidence))}
                        onFocus={() => setHover(new Set(f.evidence))}
                      >
                        <td>{f.text}</td>
                        <td>
                          {f.display}
                          {f.code && <span className="muted small"> {f.code}</span>}
                        </td>
                        <td>
                          <span
                            className={`badge ${f.assertion === 'present' ? 'ok' : f.assertion === 'absent' ? 'flag' : 'muted-badge'}`}
                          >
                            {ASSERTION_LABEL[f.assertion] ?? f.assertion}
                          </span>
                        </td>
                        <td className="small muted">{f.evidence.join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {tab === 'avs' && <pre className="prose">{view.afterVisitSummary ?? 'No after-visit summary was produced.'}</pre>}
              {tab === 'letter' && <pre className="prose">{view.letter ?? 'No letter was produced.'}</pre>}
              {tab === 'codes' && (
                <ul className="codes">
                  {view.codes.length === 0 && <li className="muted">No code suggestions.</li>}
                  {view.codes.map((c) => (
                    <li key={c.code}>
                      <strong>{c.code}</strong> {c.display}{' '}
                      {c.evidence.length > 0 && <span className="muted small">({c.evidence.join(', ')})</span>}{' '}
                      <span className="actions inline">
                        <button
                          type="button"
                          aria-pressed={decisions[c.code] === 'accept'}
                          onClick={() => setDecisions({ ...decisions, [c.code]: 'accept' })}
                        >
                          Accept
                        </button>
                        <button
                          type="button"
                          aria-pressed={decisions[c.code] === 'reject'}
                          onClick={() => setDecisions({ ...decisions, [c.code]: 'reject' })}
                        >
                          Reject
                        </button>
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}

/** Edit each section as lines (one sentence per line); unchanged lines keep their evidence. */
function SectionEditor({ sections, onSave }: { sections: DraftSection[]; onSave: (s: DraftSection[]) => void }) {
  const [texts, setTexts] = useState(() => sections.map((s) => s.sentences.map((x) => x.text).join('\n')));
  const save = () =>
    onSave(
      sections.map((s, i) => {
        const lines = (texts[i] ?? '')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        return {
          ...s,
          sentences: lines.map((text) => s.sentences.find((x) => x.text === text) ?? { text, evidence: [] }),
        };
      }),
    );
  return (
    <div className="editor">
      {sections.map((s, i) => (
        <label key={s.code + s.title} className="block">
          {s.title}
          <textarea
            rows={Math.max(2, Math.min(12, (texts[i] ?? '').split('\n').length + 1))}
            value={texts[i] ?? ''}
            onChange={(e) => setTexts(texts.map((t, j) => (j === i ? e.target.value : t)))}
            data-section={s.code}
          />
        </label>
      ))}
      <button type="button" className="primary" onClick={save}>
        Done editing
      </button>
    </div>
  );
}
