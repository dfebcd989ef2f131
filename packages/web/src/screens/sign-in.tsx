import { useState, type FormEvent } from 'react';
import { auth, type Me } from '../lib/api';
import { ErrorBanner } from '../components/status';

export function SignIn({ reason, onSignedIn }: { reason?: string; onSignedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await auth.login(username, password));
    } catch (err) {
      setError(err as Error);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="centered signin">
      <h1>Galen</h1>
      <p className="muted">Clinical AI that drafts and flags — the clinician decides.</p>
      {reason && !error && (
        <p className="banner info" role="status">
          {reason}
        </p>
      )}
      <form onSubmit={submit} aria-label="Sign in">
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <ErrorBanner error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
