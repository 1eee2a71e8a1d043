import { withRaw, type WithRaw } from "../../domain/binding.js";
import type { ModelProvider, VirtualKey } from "../../domain/virtual-key.js";
import { field, isNullableString, isRecord, isString, optional, unexpected } from "../wire-check.js";

/**
 * Virtual keys in both LangWatch eras (research §2.7-2.8 era a, §3.3-3.4 era b), one normalized record.
 * Era a: `provider_credential_ids` is the chain; `config.fallback.{on,maxAttempts}` say how it is walked.
 * Era b: no chain; `routing_mode` + `routing_policy_id` + `config.providersAllowed` + `config.fallback.maxAttempts`.
 */
export function toVirtualKey(item: unknown, what: string): WithRaw<VirtualKey> {
  if (!isRecord(item)) throw unexpected(what, "a virtual key is not an object");
  const str = (key: string) => field(what, item, key, optional(isNullableString), "a string or null") ?? null;
  const config = isRecord(item.config) ? item.config : {};
  const fallback = isRecord(config.fallback) ? config.fallback : {};
  const limits = isRecord(config.rateLimits) ? config.rateLimits : {};
  const chain = Array.isArray(item.provider_credential_ids) ? item.provider_credential_ids.filter(isString) : null;
  const status = str("status");
  return withRaw(
    {
      id: field(what, item, "id", isString, "a string"),
      backend: "langwatch",
      name: str("name") ?? "",
      description: str("description"),
      status: status === "revoked" || status === "disabled" ? status : "active",
      environment: str("environment"),
      displayPrefix: str("display_prefix"),
      chain,
      routingMode: str("routing_mode"),
      routingPolicyId: str("routing_policy_id"),
      providersAllowed: stringList(config.providersAllowed),
      maxAttempts: numberOrNull(fallback.maxAttempts),
      fallbackOn: chain ? (stringList(fallback.on) ?? DEFAULT_FALLBACK_ON) : null,
      rpm: numberOrNull(limits.rpm),
      tpm: numberOrNull(limits.tpm),
      rpd: numberOrNull(limits.rpd),
      createdAt: str("created_at"),
      lastUsedAt: str("last_used_at"),
      revokedAt: str("revoked_at"),
      // Bifrost-only fields (provider configs, budgets, raw rate-limit windows, owners): LangWatch has none.
      providerConfigs: null,
      allowAllProviders: false,
      budgets: null,
      rateLimit: null,
      teamId: null,
      customerId: null,
    },
    item,
  );
}

// Era a's schema default for config.fallback.on (virtualKey.config.ts), used when the server omits it.
const DEFAULT_FALLBACK_ON = ["5xx", "timeout", "rate_limit_exceeded"];

export function virtualKeyFromBody(body: unknown, what: string): WithRaw<VirtualKey> {
  if (!isRecord(body) || !isRecord(body.virtual_key)) throw unexpected(what, `expected {"virtual_key": {...}}`);
  return toVirtualKey(body.virtual_key, what);
}

/**
 * The one-time secret of a create or rotate, or "" when the answer carries none (a server that reveals it
 * elsewhere, once, or a shape gw does not know): the key exists either way, so this is not a failure.
 */
export function secretFromBody(body: unknown): string {
  return isRecord(body) && typeof body.secret === "string" ? body.secret : "";
}

/** GET /api/model-providers: an object keyed by provider key (§2.6). */
export function modelProvidersFromBody(body: unknown, what: string): ModelProvider[] {
  if (!isRecord(body)) throw unexpected(what, "expected an object keyed by provider");
  return Object.entries(body).flatMap(([key, value]) => {
    if (!isRecord(value)) return [];
    const id = typeof value.id === "string" && value.id ? value.id : null;
    return [
      {
        id,
        provider: typeof value.provider === "string" ? value.provider : key,
        enabled: value.enabled === true,
        stored: id !== null,
        models: stringList(value.models) ?? [],
      },
    ];
  });
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter(isString) : null;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}
