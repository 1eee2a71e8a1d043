import type { Reply } from "../backend.js";
import { bifrostError, isReply } from "./errors.js";
import { budgetsIn, rateLimitIn } from "./limits.js";
import type { BifrostState, BifrostVersion, Json } from "./state.js";
import { isRecord } from "./values.js";
import { providerConfigIn, providerConfigUpdate, virtualKeyDto } from "./vk-rows.js";

const SCALARS = ["description", "is_active", "calendar_aligned"] as const;

/** The key's provider configs as the body wants them: the full set (research §2.6). */
function configsIn(s: BifrostState, version: BifrostVersion, key: Json, items: unknown[]): Json[] | Reply {
  const stored = new Map((Array.isArray(key.provider_configs) ? key.provider_configs.filter(isRecord) : []).map((c) => [c.id, c]));
  const out: Json[] = [];
  for (const item of items) {
    if (!isRecord(item)) return bifrostError(400, "a provider config is not an object");
    if (item.id === undefined) {
      const created = providerConfigIn(s, version, String(key.id), item);
      if (isReply(created)) return created;
      out.push(created);
      continue;
    }
    const current = stored.get(item.id);
    if (!current) return bifrostError(400, `provider config ${String(item.id)} does not belong to virtual key ${String(key.id)}`);
    const updated = providerConfigUpdate(s, version, current, item);
    if (isReply(updated)) return updated;
    out.push(updated);
  }
  return out;
}

/** team_id / customer_id: a value sets it and clears the other; null or "" detaches; absent keeps (research §2.6). */
function ownerIn(f: Json, next: Json): Reply | undefined {
  const given = (v: unknown) => typeof v === "string" && v !== "";
  if (given(f.team_id) && given(f.customer_id)) return bifrostError(400, "a virtual key belongs to a team or a customer, not both");
  for (const [field, other] of [["team_id", "customer_id"], ["customer_id", "team_id"]] as const) {
    if (!(field in f)) continue;
    if (given(f[field])) {
      next[field] = f[field];
      next[other] = null;
    } else {
      next[field] = null;
    }
  }
  return undefined;
}

/**
 * PUT /api/governance/virtual-keys/{vk_id} (research §2.6): every field optional, omitted scalars kept;
 * provider_configs the full desired set; budgets replace the key's (usage kept where they match);
 * rate_limit replaces it (no field: removed); reset_budget_usage zeroes the budgets; expires_at "" clears.
 * v2 takes allow_all_providers too (v1.x ignores it). Checked whole before anything is stored.
 */
export function updateVirtualKey(s: BifrostState, version: BifrostVersion, id: string, body: unknown): Reply {
  const key = s.virtualKeys.get(id);
  if (!key) return bifrostError(404, `Virtual key not found: ${id}`);
  const f = isRecord(body) ? body : {};
  const next: Json = { ...key, updated_at: new Date().toISOString() };
  if (typeof f.name === "string") {
    const name = f.name.trim();
    if (!name) return bifrostError(400, "name must not be empty");
    if ([...s.virtualKeys.values()].some((k) => k.id !== id && k.name === name)) return bifrostError(409, `virtual key with name ${name} already exists`);
    next.name = name;
  }
  for (const field of SCALARS) if (f[field] !== undefined) next[field] = f[field];
  if (version === "2" && typeof f.allow_all_providers === "boolean") next.allow_all_providers = f.allow_all_providers;
  const owner = ownerIn(f, next);
  if (owner) return owner;
  if (typeof f.expires_at === "string") {
    if (f.expires_at === "") next.expires_at = null;
    else if (!(Date.parse(f.expires_at) > Date.now())) return bifrostError(400, "expires_at must be in the future");
    else next.expires_at = f.expires_at;
  }
  if (Array.isArray(f.mcp_configs)) next.mcp_configs = f.mcp_configs;
  if (Array.isArray(f.provider_configs)) {
    const configs = configsIn(s, version, key, f.provider_configs);
    if (isReply(configs)) return configs;
    next.provider_configs = configs;
  }
  if (Array.isArray(f.budgets)) {
    const existing = Array.isArray(key.budgets) ? key.budgets.filter(isRecord) : [];
    const budgets = budgetsIn(f.budgets, existing, { virtual_key_id: id });
    if (isReply(budgets)) return budgets;
    next.budgets = budgets;
  }
  if (f.rate_limit !== undefined) {
    const rateLimit = rateLimitIn(f.rate_limit, isRecord(key.rate_limit) ? key.rate_limit : null);
    if (isReply(rateLimit)) return rateLimit;
    delete next.rate_limit;
    next.rate_limit_id = rateLimit ? rateLimit.id : null;
    if (rateLimit) next.rate_limit = rateLimit;
  }
  if (f.reset_budget_usage === true && Array.isArray(next.budgets)) {
    next.budgets = next.budgets.filter(isRecord).map((b) => ({ ...b, current_usage: 0, last_reset: next.updated_at }));
  }
  s.virtualKeys.set(id, next);
  return { status: 200, body: { message: "Virtual key updated successfully", virtual_key: virtualKeyDto(next, version) } };
}
