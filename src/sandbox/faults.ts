/**
 * Token bucket for --rate-limit: `ratePerSecond` tokens refill continuously, the bucket holds at most
 * `ratePerSecond` (min 1), so a burst of that size passes and the excess is refused.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new Error(`rateLimit must be a positive number, got ${ratePerSecond}`);
    this.capacity = Math.max(1, ratePerSecond);
    this.tokens = this.capacity;
    this.last = this.now();
  }

  /** Takes a token; `undefined` on success, otherwise the whole seconds until one is available (>= 1). */
  take(): number | undefined {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.ratePerSecond));
  }
}

/** --fail-rate: true when this request should be answered 503 instead of being handled. */
export function shouldFail(failRate: number, random: () => number): boolean {
  return failRate > 0 && random() < failRate;
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
