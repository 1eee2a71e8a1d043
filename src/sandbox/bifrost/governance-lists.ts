import type { Route } from "../backend.js";
import type { BifrostState, Json } from "./state.js";
import { isRecord } from "./values.js";

/** Every budget and rate limit, whoever owns it: providers, virtual keys, and keys' provider configs (research §2.6). */
function owned(s: BifrostState): { budgets: Json[]; rateLimits: Json[] } {
  const budgets: Json[] = [];
  const rateLimits: Json[] = [];
  const take = (owner: Json) => {
    if (Array.isArray(owner.budgets)) budgets.push(...owner.budgets.filter(isRecord));
    if (isRecord(owner.rate_limit)) rateLimits.push(owner.rate_limit);
  };
  for (const g of s.governance.values()) take(g as unknown as Json);
  for (const key of s.virtualKeys.values()) {
    take(key);
    for (const config of Array.isArray(key.provider_configs) ? key.provider_configs.filter(isRecord) : []) take(config);
  }
  return { budgets, rateLimits };
}

export function governanceListRoutes(s: BifrostState): Route[] {
  return [
    {
      method: "GET",
      path: "/api/governance/budgets",
      handle: () => {
        const { budgets } = owned(s);
        return { status: 200, body: { budgets, count: budgets.length } };
      },
    },
    {
      method: "GET",
      path: "/api/governance/rate-limits",
      handle: () => {
        const { rateLimits } = owned(s);
        return { status: 200, body: { rate_limits: rateLimits, count: rateLimits.length } };
      },
    },
  ];
}
