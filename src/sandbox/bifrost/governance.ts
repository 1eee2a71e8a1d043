import type { Reply, Route } from "../backend.js";
import { bifrostError, isReply } from "./errors.js";
import { budgetsIn, rateLimitIn } from "./limits.js";
import type { BifrostState, GovernanceRow, Json } from "./state.js";
import { isRecord } from "./values.js";

const BASE = "/api/governance/providers";

function dto(provider: string, g: GovernanceRow | undefined): Json {
  const out: Json = { provider, budgets: g?.budgets ?? [], calendar_aligned: g?.calendar_aligned ?? false };
  if (g?.rate_limit) out.rate_limit = g.rate_limit;
  return out;
}

/**
 * PUT (research §2.6): budgets omitted = kept, [] = all removed, a list = replaced; the deprecated single
 * `budget` is read when `budgets` is absent; rate_limit replaced by what is sent (empty = removed).
 */
function update(s: BifrostState, name: string, body: unknown): Reply {
  if (!s.providers.has(name)) return bifrostError(404, `Provider not found: ${name}`);
  const f = isRecord(body) ? body : {};
  const current: GovernanceRow = s.governance.get(name) ?? { budgets: [], rate_limit: null, calendar_aligned: false };
  const next: GovernanceRow = { ...current };
  const owner = {};
  if (Array.isArray(f.budgets)) {
    const budgets = budgetsIn(f.budgets, current.budgets, owner);
    if (isReply(budgets)) return budgets;
    next.budgets = budgets;
  } else if (isRecord(f.budget)) {
    const single = f.budget.max_limit === undefined && f.budget.reset_duration === undefined ? [] : [f.budget];
    const budgets = budgetsIn(single, current.budgets, owner);
    if (isReply(budgets)) return budgets;
    next.budgets = budgets;
  }
  if (f.rate_limit !== undefined) {
    const rateLimit = rateLimitIn(f.rate_limit, current.rate_limit);
    if (isReply(rateLimit)) return rateLimit;
    next.rate_limit = rateLimit;
  }
  if (typeof f.calendar_aligned === "boolean") next.calendar_aligned = f.calendar_aligned;
  s.governance.set(name, next);
  return { status: 200, body: dto(name, next) };
}

export function governanceRoutes(s: BifrostState): Route[] {
  return [
    {
      method: "GET",
      path: BASE,
      handle: () => {
        // Every configured provider is listed, with empty budgets and no rate_limit where none is set.
        const providers = [...s.providers.keys()].sort().map((name) => dto(name, s.governance.get(name)));
        return { status: 200, body: { providers, count: providers.length } };
      },
    },
    { method: "PUT", path: `${BASE}/:provider_name`, body: "json", mutates: true, handle: (c) => update(s, c.params.provider_name ?? "", c.body) },
    {
      method: "DELETE",
      path: `${BASE}/:provider_name`,
      mutates: true,
      handle: (c) => {
        const name = c.params.provider_name ?? "";
        if (!s.providers.has(name)) return bifrostError(404, `Provider not found: ${name}`);
        s.governance.delete(name);
        return { status: 200, body: { message: "Provider governance deleted successfully" } };
      },
    },
  ];
}
