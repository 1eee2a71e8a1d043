/**
 * Bifrost management API wire shapes, as far as the adapter reads or writes them (research/other-gateways.md
 * §2.3-2.7; contracts/bifrost.openapi.json). Blocks gw only echoes back stay `unknown`.
 */
/** The release, as a JSON string ("v1.5.2"); public, no auth (research §2.10). GET /api/config carries none. */
export const VERSION_PATH = "/api/version";
export const PROVIDERS_PATH = "/api/providers";
export const PROVIDER_GOVERNANCE_PATH = "/api/governance/providers";
export const VIRTUAL_KEYS_PATH = "/api/governance/virtual-keys";
/** Routing rules since v2.0 (plugins/routing), with `/{rule_id}` below it. */
export const ROUTING_RULES_PATH = "/api/routing/rules";
/** The same rules on v1.x, and a deprecated alias of ROUTING_RULES_PATH on v2 (research §2.7). */
export const LEGACY_ROUTING_RULES_PATH = "/api/governance/routing-rules";

export const virtualKeyPath = (id: string, sub = ""): string => `${VIRTUAL_KEYS_PATH}/${encodeURIComponent(id)}${sub}`;
/** One rule under either base path. */
export const routingRulePath = (base: string, id: string): string => `${base}/${encodeURIComponent(id)}`;

/** The server unescapes `{provider}` (§2.3), so custom names with any character travel percent-encoded. */
export const providerPath = (name: string, sub = ""): string => `${PROVIDERS_PATH}/${encodeURIComponent(name)}${sub}`;
export const providerGovernancePath = (name: string): string => `${PROVIDER_GOVERNANCE_PATH}/${encodeURIComponent(name)}`;

export interface WireNetworkConfig {
  base_url?: string;
  extra_headers?: Record<string, string>;
  default_request_timeout_in_seconds?: number;
  max_retries?: number;
  retry_backoff_initial?: number;
  retry_backoff_max?: number;
  [field: string]: unknown;
}

export interface WireConcurrency {
  concurrency: number;
  buffer_size: number;
}

export interface WireCustomProviderConfig {
  base_provider_type?: string;
  is_key_less?: boolean;
  [field: string]: unknown;
}

/** ProviderResponse (§2.4). `keys` is present on v1.4 only. */
export interface WireProvider {
  name: string;
  network_config?: WireNetworkConfig;
  concurrency_and_buffer_size?: WireConcurrency;
  proxy_config?: unknown;
  send_back_raw_request?: boolean;
  send_back_raw_response?: boolean;
  store_raw_request_response?: boolean;
  custom_provider_config?: WireCustomProviderConfig | null;
  provider_request_id?: unknown;
  openai_config?: unknown;
  prompt_cache?: unknown;
  provider_status?: string;
  status?: string;
  description?: string;
  keys?: unknown[];
  [field: string]: unknown;
}

/** The limit half of RateLimit: one request limit and one token limit, each with its reset window (§2.6). */
export interface WireRateLimitWrite {
  request_max_limit?: number;
  request_reset_duration?: string;
  token_max_limit?: number;
  token_reset_duration?: string;
}

export interface WireGovernance {
  provider: string;
  budgets?: unknown[];
  budget?: unknown;
  rate_limit?: unknown;
  calendar_aligned?: boolean;
}

/**
 * Blocks of a provider a PUT must carry back as read: v1.4 clears what is omitted, and v1.5 replaces
 * network_config and concurrency_and_buffer_size whole (§2.5). Redacted secrets inside travel unchanged,
 * and the server keeps the stored values.
 */
export const ECHOED_PROVIDER_FIELDS = [
  "proxy_config",
  "send_back_raw_request",
  "send_back_raw_response",
  "store_raw_request_response",
  "custom_provider_config",
  "provider_request_id",
  "openai_config",
  "prompt_cache",
] as const;
