import type { Reply, Route } from "../backend.js";
import { bifrostError, isReply } from "./errors.js";
import { uuid } from "./ids.js";
import { concurrencyIn, keyProblem, networkIn, providerNameProblem } from "./provider-checks.js";
import { providerDto } from "./provider-dto.js";
import { keyIn, mapFields, envVarIn, PROXY_FIELDS } from "./secrets.js";
import { provider } from "./seed-builders.js";
import type { BifrostState, BifrostVersion, Json, ProviderRow } from "./state.js";
import { isRecord } from "./values.js";

const BASE = "/api/providers";

/** v1.5 refuses keys on the provider PUT with exactly this message (research §2.1, handler 033025d5). */
export const KEYS_REFUSED =
  "keys are not accepted on this endpoint; use POST/PUT /api/providers/{provider}/keys[/{key_id}] to manage keys";

const BLOCKS = ["proxy_config", "custom_provider_config", "provider_request_id", "openai_config", "prompt_cache"] as const;
const FLAGS = ["send_back_raw_request", "send_back_raw_response", "store_raw_request_response"] as const;

const fieldsOf = (body: unknown): Json => (isRecord(body) ? body : {});

/** Redacted proxy secrets echoed back are restored from the stored block (research §2.5). */
function proxyIn(incoming: Json, stored: Json | null): Json {
  return mapFields(incoming, PROXY_FIELDS, (name, v) => envVarIn(v, stored?.[name]));
}

function blockIn(name: (typeof BLOCKS)[number], value: unknown, stored: Json | null): Json | null {
  if (!isRecord(value)) return null;
  return name === "proxy_config" ? proxyIn(value, stored) : value;
}

/**
 * Model discovery runs after every write; when it fails the write still answers 200 with
 * status list_models_failed (research §2.9). The sandbox fails it for hosts under `.invalid`, which never resolve.
 */
function discover(row: ProviderRow): ProviderRow {
  const base = typeof row.network_config.base_url === "string" ? row.network_config.base_url : "";
  let host = "";
  try {
    host = base ? new URL(base).hostname : "";
  } catch {
    host = "";
  }
  if (host.endsWith(".invalid")) {
    return { ...row, status: "list_models_failed", description: `failed to list models: dial tcp: lookup ${host}: no such host` };
  }
  return { ...row, status: "", description: "" };
}

/** A provider as the server stores it before any block is set: the defaults (§2.4). */
function newRow(name: string): ProviderRow {
  return provider(name, {});
}

/** POST: a new provider only (409 if the name exists); unset blocks get the defaults (research §2.3, §2.4). */
function add(s: BifrostState, version: BifrostVersion, body: unknown): Reply {
  const f = fieldsOf(body);
  const name = typeof f.provider === "string" ? f.provider : "";
  const custom = isRecord(f.custom_provider_config) ? f.custom_provider_config : null;
  const bad = providerNameProblem(name, custom);
  if (bad) return bad;
  if (s.providers.has(name)) return bifrostError(409, `Provider ${name} already exists`);
  const row = newRow(name);
  const network = networkIn(f.network_config, undefined);
  if (isReply(network)) return network;
  row.network_config = network;
  if (f.concurrency_and_buffer_size !== undefined) {
    const cb = concurrencyIn(f.concurrency_and_buffer_size);
    if (isReply(cb)) return cb;
    row.concurrency_and_buffer_size = cb;
  }
  for (const flag of FLAGS) if (typeof f[flag] === "boolean") row[flag] = f[flag] as boolean;
  for (const block of BLOCKS) row[block] = blockIn(block, f[block], null);
  const stored = discover(row);
  s.providers.set(name, stored);
  return { status: 200, body: providerDto(stored, version) };
}

/**
 * PUT upserts. v1.5 (research §2.5): non-empty keys refused; network_config and concurrency_and_buffer_size
 * replaced whole; flags kept when omitted; blocks kept when omitted, cleared by null, replaced by an object.
 * v1.4: every block replaced (omitted = cleared) and `keys` is the full key set.
 */
