import { DAY, durationSeconds, MINUTE } from "../../domain/limits.js";
import type { RateLimitWindows, RateWindow } from "../../domain/virtual-key.js";
import { UsageError } from "../../errors.js";
import { isRecord } from "../wire-check.js";
import type { WireRateLimitWrite } from "./wire.js";

/**
 * gw's --rpm/--tpm/--rpd on Bifrost's rate limit, which holds ONE request limit and ONE token limit, each
 * with its own reset window (research §2.6): rpm = requests per 1m, rpd = requests per 1d, tpm = tokens per 1m.
 */
const WINDOW_OF = { rpm: "1m", rpd: "1d", tpm: "1m" } as const;

const isWindow = (w: RateWindow | null, seconds: number): boolean => w !== null && durationSeconds(w.window) === seconds;

/** A RateLimit body as windows; a limit without a window (or the reverse) is no limit. null when there is none. */
export function windowsFromWire(value: unknown): RateLimitWindows | null {
  if (!isRecord(value)) return null;
  const requests = windowOf(value.request_max_limit, value.request_reset_duration, value.request_current_usage);
  const tokens = windowOf(value.token_max_limit, value.token_reset_duration, value.token_current_usage);
  return requests || tokens ? { requests, tokens } : null;
}

function windowOf(limit: unknown, window: unknown, used: unknown): RateWindow | null {
  if (typeof limit !== "number" || typeof window !== "string" || window === "") return null;
  return { limit, window, used: typeof used === "number" ? used : null };
}

/** The per-minute / per-day view gw's records share across backends; other windows stay in `rateLimit`. */
export function standardLimits(w: RateLimitWindows | null): { rpm: number | null; tpm: number | null; rpd: number | null } {
  const requests = w?.requests ?? null;
  const tokens = w?.tokens ?? null;
  return {
    rpm: isWindow(requests, MINUTE) ? requests!.limit : null,
    tpm: isWindow(tokens, MINUTE) ? tokens!.limit : null,
    rpd: isWindow(requests, DAY) ? requests!.limit : null,
  };
}

/** What the user asked of the limits: a number sets, null unsets, absent leaves alone. */
export interface LimitChange {
  rpm?: number | null;
  tpm?: number | null;
  rpd?: number | null;
}

export function limitChangeOf(p: LimitChange): LimitChange | null {
  const change: LimitChange = {};
  for (const dim of ["rpm", "tpm", "rpd"] as const) if (p[dim] !== undefined) change[dim] = p[dim];
  return Object.keys(change).length ? change : null;
}

/** Refused before anything is read or sent: the request limit has one window, so it is rpm or rpd, not both. */
export function refuseImpossibleLimits(change: LimitChange | null): void {
  if (typeof change?.rpm === "number" && typeof change.rpd === "number") {
    throw new UsageError(
      "Bifrost holds one request limit per provider, with one reset window: --rpm (per minute) and --rpd (per day) " +
        "cannot both be set; pick one",
    );
  }
}

export interface RateLimitPlan {
  /** The full rate limit to PUT ({} removes it): governance replaces the stored limit with what is sent. */
  body: WireRateLimitWrite;
  changed: boolean;
  /** Said on stderr: a set that replaces a limit of another window. */
  notes: string[];
}

export function planRateLimit(current: RateLimitWindows | null, change: LimitChange, owner: string): RateLimitPlan {
  const notes: string[] = [];
  let requests = current?.requests ?? null;
  let tokens = current?.tokens ?? null;

  const set = (slot: RateWindow | null, dim: "rpm" | "rpd" | "tpm", dropped: boolean): RateWindow => {
    const window = WINDOW_OF[dim];
    const seconds = durationSeconds(window)!;
    if (slot && !isWindow(slot, seconds) && !dropped) {
      const kind = dim === "tpm" ? "token" : "request";
      notes.push(
        `${owner}: --${dim} replaces the ${kind} limit of ${slot.limit} per ${slot.window}: Bifrost keeps one ${kind} ` +
          "limit per provider, with one reset window",
      );
    }
    return { limit: change[dim] as number, window, used: slot && isWindow(slot, seconds) ? slot.used : null };
  };

  if (typeof change.rpm === "number") requests = set(requests, "rpm", change.rpd === null);
  else if (typeof change.rpd === "number") requests = set(requests, "rpd", change.rpm === null);
  if (change.rpm === null && typeof change.rpd !== "number") requests = unset(requests, "rpm", owner);
  if (change.rpd === null && typeof change.rpm !== "number") requests = unset(requests, "rpd", owner);
  if (typeof change.tpm === "number") tokens = set(tokens, "tpm", false);
  if (change.tpm === null) tokens = unset(tokens, "tpm", owner);

  const body = rateLimitBody({ requests, tokens });
  return { body, changed: JSON.stringify(body) !== JSON.stringify(rateLimitBody(current)), notes };
}

/** --unset removes the limit only when it is the one the flag names; a limit of another window is left alone. */
function unset(slot: RateWindow | null, dim: "rpm" | "rpd" | "tpm", owner: string): RateWindow | null {
  if (!slot) return null;
  const seconds = durationSeconds(WINDOW_OF[dim])!;
  if (isWindow(slot, seconds)) return null;
  const kind = dim === "tpm" ? "token" : "request";
  const other = dim === "rpm" && isWindow(slot, DAY) ? " (that is rpd: use --unset rpd)" : dim === "rpd" && isWindow(slot, MINUTE) ? " (that is rpm: use --unset rpm)" : "";
  throw new UsageError(
    `${owner}: cannot --unset ${dim}: its ${kind} limit is ${slot.limit} per ${slot.window}, not per ${dim === "rpd" ? "day" : "minute"}${other}`,
  );
}

export function rateLimitBody(w: RateLimitWindows | null): WireRateLimitWrite {
  const body: WireRateLimitWrite = {};
  if (w?.requests) {
    body.request_max_limit = w.requests.limit;
    body.request_reset_duration = w.requests.window;
  }
  if (w?.tokens) {
    body.token_max_limit = w.tokens.limit;
    body.token_reset_duration = w.tokens.window;
  }
  return body;
}
