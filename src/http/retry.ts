/**
 * When to retry, as a pure function (unit-tested by table). undici's RetryAgent was considered, but gw
 * needs per-method rules (a POST/PATCH 429 is retried only with Retry-After, never a 5xx: the write may
 * have been applied), full jitter, and a report of every retry on stderr, which its options do not give.
 */
export type Outcome =
  | { kind: "status"; status: number; retryAfter?: string | undefined }
  | { kind: "network" }
  | { kind: "timeout" };

export interface RetryPolicy {
  retries: number;
  baseMs: number;
  capMs: number;
  maxRetryAfterMs: number;
}

export const DEFAULT_POLICY: Omit<RetryPolicy, "retries"> = { baseMs: 250, capMs: 20_000, maxRetryAfterMs: 60_000 };

const IDEMPOTENT = new Set(["GET", "PUT", "DELETE", "HEAD", "OPTIONS"]);
const RETRY_STATUS = new Set([429, 502, 503, 504]);

/** Milliseconds to wait before the next attempt, or null to stop. `attempt` counts from 1 (the first try). */
export function retryDelay(
  method: string,
  outcome: Outcome,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  now: () => number = Date.now,
): number | null {
  if (attempt > policy.retries) return null;
  const idempotent = IDEMPOTENT.has(method.toUpperCase());
  const retryAfterMs = outcome.kind === "status" ? parseRetryAfter(outcome.retryAfter, now) : undefined;

  if (outcome.kind === "status") {
    if (!RETRY_STATUS.has(outcome.status)) return null;
    if (!idempotent && !(outcome.status === 429 && retryAfterMs !== undefined)) return null;
  } else if (!idempotent) {
    return null;
  }
  if (retryAfterMs !== undefined) return retryAfterMs > policy.maxRetryAfterMs ? null : retryAfterMs;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling); // full jitter
}

/** Retry-After: delta-seconds or an HTTP date. Unparseable -> undefined. */
export function parseRetryAfter(value: string | undefined, now: () => number = Date.now): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now());
}
