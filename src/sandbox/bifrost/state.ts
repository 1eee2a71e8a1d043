/** The emulated generation: v1.4 (keys inside the provider), v1.5 (/keys endpoints), v2 (v2.5: /api/routing/rules, VK rotation, allow_all_providers). */
export type BifrostVersion = "1.4" | "1.5" | "2";
export type Json = Record<string, unknown>;

/** A provider as stored: wire field names, secrets in clear (they are redacted only on the way out). */
export interface ProviderRow {
  name: string;
  network_config: Json;
  concurrency_and_buffer_size: { concurrency: number; buffer_size: number };
  proxy_config: Json | null;
  send_back_raw_request: boolean;
  send_back_raw_response: boolean;
  store_raw_request_response: boolean;
  custom_provider_config: Json | null;
  provider_request_id: Json | null;
  openai_config: Json | null;
  prompt_cache: Json | null;
  /** Stored keys, secrets as `{value, env_var, from_env}` in clear. */
  keys: Json[];
  provider_status: "active" | "error";
  /** Model discovery outcome (research §2.9): "" or "list_models_failed". */
  status: string;
  description: string;
}

/** A provider's governance (research §2.6): budgets and one rate limit, wire-shaped. */
export interface GovernanceRow {
  budgets: Json[];
  rate_limit: Json | null;
  calendar_aligned: boolean;
}

export interface BifrostState {
  providers: Map<string, ProviderRow>;
  governance: Map<string, GovernanceRow>;
  /**
   * Wire-shaped VirtualKey objects, `value` included. On v2 also `allow_all_providers` and the rotation
   * bookkeeping, with the replaced value kept as `previous_value` (never served); rows written before these
   * fields read as their defaults (see virtualKeyDto).
   */
  virtualKeys: Map<string, Json>;
  routingRules: Map<string, Json>;
  /** VK provider config ids are integers (research §2.6). */
  nextProviderConfigId: number;
}

export function emptyState(): BifrostState {
  return { providers: new Map(), governance: new Map(), virtualKeys: new Map(), routingRules: new Map(), nextProviderConfigId: 1 };
}

interface SerializedState {
  providers: ProviderRow[];
  governance: [string, GovernanceRow][];
  virtualKeys: Json[];
  routingRules: Json[];
  nextProviderConfigId: number;
}

export function serialize(s: BifrostState): SerializedState {
  return {
    providers: [...s.providers.values()],
    governance: [...s.governance.entries()],
    virtualKeys: [...s.virtualKeys.values()],
    routingRules: [...s.routingRules.values()],
    nextProviderConfigId: s.nextProviderConfigId,
  };
}

/** Loads a state file written by `serialize`; refuses one of the other generation, whose semantics differ. */
export function deserialize(header: Record<string, unknown>, raw: unknown, version: BifrostVersion): BifrostState {
  if (header.bifrostVersion !== version) {
    throw new Error(
      `state file holds a Bifrost v${String(header.bifrostVersion)} sandbox, but v${version} was asked for; use another --state file`,
    );
  }
  const s = raw as Partial<SerializedState> | null;
  if (!s || typeof s !== "object" || !Array.isArray(s.providers) || !Array.isArray(s.virtualKeys)) {
    throw new Error("state file is damaged: the Bifrost state lacks providers or virtualKeys");
  }
  const byKey = <T extends Json>(rows: T[], key: string) => new Map(rows.map((r) => [String(r[key]), r]));
  return {
    providers: new Map(s.providers.map((p) => [p.name, p])),
    governance: new Map(s.governance ?? []),
    virtualKeys: byKey(s.virtualKeys, "id"),
    routingRules: byKey(s.routingRules ?? [], "id"),
    nextProviderConfigId: s.nextProviderConfigId ?? 1,
  };
}
