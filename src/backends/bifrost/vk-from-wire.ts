import { withRaw, type WithRaw } from "../../domain/binding.js";
import type { VirtualKey, VkProviderConfig } from "../../domain/virtual-key.js";
import { field, isRecord, isString, unexpected } from "../wire-check.js";
import { displaySecret, maskSecrets } from "./mask.js";
import { budgetsFromWire } from "./provider-from-wire.js";
import { standardLimits, windowsFromWire } from "./rate-limit.js";
import type { Generation } from "./version.js";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isString) : []);
const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * An allow-list in gw's terms: null = all, [] = none. v1.5 made the lists deny-by-default ([] = none,
 * ["*"] = all); on v1.4, [] meant all (research §2.1).
 */
export function allowList(value: unknown, generation: Generation): string[] | null {
  if (!Array.isArray(value)) return null;
  const list = strings(value);
  if (list.includes("*")) return null;
  if (list.length === 0 && generation === "1.4") return null;
  return list;
}

function providerConfig(pc: unknown, generation: Generation): VkProviderConfig[] {
  if (!isRecord(pc) || typeof pc.provider !== "string") return [];
  const rateLimit = windowsFromWire(pc.rate_limit);
  // Which keys a config may use: allow_all_keys, else the ids of its `keys` (entries are opaque; read `key_id` or `id`).
  const keyIds =
    pc.allow_all_keys === true || !Array.isArray(pc.keys)
      ? null
      : pc.keys.flatMap((k) => (isRecord(k) ? [k.key_id ?? k.id].filter(isString) : []));
  return [
    {
      provider: pc.provider,
      weight: typeof pc.weight === "number" ? pc.weight : null,
      allowedModels: allowList(pc.allowed_models, generation),
      blockedModels: strings(pc.blacklisted_models),
      keyIds,
      budgets: budgetsFromWire(pc.budgets),
      ...standardLimits(rateLimit),
      rateLimit,
    },
  ];
}

/**
 * A Bifrost virtual key (§2.6) as gw's record; its `value` (the sk-bf-... credential) is only ever shown masked.
 * `allow_all_providers` (v2.1+; absent on older servers, = false) grants every configured provider, ones added
 * later included, whatever provider_configs lists: then providersAllowed is null (all reachable).
 */
export function toVirtualKey(item: unknown, what: string, generation: Generation): WithRaw<VirtualKey> {
  if (!isRecord(item)) throw unexpected(what, "a virtual key is not an object");
  const rateLimit = windowsFromWire(item.rate_limit);
  const configs = Array.isArray(item.provider_configs) ? item.provider_configs.flatMap((pc) => providerConfig(pc, generation)) : [];
  const allowAllProviders = item.allow_all_providers === true;
  return withRaw(
    {
      id: field(what, item, "id", isString, "a string"),
      backend: "bifrost",
      name: text(item.name) ?? "",
      description: text(item.description),
      status: item.is_active === false ? "disabled" : "active",
      environment: null,
      displayPrefix: displaySecret(item.value),
      chain: null,
      routingMode: null,
      routingPolicyId: null,
      providersAllowed: allowAllProviders ? null : configs.map((c) => c.provider),
      maxAttempts: null,
      fallbackOn: null,
      ...standardLimits(rateLimit),
      createdAt: text(item.created_at),
      lastUsedAt: null,
      revokedAt: null,
      providerConfigs: configs,
      allowAllProviders,
      budgets: budgetsFromWire(item.budgets),
      rateLimit,
      teamId: text(item.team_id),
      customerId: text(item.customer_id),
    },
    maskSecrets(item),
  );
}
