/**
 * Autosave for unsigned work (scribe drafts, transcripts): written to localStorage on every edit so
 * a reload, an expired session or a server outage loses nothing. Keyed per user and context.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'galen.draft.';

export interface SavedDraft<T> {
  savedAt: string;
  value: T;
}

export function draftKey(user: string, context: string): string {
  return `${PREFIX}${user}.${context}`;
}

export function saveDraft<T>(storage: KeyValueStorage, key: string, value: T, now = new Date()): boolean {
  try {
    storage.setItem(key, JSON.stringify({ savedAt: now.toISOString(), value } satisfies SavedDraft<T>));
    return true;
  } catch {
    return false; // quota exceeded or storage disabled: the caller shows "not saved locally"
  }
}

export function loadDraft<T>(storage: KeyValueStorage, key: string): SavedDraft<T> | undefined {
  try {
    const raw = storage.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as SavedDraft<T>;
    return parsed && typeof parsed.savedAt === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function clearDraft(storage: KeyValueStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {}
}
