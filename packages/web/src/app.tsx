/** The shell: sign-in gate, navigation, routes, and a clear message when the API is unreachable. */
import { useCallback, useEffect, useState } from 'react';
import { auth, onUnauthorized, ApiError, type Me } from './lib/api';
import { matchPath, navigate, usePath } from './lib/router';
import { SignIn } from './screens/sign-in';
import { Worklist } from './screens/worklist';
import { Chart } from './screens/chart';
import { Alerts } from './screens/alerts';
import { Scribe } from './screens/scribe';
import { Review } from './screens/review';
import { Admin } from './screens/admin';
import { ErrorBanner, Loading } from './components/status';

const NAV = [
  { path: '/', label: 'Worklist' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/scribe', label: 'Scribe' },
  { path: '/review', label: 'Review' },
  { path: '/admin', label: 'Admin', admin: true },
];

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [reason, setReason] = useState<string>();
  const [bootError, setBootError] = useState<Error>();
  const path = usePath();

  const check = useCallback(() => {
    setBootError(undefined);
    auth.me().then(
      (m) => setMe(m),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) {
          setMe(null);
          if (!/not signed in/i.test(err.message)) setReason(err.message);
        } else setBootError(err as Error);
      },
    );
  }, []);

  useEffect(check, [check]);
  useEffect(
    () =>
      onUnauthorized((err) => {
        setReason(err.message);
        setMe(null);
      }),
    [],
  );

  if (bootError)
    return (
      <main className="centered">
        <h1>Galen</h1>
        <ErrorBanner error={bootError} onRetry={check} />
      </main>
    );
  if (me === undefined) return <Loading what="Galen" />;
  if (me === null)
    return (
      <SignIn
        reason={reason}
        onSignedIn={(m) => {
          setReason(undefined);
          setMe(m);
        }}
      />
    );

  const signOut = async () => {
    await auth.logout().catch(() => undefined);
    setReason(undefined);
    setMe(null);
  };

  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand" aria-label="Galen">
          Galen
        </span>
        <nav aria-label="Main">
          {NAV.filter((n) => !n.admin || me.role === 'admin').map((n) => {
            const current = n.path === '/' ? path === '/' || path.startsWith('/patients') : path.startsWith(n.path);
            return (
              <a
                key={n.path}
                href={n.path}
                aria-current={current ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(n.path);
                }}
              >
                {n.label}
              </a>
            );
          })}
        </nav>
        <span className="user">
          {me.username} <span className="muted">({me.role})</span>{' '}
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Route path={path} me={me} />
      </main>
    </div>
  );
}

function Route({ path, me }: { path: string; me: Me }) {
  let m: Record<string, string> | undefined;
  if (path === '/' || path === '/worklist') return <Worklist />;
  if ((m = matchPath('/patients/:id', path))) return <Chart patientId={m.id as string} />;
  if (path === '/alerts') return <Alerts />;
  if (path === '/scribe') return <Scribe user={me.username} />;
  if ((m = matchPath('/scribe/:patientId', path))) return <Scribe user={me.username} patientId={m.patientId} />;
  if (path === '/review') return <Review />;
  if (path === '/admin') return <Admin />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page at <code>{path}</code>.{' '}
        <a href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
          Back to the worklist
        </a>
      </p>
    </section>
  );
}
