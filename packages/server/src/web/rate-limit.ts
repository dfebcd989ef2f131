/**
 * Sign-in throttling with exponential back-off, never lock-out (NIST SP 800-63B §5.2.2).
 * Two independent counters per attempt:
 * - per account (the username as typed, lowercased, whether or not it exists, so the answers never
 *   tell which names are real): after `account.free` failures each further failure makes the
 *   next attempt wait 1 s, 2 s, 4 s ... up to `maxDelayMs`; a success resets it;
 * - per client address (IPv6 by /64, since one host holds a whole /64): the same with a higher
 *   `address.free`, so spraying many usernames from one address is slowed, while a handful of
 *   typos behind a shared proxy stays unnoticed.
 * Failures leak away (one per `decayMs` of quiet), so a counter forgets on its own. While a wait
 * runs, attempts are answered 429 without checking the password and without counting, so an
 * attacker cannot extend anyone's wait, and the right password works as soon as it is over.
 * Each attempt is charged before the password is checked (refunded on success), so parallel
 * requests cannot slip past the counters. In memory and bounded (`maxEntries` per counter); a
 * restart forgets the counts, which is acceptable for this threat model.
 * @see https://pages.nist.gov/800-63-3/sp800-63b.html#throttle
 */
export interface BackoffOptions {
  /** Failures allowed before any wait. */
  free: number;
  /** One failure is forgotten per this much time without failures. */
  decayMs: number;
}

export interface LoginLimiterOptions {
  /** Per account; default 5 free failures, one forgotten per 15 min. */
  account?: Partial<BackoffOptions>;
  /** Per client address; default 20 free failures, one forgotten per 5 min. */
  address?: Partial<BackoffOptions>;
  /** The first wait; doubled per further failure. Default 1 s. */
  baseDelayMs?: number;
  /** The longest wait. Default 15 min. */
  maxDelayMs?: number;
  /** Most entries kept per counter. Default 10,000. */
  maxEntries?: number;
  /** The clock (tests). Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  /** Failures counted, as of `at`. */
  score: number;
  /** Time of the last failure. */
  at: number;
}

/** One back-off counter keyed by a string. */
class BackoffCounter {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly opts: BackoffOptions,
    private readonly delay: (excess: number) => number,
    private readonly maxEntries: number,
  ) {}

  private decayed(e: Entry, now: number): number {
    return Math.max(0, e.score - Math.max(0, now - e.at) / this.opts.decayMs);
  }

  /** Milliseconds until the next attempt is allowed (0: now). */
  wait(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    // Rounded: a failure's own count is whole; what leaked since the last one is a fraction.
    const excess = Math.round(e.score) - this.opts.free;
    return excess > 0 ? Math.max(0, e.at + this.delay(excess) - now) : 0;
  }

  charge(key: string, now: number): void {
    const e = this.entries.get(key);
    const score = (e ? this.decayed(e, now) : 0) + 1;
    this.entries.delete(key); // re-insert: the map's order is least recently failed first
    this.entries.set(key, { score, at: now });
    if (this.entries.size > this.maxEntries) this.prune(now);
  }

  refund(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    if (e.score <= 1) this.entries.delete(key);
    else e.score -= 1;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drop what has leaked away; if still full, the least recently failed. */
  private prune(now: number): void {
    for (const [k, e] of this.entries) if (this.decayed(e, now) === 0 && this.wait(k, now) === 0) this.entries.delete(k);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** The key of a client address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 prefix. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export interface LoginAttempt {
  /** The username as typed. */
  username: string;
  /** The client address (`request.ip`). */
  ip: string;
}

export class LoginLimiter {
  private readonly account: BackoffCounter;
  private readonly address: BackoffCounter;
  private readonly now: () => number;

  constructor(opts: LoginLimiterOptions = {}) {
    const base = opts.baseDelayMs ?? 1000;
    const max = opts.maxDelayMs ?? 15 * 60_000;
    const delay = (excess: number) => Math.min(max, base * 2 ** Math.min(excess - 1, 40));
    const maxEntries = opts.maxEntries ?? 10_000;
    this.account = new BackoffCounter({ free: 5, decayMs: 15 * 60_000, ...opts.account }, delay, maxEntries);
    this.address = new BackoffCounter({ free: 20, decayMs: 5 * 60_000, ...opts.address }, delay, maxEntries);
    this.now = opts.now ?? Date.now;
  }

  private keys(a: LoginAttempt): [string, string] {
    return [a.username.toLowerCase().slice(0, 128), addressKey(a.ip)];
  }

  /** Milliseconds until this attempt may be made (0: now). Does not count anything. */
  retryAfter(a: LoginAttempt): number {
    const [user, addr] = this.keys(a);
    const now = this.now();
    return Math.max(this.account.wait(user, now), this.address.wait(addr, now));
  }

  /**
   * Start an attempt: returns the wait in milliseconds when it must not be made now (nothing is
   * counted then); otherwise 0, and the attempt is counted as a failure until `succeeded`.
   */
  begin(a: LoginAttempt): number {
    const wait = this.retryAfter(a);
    if (wait > 0) return wait;
    const [user, addr] = this.keys(a);
    const now = this.now();
    this.account.charge(user, now);
    this.address.charge(addr, now);
    return 0;
  }

  /** The attempt begun with `begin` succeeded: the account starts afresh, the address is refunded. */
  succeeded(a: LoginAttempt): void {
    const [user, addr] = this.keys(a);
    this.account.reset(user);
    this.address.refund(addr);
  }

  /** Entries held (tests, metrics). */
  get size(): { accounts: number; addresses: number } {
    return { accounts: this.account.size, addresses: this.address.size };
  }
}
