// Limits that keep one bad client from costing the others: wrong join codes slow their address
// down, and a connection that floods messages is cut off. Both take the clock as an argument, so
// they are tested without waiting.

export interface WrongCodePolicy {
  /** Wrong codes an address may send before it has to wait. */
  free: number;
  /** The first wait; each further wrong code doubles it. */
  baseMs: number;
  maxMs: number;
  /** An address with no wrong code for this long starts afresh. */
  forgetMs: number;
}

export const DEFAULT_WRONG_CODES: WrongCodePolicy = {free: 5, baseMs: 1000, maxMs: 30_000, forgetMs: 60_000};

/** At most this many addresses are remembered; the oldest are forgotten first. */
const MAX_ADDRESSES = 10_000;

export class WrongCodeLimiter {
  private readonly byAddress = new Map<string, {failures: number; last: number; until: number}>();

  constructor(private readonly policy: WrongCodePolicy = DEFAULT_WRONG_CODES) {}

  /** 0 when `address` may try a code now, else how many ms it must wait. */
  waitMs(address: string, now: number): number {
    const entry = this.byAddress.get(address);
    if (!entry) return 0;
    if (now - entry.last > this.policy.forgetMs) {
      this.byAddress.delete(address);
      return 0;
    }
    return Math.max(0, entry.until - now);
  }

  /** Records a wrong code from `address`. */
  fail(address: string, now: number): void {
    const old = this.byAddress.get(address);
    const failures = old && now - old.last <= this.policy.forgetMs ? old.failures + 1 : 1;
    const over = failures - this.policy.free;
    const wait = over <= 0 ? 0 : Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** Math.min(over - 1, 30));
    this.byAddress.delete(address);
    this.byAddress.set(address, {failures, last: now, until: now + wait});
    if (this.byAddress.size > MAX_ADDRESSES) this.byAddress.delete(this.byAddress.keys().next().value!);
  }
}

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class MessageBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one message's token; false when the sender is over its budget. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
