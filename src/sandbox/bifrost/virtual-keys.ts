import type { Reply, Route } from "../backend.js";
import { bifrostError, isReply } from "./errors.js";
import { uuid, virtualKeyValue } from "./ids.js";
import { budgetsIn, rateLimitIn } from "./limits.js";
import type { BifrostState, BifrostVersion, Json } from "./state.js";
import { isRecord } from "./values.js";
import { providerConfigIn, virtualKeyDto } from "./vk-rows.js";
import { updateVirtualKey } from "./vk-update.js";

const BASE = "/api/governance/virtual-keys";

/** Any of these turns paging on; without them the handler returns every key (research §2.6). */
const PAGING_PARAMS = ["limit", "offset", "search", "customer_id", "team_id", "sort_by", "order", "export"];
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/**
 * How long a rotated key's previous value keeps working (v2: client_config.vk_rotation_cooldown; 0 would
 * revoke it at once). The vendor's default is not documented; the sandbox uses one hour.
 */
export const ROTATION_COOLDOWN_MS = 60 * 60 * 1000;

function nonNegative(query: URLSearchParams, name: string): number | undefined | Reply {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) return bifrostError(400, `invalid ${name}: ${raw}`);
  return Number(raw);
}

function list(s: BifrostState, version: BifrostVersion, query: URLSearchParams): Reply {
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

  const out = (rows: Json[]) => rows.map((k) => virtualKeyDto(k, version));
  if (!PAGING_PARAMS.some((p) => query.has(p))) {
    return { status: 200, body: { virtual_keys: out(keys), count: keys.length, total_count: keys.length, limit: keys.length, offset: 0 } };
  }
  const limitParam = nonNegative(query, "limit");
  if (isReply(limitParam)) return limitParam;
  const offsetParam = nonNegative(query, "offset");
  if (isReply(offsetParam)) return offsetParam;
  const limit = Math.min(limitParam || DEFAULT_LIMIT, MAX_LIMIT);
  const offset = offsetParam ?? 0;
  const page = keys.slice(offset, offset + limit);
  return { status: 200, body: { virtual_keys: out(page), count: page.length, total_count: keys.length, limit, offset } };
}

function create(s: BifrostState, version: BifrostVersion, body: unknown): Reply {
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
    const config = providerConfigIn(s, version, id, item);
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
  // v2.1+: every provider, ones added later included (research: shared spec, 2026-12-01); v1.x has no such field.
  if (version === "2") Object.assign(key, { allow_all_providers: f.allow_all_providers === true, rotated_at: null, previous_value_expires_at: null });
  s.virtualKeys.set(id, key);
  return { status: 200, body: { message: "Virtual key created successfully", virtual_key: virtualKeyDto(key, version) } };
}

/**
 * v2: a new value, answered in virtual_key.value; the previous one keeps authenticating until
 * previous_value_expires_at. No request body (none documented, research: shared spec x-gw-unconfirmed).
 */
function rotate(s: BifrostState, id: string): Reply {
  const key = s.virtualKeys.get(id);
  if (!key) return bifrostError(404, `Virtual key not found: ${id}`);
  const now = Date.now();
  const at = new Date(now).toISOString();
  const next: Json = {
    ...key,
    value: virtualKeyValue(),
    previous_value: key.value,
    rotated_at: at,
    previous_value_expires_at: new Date(now + ROTATION_COOLDOWN_MS).toISOString(),
    updated_at: at,
  };
  s.virtualKeys.set(id, next);
  return { status: 200, body: { message: "Virtual key rotated successfully", virtual_key: virtualKeyDto(next, "2") } };
}

export function virtualKeyRoutes(s: BifrostState, version: BifrostVersion): Route[] {
  const notFound = (id: string) => bifrostError(404, `Virtual key not found: ${id}`);
  return [
    { method: "GET", path: BASE, handle: (c) => list(s, version, c.query) },
    { method: "POST", path: BASE, body: "json", mutates: true, handle: (c) => create(s, version, c.body) },
    {
      method: "GET",
      path: `${BASE}/:vk_id`,
      handle: (c) => {
        const key = s.virtualKeys.get(c.params.vk_id ?? "");
        return key ? { status: 200, body: { virtual_key: virtualKeyDto(key, version) } } : notFound(c.params.vk_id ?? "");
      },
    },
    { method: "PUT", path: `${BASE}/:vk_id`, body: "json", mutates: true, handle: (c) => updateVirtualKey(s, version, c.params.vk_id ?? "", c.body) },
    ...(version === "2" ? [{ method: "POST", path: `${BASE}/:vk_id/rotate`, mutates: true, handle: (c) => rotate(s, c.params.vk_id ?? "") } satisfies Route] : []),
    {
      method: "DELETE",
      path: `${BASE}/:vk_id`,
      mutates: true,
      handle: (c) => (s.virtualKeys.delete(c.params.vk_id ?? "") ? { status: 200, body: { message: "Virtual key deleted successfully" } } : notFound(c.params.vk_id ?? "")),
    },
  ];
}
