// Limits that keep one bad client from costing the others: wrong join codes spend a guess budget
// shared by the whole class, and a connection that floods messages is cut off. Both take the clock as an argument, so
// they are tested without waiting.

/**
 * Join-code guesses, counted for the whole class rather than per address (class-security.md
 * "Limits"): a bucket of `burst` guesses refilled at `perSecond`; a wrong code spends one, the
 * right code gets its guess back. Counting per address turned away the right code from a classroom
 * behind one NAT, and let many addresses guess in parallel; one global budget does neither.
 */
export interface GuessPolicy {
  burst: number;
  perSecond: number;
}

export const DEFAULT_GUESSES: GuessPolicy = {burst: 30, perSecond: 1};

export class GuessBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly policy: GuessPolicy,
    now: number,
  ) {
    this.tokens = policy.burst;
    this.last = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.policy.burst, this.tokens + ((now - this.last) / 1000) * this.policy.perSecond);
    this.last = now;
  }

  /** 0 when a guess may be checked now, else how many ms until one may. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.policy.perSecond) * 1000);
  }

  /** A guess is spent when it is made (v2: before any curve math). */
  spend(now: number): void {
    this.refill(now);
    this.tokens = Math.max(0, this.tokens - 1);
  }

  /** The right code gets its guess back. */
  refund(): void {
    this.tokens = Math.min(this.policy.burst, this.tokens + 1);
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