function put(s: BifrostState, version: BifrostVersion, name: string, body: unknown): Reply {
  const f = fieldsOf(body);
  if (version !== "1.4" && Array.isArray(f.keys) && f.keys.length > 0) return bifrostError(400, KEYS_REFUSED);
  const existing = s.providers.get(name);
  const keep = version !== "1.4";
  const custom =
    "custom_provider_config" in f ? (isRecord(f.custom_provider_config) ? f.custom_provider_config : null) : keep ? (existing?.custom_provider_config ?? null) : null;
  const bad = providerNameProblem(name, custom);
  if (bad) return bad;
  const cb = concurrencyIn(f.concurrency_and_buffer_size);
  if (isReply(cb)) return cb;
  const network = networkIn(f.network_config, existing?.network_config);
  if (isReply(network)) return network;

  const row: ProviderRow = { ...(existing ?? newRow(name)), network_config: network, concurrency_and_buffer_size: cb };
  for (const flag of FLAGS) row[flag] = typeof f[flag] === "boolean" ? (f[flag] as boolean) : keep ? (existing?.[flag] ?? false) : false;
  for (const block of BLOCKS) {
    if (block in f) row[block] = blockIn(block, f[block], existing?.[block] ?? null);
    else if (!keep) row[block] = null;
  }
  row.custom_provider_config = custom;
  if (version === "1.4") {
    const keys = replaceKeys(row, Array.isArray(f.keys) ? f.keys : [], existing?.keys ?? []);
    if (isReply(keys)) return keys;
    row.keys = keys;
  }
  const stored = discover(row);
  s.providers.set(name, stored);
  return { status: 200, body: providerDto(stored, version) };
}

/** v1.4: the body's keys are the whole set: stored ids are updated (redacted values restored), new ones added, the rest deleted. */
function replaceKeys(row: ProviderRow, incoming: unknown[], stored: Json[]): Json[] | Reply {
  const out: Json[] = [];
  for (const item of incoming) {
    if (!isRecord(item)) return bifrostError(400, "Invalid JSON: a key is not an object");
    const before = typeof item.id === "string" ? stored.find((k) => k.id === item.id) : undefined;
    const key = keyIn(item, before);
    key.id = typeof item.id === "string" && item.id ? item.id : uuid();
    key.enabled = typeof item.enabled === "boolean" ? item.enabled : (before?.enabled ?? true);
    const bad = keyProblem(key, row.name, row.custom_provider_config);
    if (bad) return bad;
    out.push(key);
  }
  return out;
}

/** v1.4 answers 404 for an unknown name; v1.5 treats it as done and answers 200 (research §2.3). */
function remove(s: BifrostState, version: BifrostVersion, name: string): Reply {
  const existing = s.providers.get(name);
  if (!existing && version === "1.4") return bifrostError(404, `Provider not found: ${name}`);
  s.providers.delete(name);
  // Whether the provider's governance goes with it is not documented [U]; an orphan could not be read anyway.
  s.governance.delete(name);
  return { status: 200, body: { ...providerDto(existing ?? newRow(name), version), provider_status: "deleted" } };
}

export function providerRoutes(s: BifrostState, version: BifrostVersion): Route[] {
  const sorted = () => [...s.providers.values()].sort((a, b) => a.name.localeCompare(b.name));
  const get = (name: string): Reply => {
    const p = s.providers.get(name);
    return p ? { status: 200, body: providerDto(p, version) } : bifrostError(404, `Provider not found: ${name}`);
  };
  return [
    { method: "GET", path: BASE, handle: () => ({ status: 200, body: { providers: sorted().map((p) => providerDto(p, version)), total: s.providers.size } }) },
    { method: "POST", path: BASE, body: "json", mutates: true, handle: (c) => add(s, version, c.body) },
    { method: "GET", path: `${BASE}/:provider`, handle: (c) => get(c.params.provider ?? "") },
    { method: "PUT", path: `${BASE}/:provider`, body: "json", mutates: true, handle: (c) => put(s, version, c.params.provider ?? "", c.body) },
    { method: "DELETE", path: `${BASE}/:provider`, mutates: true, handle: (c) => remove(s, version, c.params.provider ?? "") },
  ];
}
