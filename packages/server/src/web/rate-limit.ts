/**
 * Failed-login limiter, keyed by username + client address: after `max` failures within `windowMs`
 * further attempts are refused until the window passes. In memory: one process holds the sessions'
 * front door; a restart forgets the counts, which is acceptable for this threat model.
 */
export interface LoginLimiterOptions {
  max: number;
  windowMs: number;
}

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly opts: LoginLimiterOptions = { max: 5, windowMs: 15 * 60_000 }) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Milliseconds until another attempt is allowed, or 0 when allowed now. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.opts.max) return 0;
    const oldest = list[list.length - this.opts.max] ?? now;
    return Math.max(1, oldest + this.opts.windowMs - now);
  }

  fail(key: string, now = Date.now()): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.set(key, list);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
