import type { Reply } from "../backend.js";
import { bifrostError, isReply } from "./errors.js";
import { budgetsIn, rateLimitIn } from "./limits.js";
import type { BifrostState, BifrostVersion, Json } from "./state.js";
import { isRecord, stringList } from "./values.js";

/** VirtualKey fields of v2.x (research: shared spec notes of 2026-12-01); absent on v1.x servers. */
const V2_FIELDS = ["allow_all_providers", "rotated_at", "previous_value_expires_at"] as const;

/**
 * A stored key as the server answers it. v2 always carries allow_all_providers and the rotation timestamps
 * (rows saved before they existed read as false / null); v1.x carries none of them. The value a rotation
 * replaced is bookkeeping, never served.
 */
export function virtualKeyDto(row: Json, version: BifrostVersion): Json {
  const { previous_value: _previous, ...dto } = row;
  if (version !== "2") {
    for (const field of V2_FIELDS) delete dto[field];
    return dto;
  }
  return {
    ...dto,
    allow_all_providers: row.allow_all_providers === true,
    rotated_at: row.rotated_at ?? null,
    previous_value_expires_at: row.previous_value_expires_at ?? null,
  };
}

/**
 * Which provider keys a config may use: ["*"] = all (allow_all_keys), else the listed ids. Before v1.5 the
 * lists were not deny-by-default: an empty (or absent) key_ids meant every key (research §2.1).
 */
function keysIn(value: unknown, version: BifrostVersion): Pick<Json, "allow_all_keys" | "keys"> {
  const keyIds = stringList(value);
  const all = keyIds.includes("*") || (version === "1.4" && keyIds.length === 0);
  return { allow_all_keys: all, keys: all ? [] : keyIds.map((key_id) => ({ key_id })) };
}

function withRateLimit(config: Json, rateLimit: Json | null): Json {
  const { rate_limit: _old, ...rest } = config;
  return { ...rest, rate_limit_id: rateLimit ? rateLimit.id : null, ...(rateLimit ? { rate_limit: rateLimit } : {}) };
}

/** A new provider config as stored: an integer id, its budgets and rate limit (research §2.6). */
export function providerConfigIn(s: BifrostState, version: BifrostVersion, vkId: string, item: unknown): Json | Reply {
  if (!isRecord(item) || typeof item.provider !== "string") return bifrostError(400, "a provider config needs a provider");
  if (!s.providers.has(item.provider)) return bifrostError(400, `provider ${item.provider} is not configured`);
  const id = s.nextProviderConfigId++;
  const budgets = budgetsIn(Array.isArray(item.budgets) ? item.budgets : [], [], { provider_config_id: id });
  if (isReply(budgets)) return budgets;
  const rateLimit = item.rate_limit === undefined ? null : rateLimitIn(item.rate_limit, null);
  if (isReply(rateLimit)) return rateLimit;
  const config: Json = {
    id,
    virtual_key_id: vkId,
    provider: item.provider,
    weight: typeof item.weight === "number" ? item.weight : null,
    // v1.5 deny-by-default: an absent list allows nothing (research §2.1).
    allowed_models: stringList(item.allowed_models),
    blacklisted_models: stringList(item.blacklisted_models),
    ...keysIn(item.key_ids, version),
    budgets,
  };
  return withRateLimit(config, rateLimit);
}

/**
 * An update of a stored config (an item with `id`): what the item sends replaces, what it omits is kept;
 * budgets and the rate limit keep their usage where they match (research §2.6). Whether Bifrost keeps or
 * resets an omitted field of such an item is not documented [U]; keeping is the partial-update reading.
 */
export function providerConfigUpdate(s: BifrostState, version: BifrostVersion, stored: Json, item: Json): Json | Reply {
  if (typeof item.provider !== "string") return bifrostError(400, "a provider config needs a provider");
  if (!s.providers.has(item.provider)) return bifrostError(400, `provider ${item.provider} is not configured`);
  const next: Json = { ...stored, provider: item.provider };
  if (item.weight !== undefined) next.weight = typeof item.weight === "number" ? item.weight : null;
  if (item.allowed_models !== undefined) next.allowed_models = stringList(item.allowed_models);
  if (item.blacklisted_models !== undefined) next.blacklisted_models = stringList(item.blacklisted_models);
  if (item.key_ids !== undefined) Object.assign(next, keysIn(item.key_ids, version));
  if (Array.isArray(item.budgets)) {
    const existing = Array.isArray(stored.budgets) ? stored.budgets.filter(isRecord) : [];
    const budgets = budgetsIn(item.budgets, existing, { provider_config_id: stored.id });
    if (isReply(budgets)) return budgets;
    next.budgets = budgets;
  }
  if (item.rate_limit === undefined) return next;
  const rateLimit = rateLimitIn(item.rate_limit, isRecord(stored.rate_limit) ? stored.rate_limit : null);
  return isReply(rateLimit) ? rateLimit : withRateLimit(next, rateLimit);
}
