/** The worklist: every patient with latest NEWS2, sepsis risk and trend, open alerts and location. */
import { useMemo, useState } from 'react';
import { op } from '../lib/api';
import { navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { news2Band, queryWorklist, type SortKey, type WorklistRow } from '../lib/worklist';
import { VirtualList } from '../components/virtual-list';
import { Empty, ErrorBanner, Loading } from '../components/status';

const TREND = { up: '↑ rising', down: '↓ falling', flat: '→ stable' } as const;

export function Worklist() {
  const { data, error, loading, reload } = useAsync((signal) => op<WorklistRow[]>('worklist.list', {}, signal), []);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('news2');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const [onlyAlerts, setOnlyAlerts] = useState(false);
  const [minNews2, setMinNews2] = useState<number | undefined>(undefined);
  const rows = useMemo(
    () => queryWorklist(data ?? [], { search, sort, dir, onlyAlerts, minNews2 }),
    [data, search, sort, dir, onlyAlerts, minNews2],
  );

  return (
    <section className="worklist">
      <div className="toolbar">
        <h1>Worklist</h1>
        <label>
          Search
          <input type="search" placeholder="Name, id or ward" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          Sort by
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="news2">NEWS2</option>
            <option value="sepsisRisk">Sepsis risk</option>
            <option value="openAlerts">Open alerts</option>
            <option value="name">Name</option>
            <option value="location">Location</option>
          </select>
        </label>
        <button
          type="button"
          onClick={() => setDir(dir === 'asc' ? 'desc' : 'asc')}
          aria-label={`Sort ${dir === 'asc' ? 'descending' : 'ascending'}`}
        >
          {dir === 'asc' ? '↑ asc' : '↓ desc'}
        </button>
        <label>
          NEWS2 at least
          <select
            value={minNews2 ?? ''}
            onChange={(e) => setMinNews2(e.target.value === '' ? undefined : Number(e.target.value))}
          >
            <option value="">any</option>
            <option value="3">3</option>
            <option value="5">5 (medium)</option>
            <option value="7">7 (high)</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={onlyAlerts} onChange={(e) => setOnlyAlerts(e.target.checked)} /> Open alerts only
        </label>
        <span className="muted" role="status" aria-live="polite">
          {data ? `${rows.length} of ${data.length} patients` : ''}
        </span>
      </div>
      <ErrorBanner error={error} onRetry={reload} />
      {loading && !data && <Loading what="patients" />}
      {data && data.length === 0 && (
        <Empty>No patients yet. Load demo data with `galen demo` or send FHIR resources to /fhir/R4.</Empty>
      )}
      {data && data.length > 0 && (
        <>
          <div className="wl-row wl-head" aria-hidden="true">
            <span>Patient</span>
            <span>Location</span>
            <span>NEWS2</span>
            <span>Sepsis risk</span>
            <span>Alerts</span>
          </div>
          <VirtualList
            items={rows}
            rowHeight={44}
            height="calc(100vh - 190px)"
            label="Patients"
            getKey={(r) => r.patientId}
            onActivate={(r) => navigate(`/patients/${encodeURIComponent(r.patientId)}`)}
            renderRow={(r) => (
              <div className="wl-row" data-patient={r.patientId}>
                <span className="name">
                  <a
                    href={`/patients/${encodeURIComponent(r.patientId)}`}
                    tabIndex={-1}
                    onClick={(e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      navigate(`/patients/${encodeURIComponent(r.patientId)}`);
                    }}
                  >
                    {r.name}
                  </a>
                  <span className="muted small">
                    {' '}
                    {r.gender ?? ''} {r.birthDate ?? ''}
                  </span>
                </span>
                <span>{r.location ?? '—'}</span>
                <span>
                  {r.news2 === undefined ? (
                    <span className="muted">—</span>
                  ) : (
                    <span className={`badge news-${news2Band(r.news2)}`} title={`NEWS2 ${r.news2} (${news2Band(r.news2)} risk)`}>
                      {r.news2}
                    </span>
                  )}
                </span>
                <span>
                  {r.sepsisRisk === undefined ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      {(r.sepsisRisk <= 1 ? r.sepsisRisk * 100 : r.sepsisRisk).toFixed(0)}%{' '}
                      {r.sepsisTrend && <span className={`trend ${r.sepsisTrend}`}>{TREND[r.sepsisTrend]}</span>}
                    </>
                  )}
                </span>
                <span>
                  {r.openAlerts > 0 ? <span className="badge alert">{r.openAlerts}</span> : <span className="muted">0</span>}
                </span>
              </div>
            )}
          />
        </>
      )}
    </section>
  );
}
