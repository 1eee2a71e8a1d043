import type { Reply, Route } from "../backend.js";
import { bifrostError, isReply } from "./errors.js";
import { uuid, virtualKeyValue } from "./ids.js";
import { budgetsIn, rateLimitIn } from "./limits.js";
import type { BifrostState, Json } from "./state.js";
import { isRecord, stringList } from "./values.js";

const BASE = "/api/governance/virtual-keys";

/** Any of these turns paging on; without them the handler returns every key (research §2.6). */
const PAGING_PARAMS = ["limit", "offset", "search", "customer_id", "team_id", "sort_by", "order", "export"];
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

function nonNegative(query: URLSearchParams, name: string): number | undefined | Reply {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) return bifrostError(400, `invalid ${name}: ${raw}`);
  return Number(raw);
}

function list(s: BifrostState, query: URLSearchParams): Reply {
  let keys = [...s.virtualKeys.values()];
  const search = query.get("search");
  if (search) keys = keys.filter((k) => String(k.name).toLowerCase().includes(search.toLowerCase()));
  for (const owner of ["team_id", "customer_id"]) {
    const id = query.get(owner);
    if (id) keys = keys.filter((k) => k[owner] === id);
  }
  const sortBy = query.get("sort_by") ?? "created_at";
  const field = ["name", "created_at", "updated_at"].includes(sortBy) ? sortBy : "created_at";
  keys.sort((a, b) => String(a[field]).localeCompare(String(b[field])) || String(a.id).localeCompare(String(b.id)));
  if (query.get("order") === "desc") keys.reverse();

  if (!PAGING_PARAMS.some((p) => query.has(p))) {
    return { status: 200, body: { virtual_keys: keys, count: keys.length, total_count: keys.length, limit: keys.length, offset: 0 } };
  }
  const limitParam = nonNegative(query, "limit");
  if (isReply(limitParam)) return limitParam;
  const offsetParam = nonNegative(query, "offset");
  if (isReply(offsetParam)) return offsetParam;
  const limit = Math.min(limitParam || DEFAULT_LIMIT, MAX_LIMIT);
  const offset = offsetParam ?? 0;
  const page = keys.slice(offset, offset + limit);
  return { status: 200, body: { virtual_keys: page, count: page.length, total_count: keys.length, limit, offset } };
}

/** A provider config as stored: an integer id, its budgets and rate limit (research §2.6). */
function providerConfigIn(s: BifrostState, vkId: string, item: unknown): Json | Reply {
  if (!isRecord(item) || typeof item.provider !== "string") return bifrostError(400, "a provider config needs a provider");
  if (!s.providers.has(item.provider)) return bifrostError(400, `provider ${item.provider} is not configured`);
  const id = s.nextProviderConfigId++;
  const budgets = budgetsIn(Array.isArray(item.budgets) ? item.budgets : [], [], { provider_config_id: id });
  if (isReply(budgets)) return budgets;
  const rateLimit = item.rate_limit === undefined ? null : rateLimitIn(item.rate_limit, null);
  if (isReply(rateLimit)) return rateLimit;
  const keyIds = stringList(item.key_ids);
  const config: Json = {
    id,
    virtual_key_id: vkId,
    provider: item.provider,
    weight: typeof item.weight === "number" ? item.weight : null,
    // v1.5 deny-by-default: an absent list allows nothing (research §2.1).
    allowed_models: stringList(item.allowed_models),
    blacklisted_models: stringList(item.blacklisted_models),
    allow_all_keys: keyIds.includes("*"),
    keys: keyIds.includes("*") ? [] : keyIds.map((key_id) => ({ key_id })),
    budgets,
    rate_limit_id: rateLimit ? rateLimit.id : null,
  };
  if (rateLimit) config.rate_limit = rateLimit;
  return config;
}

function create(s: BifrostState, body: unknown): Reply {
  const f = isRecord(body) ? body : {};
  const name = typeof f.name === "string" ? f.name.trim() : "";
  if (!name) return bifrostError(400, "name is required");
  if ([...s.virtualKeys.values()].some((k) => k.name === name)) return bifrostError(409, `virtual key with name ${name} already exists`);
  if (f.team_id && f.customer_id) return bifrostError(400, "a virtual key belongs to a team or a customer, not both");
  if (typeof f.expires_at === "string" && !(Date.parse(f.expires_at) > Date.now())) return bifrostError(400, "expires_at must be in the future");
  const id = uuid();
  const at = new Date().toISOString();
  const configs: Json[] = [];
  for (const item of Array.isArray(f.provider_configs) ? f.provider_configs : []) {
    const config = providerConfigIn(s, id, item);
    if (isReply(config)) return config;
    configs.push(config);
  }
  const budgets = budgetsIn(Array.isArray(f.budgets) ? f.budgets : [], [], { virtual_key_id: id });
  if (isReply(budgets)) return budgets;
  const rateLimit = f.rate_limit === undefined ? null : rateLimitIn(f.rate_limit, null);
  if (isReply(rateLimit)) return rateLimit;
  const key: Json = {
    id,
    name,
    value: virtualKeyValue(),
    description: typeof f.description === "string" ? f.description : "",
    is_active: f.is_active !== false,
    provider_configs: configs,
    mcp_configs: [],
    team_id: typeof f.team_id === "string" && f.team_id ? f.team_id : null,
    customer_id: typeof f.customer_id === "string" && f.customer_id ? f.customer_id : null,
    rate_limit_id: rateLimit ? rateLimit.id : null,
    calendar_aligned: f.calendar_aligned === true,
    expires_at: typeof f.expires_at === "string" ? f.expires_at : null,
    budgets,
    created_at: at,
    updated_at: at,
  };
  if (rateLimit) key.rate_limit = rateLimit;
  s.virtualKeys.set(id, key);
  return { status: 200, body: { message: "Virtual key created successfully", virtual_key: key } };
}

export function virtualKeyRoutes(s: BifrostState): Route[] {
  const notFound = (id: string) => bifrostError(404, `Virtual key not found: ${id}`);
  return [
    { method: "GET", path: BASE, handle: (c) => list(s, c.query) },
    { method: "POST", path: BASE, body: "json", mutates: true, handle: (c) => create(s, c.body) },
    {
      method: "GET",
      path: `${BASE}/:vk_id`,
      handle: (c) => {
        const key = s.virtualKeys.get(c.params.vk_id ?? "");
        return key ? { status: 200, body: { virtual_key: key } } : notFound(c.params.vk_id ?? "");
      },
    },
    {
      method: "DELETE",
      path: `${BASE}/:vk_id`,
      mutates: true,
      handle: (c) => (s.virtualKeys.delete(c.params.vk_id ?? "") ? { status: 200, body: { message: "Virtual key deleted successfully" } } : notFound(c.params.vk_id ?? "")),
    },
  ];
}
