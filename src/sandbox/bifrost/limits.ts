import type { Reply } from "../backend.js";
import { isCalendarUnit, isDuration } from "./durations.js";
import { bifrostError } from "./errors.js";
import { uuid } from "./ids.js";
import type { Json } from "./state.js";
import { isRecord } from "./values.js";

const now = (): string => new Date().toISOString();

/**
 * A rate limit as written (research §2.6): a request limit and a token limit, each a max with its reset
 * duration. The stored limit is replaced by what is sent; all four fields absent removes it. Usage survives a
 * change of the max, and restarts when the window changes.
 */
export function rateLimitIn(incoming: unknown, existing: Json | null): Json | null | Reply {
  const f = isRecord(incoming) ? incoming : {};
  const parts = { request: null as [number, string] | null, token: null as [number, string] | null };
  for (const kind of ["request", "token"] as const) {
    const max = f[`${kind}_max_limit`];
    const duration = f[`${kind}_reset_duration`];
    if (max === undefined && duration === undefined) continue;
    if (typeof max !== "number" || !Number.isInteger(max)) return bifrostError(400, `${kind}_max_limit is required with ${kind}_reset_duration`);
    if (max < 0) return bifrostError(400, `${kind}_max_limit must not be negative`);
    if (!isDuration(duration)) return bifrostError(400, `invalid ${kind}_reset_duration: ${String(duration ?? "(missing)")} (e.g. 1m, 1h, 1d)`);
    parts[kind] = [max, duration];
  }
  if (!parts.request && !parts.token) return null;
  const at = now();
  const row: Json = { id: typeof existing?.id === "string" ? existing.id : uuid(), created_at: existing?.created_at ?? at, updated_at: at };
  for (const kind of ["request", "token"] as const) {
    const part = parts[kind];
    if (!part) continue;
    const sameWindow = existing?.[`${kind}_reset_duration`] === part[1];
    row[`${kind}_max_limit`] = part[0];
    row[`${kind}_reset_duration`] = part[1];
    row[`${kind}_current_usage`] = sameWindow ? (existing?.[`${kind}_current_usage`] ?? 0) : 0;
    row[`${kind}_last_reset`] = sameWindow ? (existing?.[`${kind}_last_reset`] ?? at) : at;
  }
  return row;
}

/**
 * Budgets as written replace the owner's budgets; rows are matched by id, else by reset_duration, so a
 * matched budget keeps its usage (research §2.6). Durations must be unique; calendar alignment needs d/w/M/Y.
 */
export function budgetsIn(incoming: unknown[], existing: Json[], owner: Json): Json[] | Reply {
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const item of incoming) {
    if (!isRecord(item)) return bifrostError(400, "a budget is not an object");
    const max = item.max_limit;
    const duration = item.reset_duration;
    if (typeof max !== "number" || max < 0) return bifrostError(400, "budget max_limit must be 0 or more");
    if (!isDuration(duration)) return bifrostError(400, `invalid budget reset_duration: ${String(duration ?? "(missing)")}`);
    if (seen.has(duration)) return bifrostError(400, `duplicate budget reset_duration: ${duration}`);
    seen.add(duration);
    if (item.calendar_aligned === true && !isCalendarUnit(duration)) {
      return bifrostError(400, `calendar_aligned needs a reset_duration in days, weeks, months or years, not ${duration}`);
    }
    const match = existing.find((b) => (typeof item.id === "string" && b.id === item.id) || b.reset_duration === duration);
    const at = now();
    out.push({
      ...owner,
      id: typeof match?.id === "string" ? match.id : uuid(),
      max_limit: max,
      reset_duration: duration,
      calendar_aligned: item.calendar_aligned === true,
      current_usage: match?.current_usage ?? 0,
      last_reset: match?.last_reset ?? at,
      created_at: match?.created_at ?? at,
      updated_at: at,
    });
  }
  return out;
}
