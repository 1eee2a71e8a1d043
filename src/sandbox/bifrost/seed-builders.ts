import type { ByteSource } from "../ids.js";
import { uuid, virtualKeyValue } from "./ids.js";
import { DEFAULTS } from "./providers-known.js";
import type { BifrostState, Json, ProviderRow } from "./state.js";

// Builders of wire-shaped seed rows, so seed.ts reads as data.

/** Seeded timestamps, readable and ordered, after v1.5.0 shipped (2026-04). */
const T0 = Date.parse("2026-06-01T09:00:00.000Z");
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

export type Window = [limit: number, duration: string, used?: number];

export function rateLimit(bytes: ByteSource, minute: number, requests?: Window, tokens?: Window): Json {
  const row: Json = { id: uuid(bytes), created_at: at(minute), updated_at: at(minute) };
  for (const [kind, w] of [["request", requests], ["token", tokens]] as const) {
    if (!w) continue;
    row[`${kind}_max_limit`] = w[0];
    row[`${kind}_reset_duration`] = w[1];
    row[`${kind}_current_usage`] = w[2] ?? 0;
    row[`${kind}_last_reset`] = at(minute);
  }
  return row;
}

export function budget(bytes: ByteSource, minute: number, max: number, duration: string, used = 0, owner: Json = {}): Json {
  return {
    ...owner,
    id: uuid(bytes),
    max_limit: max,
    reset_duration: duration,
    calendar_aligned: /[dwMY]$/.test(duration),
    current_usage: used,
    last_reset: at(minute),
    created_at: at(minute),
    updated_at: at(minute),
  };
}

export function provider(name: string, over: Partial<ProviderRow>): ProviderRow {
  return {
    name,
    network_config: {},
    concurrency_and_buffer_size: { concurrency: DEFAULTS.concurrency, buffer_size: DEFAULTS.bufferSize },
    proxy_config: null,
    send_back_raw_request: false,
    send_back_raw_response: false,
    store_raw_request_response: false,
    custom_provider_config: null,
    provider_request_id: null,
    openai_config: null,
    prompt_cache: null,
    keys: [],
    provider_status: "active",
    status: "",
    description: "",
    ...over,
  };
}

export const secret = (value: string, envVar = ""): Json => ({ value, env_var: envVar, from_env: envVar !== "" });

export function key(bytes: ByteSource, name: string, value: Json, models: string[], weight = 1, extra: Json = {}): Json {
  return { id: uuid(bytes), name, value, models, blacklisted_models: [], weight, enabled: true, use_for_batch_api: false, ...extra };
}

export interface ConfigSeed {
  provider: string;
  weight: number | null;
  models: string[];
  requests?: Window;
  budgets?: [number, string, number?][];
}

export function virtualKey(
  s: BifrostState,
  bytes: ByteSource,
  minute: number,
  init: {
    name: string;
    description: string;
    active?: boolean;
    team?: string;
    customer?: string;
    configs: ConfigSeed[];
    requests?: Window;
    tokens?: Window;
    budgets?: [number, string, number?][];
    /** v2.1+ allow_all_providers. */
    allowAll?: boolean;
  },
): Json {
  const id = uuid(bytes);
  const configs = init.configs.map((c) => {
    const configId = s.nextProviderConfigId++;
    const limit = c.requests ? rateLimit(bytes, minute, c.requests) : null;
    return {
      id: configId,
      virtual_key_id: id,
      provider: c.provider,
      weight: c.weight,
      allowed_models: c.models,
      blacklisted_models: [],
      allow_all_keys: true,
      keys: [],
      budgets: (c.budgets ?? []).map(([max, d, used]) => budget(bytes, minute, max, d, used, { provider_config_id: configId })),
      rate_limit_id: limit ? limit.id : null,
      ...(limit ? { rate_limit: limit } : {}),
    };
  });
  const limit = init.requests || init.tokens ? rateLimit(bytes, minute, init.requests, init.tokens) : null;
  const row: Json = {
    id,
    name: init.name,
    value: virtualKeyValue(bytes),
    description: init.description,
    is_active: init.active !== false,
    provider_configs: configs,
    mcp_configs: [],
    team_id: init.team ?? null,
    customer_id: init.customer ?? null,
    rate_limit_id: limit ? limit.id : null,
    calendar_aligned: false,
    expires_at: null,
    budgets: (init.budgets ?? []).map(([max, d, used]) => budget(bytes, minute, max, d, used, { virtual_key_id: id })),
    created_at: at(minute),
    updated_at: at(minute),
    ...(limit ? { rate_limit: limit } : {}),
    ...(init.allowAll ? { allow_all_providers: true } : {}),
  };
  s.virtualKeys.set(id, row);
  return row;
}

export function rule(s: BifrostState, bytes: ByteSource, minute: number, init: Json): void {
  const row: Json = { id: uuid(bytes), description: "", enabled: true, chain_rule: false, scope_id: null, query: null, created_at: at(minute), updated_at: at(minute), ...init };
  s.routingRules.set(String(row.id), row);
}
