/** Admin: users, API keys, the audit log with filters and chain verification, model cards. */
import { useState, type FormEvent } from 'react';
import { op, request } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { formatDateTime } from '../lib/fhir-view';
import { Empty, ErrorBanner, Loading } from '../components/status';
import { linearScale, niceTicks } from '../lib/scale';

type Tab = 'users' | 'keys' | 'audit' | 'models';
const ROLES = ['clinician', 'reviewer', 'admin', 'service'] as const;

export function Admin() {
  const [tab, setTab] = useState<Tab>('users');
  return (
    <section>
      <h1>Admin</h1>
      <div role="tablist" aria-label="Admin sections" className="tabs">
        {(['users', 'keys', 'audit', 'models'] as const).map((t) => (
          <button key={t} role="tab" type="button" aria-selected={tab === t} onClick={() => setTab(t)}>
            {{ users: 'Users', keys: 'API keys', audit: 'Audit log', models: 'Model cards' }[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'users' && <Users />}
        {tab === 'keys' && <Keys />}
        {tab === 'audit' && <Audit />}
        {tab === 'models' && <ModelCards />}
      </div>
    </section>
  );
}

interface UserInfo {
  username: string;
  role: string;
  createdAt: string;
  disabledAt?: string;
}

function Users() {
  const users = useAsync((signal) => request<UserInfo[]>('/auth/users', { signal }), []);
  const [form, setForm] = useState({ username: '', password: '', role: 'clinician' });
  const [error, setError] = useState<Error>();
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await request('/auth/users', { method: 'POST', body: form });
      setForm({ username: '', password: '', role: 'clinician' });
      users.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const disable = async (username: string) => {
    try {
      await request(`/auth/users/${encodeURIComponent(username)}/disable`, { method: 'POST', body: {} });
      users.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <>
      <ErrorBanner error={users.error} onRetry={users.reload} />
      {users.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">State</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.username}>
                <td>{u.username}</td>
                <td>{u.role}</td>
                <td>{formatDateTime(u.createdAt)}</td>
                <td>{u.disabledAt ? 'disabled' : 'active'}</td>
                <td>
                  {!u.disabledAt && (
                    <button type="button" onClick={() => disable(u.username)}>
                      Disable
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={create} className="inline-form" aria-label="New user">
        <label>
          Username <input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
        </label>
        <label>
          Password{' '}
          <input
            type="password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
          />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          Create user
        </button>
      </form>
      <ErrorBanner error={error} />
    </>
  );
}

interface KeyInfo {
  id: string;
  name: string;
  role: string;
  patientId?: string;
  createdAt: string;
  revokedAt?: string;
}

function Keys() {
  const keys = useAsync((signal) => op<KeyInfo[]>('apikeys.list', {}, signal), []);
  const [form, setForm] = useState({ name: '', role: 'service', patientId: '' });
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<Error>();
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const r = await op<{ key: string }>('apikeys.create', {
        name: form.name,
        role: form.role,
        ...(form.patientId ? { patientId: form.patientId } : {}),
      });
      setSecret(r.key);
      keys.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const revoke = async (id: string) => {
    try {
      await op('apikeys.revoke', { id });
      keys.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <>
      <ErrorBanner error={keys.error} onRetry={keys.reload} />
      {keys.data && keys.data.length === 0 && <Empty>No API keys.</Empty>}
      {keys.data && keys.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Patient</th>
              <th scope="col">Created</th>
              <th scope="col">State</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>{k.role}</td>
                <td>{k.patientId ?? 'all'}</td>
                <td>{formatDateTime(k.createdAt)}</td>
                <td>{k.revokedAt ? 'revoked' : 'active'}</td>
                <td>
                  {!k.revokedAt && (
                    <button type="button" onClick={() => revoke(k.id)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={create} className="inline-form" aria-label="New API key">
        <label>
          Name <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Patient (optional) <input value={form.patientId} onChange={(e) => setForm({ ...form, patientId: e.target.value })} />
        </label>
        <button type="submit" className="primary">
          Create key
        </button>
      </form>
      {secret && (
        <p className="banner info" role="status">
          New key (shown once): <code>{secret}</code>
        </p>
      )}
      <ErrorBanner error={error} />
    </>
  );
}

interface AuditEventLike {
  id?: string;
  recorded?: string;
  subtype?: { code?: string; display?: string }[];
  action?: string;
  outcome?: string;
  agent?: { who?: { identifier?: { value?: string }; display?: string; reference?: string } }[];
  entity?: { what?: { reference?: string; display?: string } }[];
}

function Audit() {
  const [filter, setFilter] = useState({ actorId: '', patientId: '', subtype: '' });
  const [applied, setApplied] = useState(filter);
  const events = useAsync(
    (signal) =>
      op<AuditEventLike[]>(
        'audit.list',
        {
          limit: 200,
          ...(applied.actorId ? { actorId: applied.actorId } : {}),
          ...(applied.patientId ? { patientId: applied.patientId } : {}),
          ...(applied.subtype ? { subtype: applied.subtype } : {}),
        },
        signal,
      ),
    [applied],
  );
  const [verify, setVerify] = useState<{ ok: boolean; rows: number; message: string; firstBadSeq?: number }>();
  const [error, setError] = useState<Error>();
  const runVerify = async () => {
    setError(undefined);
    try {
      setVerify(await op('audit.verify', {}));
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <>
      <form
        className="inline-form"
        aria-label="Audit filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filter);
        }}
      >
        <label>
          Actor <input value={filter.actorId} onChange={(e) => setFilter({ ...filter, actorId: e.target.value })} />
        </label>
        <label>
          Patient <input value={filter.patientId} onChange={(e) => setFilter({ ...filter, patientId: e.target.value })} />
        </label>
        <label>
          Action
          <input
            value={filter.subtype}
            onChange={(e) => setFilter({ ...filter, subtype: e.target.value })}
            placeholder="read, search, operation, login…"
          />
        </label>
        <button type="submit">Filter</button>
        <button type="button" className="primary" onClick={runVerify}>
          Verify chain
        </button>
      </form>
      {verify && (
        <p className={`banner ${verify.ok ? 'ok' : 'error'}`} role="status">
          {verify.ok ? '✓ ' : '✗ '}
          {verify.message} ({verify.rows} rows{verify.firstBadSeq !== undefined ? `, first bad row ${verify.firstBadSeq}` : ''})
        </p>
      )}
      <ErrorBanner error={error ?? events.error} />
      {events.loading && !events.data && <Loading what="audit events" />}
      {events.data && events.data.length === 0 && <Empty>No audit events match.</Empty>}
      {events.data && events.data.length > 0 && (
        <table className="audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">What</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {events.data.map((e, i) => {
              const who = e.agent?.[0]?.who;
              return (
                <tr key={e.id ?? i}>
                  <td>{formatDateTime(e.recorded)}</td>
                  <td>{who?.identifier?.value ?? who?.display ?? who?.reference ?? ''}</td>
                  <td>{e.subtype?.map((s) => s.code ?? s.display).join(', ') ?? e.action}</td>
                  <td>
                    {e.entity
                      ?.map((x) => x.what?.reference ?? x.what?.display)
                      .filter(Boolean)
                      .join(', ')}
                  </td>
                  <td>{e.outcome === '0' ? 'success' : e.outcome ? `failure (${e.outcome})` : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

interface ModelCard {
  name?: string;
  version?: string;
  description?: string;
  intendedUse?: string;
  metrics?: Record<string, number | string>;
  roc?: { fpr: number; tpr: number }[] | { fpr: number[]; tpr: number[] };
  calibration?: { predicted: number; observed: number; n?: number }[];
  subgroups?: { name?: string; group?: string; n?: number; auroc?: number; [k: string]: unknown }[];
  limitations?: string[] | string;
}

function rocPoints(roc: ModelCard['roc']): { x: number; y: number }[] {
  if (!roc) return [];
  if (Array.isArray(roc)) return roc.map((p) => ({ x: p.fpr, y: p.tpr }));
  return roc.fpr.map((x, i) => ({ x, y: roc.tpr[i] ?? 0 }));
}

function ModelCards() {
  const card = useAsync((signal) => op<ModelCard | ModelCard[]>('cds.model-card', {}, signal), []);
  if (card.error) return <ErrorBanner error={card.error} onRetry={card.reload} />;
  if (!card.data) return <Loading what="model cards" />;
  const cards = Array.isArray(card.data) ? card.data : [card.data];
  return (
    <>
      {cards.map((c, i) => (
        <article key={c.name ?? i} className="panel">
          <h2>
            {c.name ?? 'Model'} {c.version && <span className="muted small">{c.version}</span>}
          </h2>
          {c.description && <p>{c.description}</p>}
          {c.intendedUse && (
            <p>
              <strong>Intended use:</strong> {c.intendedUse}
            </p>
          )}
          {c.metrics && (
            <dl className="metrics">
              {Object.entries(c.metrics).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{typeof v === 'number' ? v.toFixed(3) : v}</dd>
                </div>
              ))}
            </dl>
          )}
          <div className="plots">
            <UnitPlot
              title="ROC curve"
              xLabel="False-positive rate"
              yLabel="True-positive rate"
              points={rocPoints(c.roc)}
              diagonal
            />
            <UnitPlot
              title="Calibration"
              xLabel="Predicted risk"
              yLabel="Observed rate"
              points={(c.calibration ?? []).map((b) => ({ x: b.predicted, y: b.observed }))}
              diagonal
              dots
            />
          </div>
          {c.subgroups && c.subgroups.length > 0 && (
            <table>
              <caption>Subgroups</caption>
              <thead>
                <tr>
                  {Object.keys(c.subgroups[0] ?? {}).map((k) => (
                    <th key={k} scope="col">
                      {k}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {c.subgroups.map((s, j) => (
                  <tr key={j}>
                    {Object.keys(c.subgroups?.[0] ?? {}).map((k) => (
                      <td key={k}>
                        {typeof s[k] === 'number'
                          ? Number(s[k])
                              .toFixed(3)
                              .replace(/\.000$/, '')
                          : String(s[k] ?? '')}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {c.limitations && (
            <p className="small">Limitations: {Array.isArray(c.limitations) ? c.limitations.join(' ') : c.limitations}</p>
          )}
        </article>
      ))}
    </>
  );
}

function UnitPlot({
  title,
  xLabel,
  yLabel,
  points,
  diagonal,
  dots,
}: {
  title: string;
  xLabel: string;
  yLabel: string;
  points: { x: number; y: number }[];
  diagonal?: boolean;
  dots?: boolean;
}) {
  const S = 220;
  const M = 34;
  const x = linearScale([0, 1], [M, S - 8]);
  const y = linearScale([0, 1], [S - M, 8]);
  const sorted = [...points].sort((a, b) => a.x - b.x);
  return (
    <figure className="plot unit">
      <figcaption>{title}</figcaption>
      {points.length === 0 ? (
        <p className="muted small">No data.</p>
      ) : (
        <svg viewBox={`0 0 ${S} ${S}`} role="img" aria-label={`${title}: ${points.length} points`}>
          {niceTicks(0, 1, 4).map((t) => (
            <g key={t}>
              <text x={M - 4} y={y(t) + 3} textAnchor="end" className="tick">
                {t}
              </text>
              <text x={x(t)} y={S - M + 12} textAnchor="middle" className="tick">
                {t}
              </text>
            </g>
          ))}
          <rect x={M} y={8} width={S - M - 8} height={S - M - 8} className="frame" />
          {diagonal && <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="threshold" />}
          <path d={sorted.map((p, i) => `${i ? 'L' : 'M'}${x(p.x)},${y(p.y)}`).join('')} className="series" />
          {dots && sorted.map((p, i) => <circle key={i} cx={x(p.x)} cy={y(p.y)} r={3} className="dot" />)}
          <text x={(M + S) / 2} y={S - 4} textAnchor="middle" className="tick">
            {xLabel}
          </text>
          <text x={10} y={S / 2} textAnchor="middle" className="tick" transform={`rotate(-90 10 ${S / 2})`}>
            {yLabel}
          </text>
        </svg>
      )}
    </figure>
  );
}
