import type { RouteFallback, RouteTarget, RoutingRule, RuleScope } from "../../domain/chain.js";
import { isRecord } from "../wire-check.js";

const SCOPES: readonly RuleScope[] = ["global", "team", "customer", "virtual_key"];
const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** "provider/model"; the model may itself contain slashes (openrouter/meta-llama/...), so split at the first. */
export function parseFallback(value: string): RouteFallback {
  const slash = value.indexOf("/");
  return slash > 0 ? { provider: value.slice(0, slash), model: value.slice(slash + 1) || null } : { provider: null, model: value };
}

/**
 * One fallback as the server sends it: a "provider/model" string (the documented form, research §2.7), or a
 * `{provider, model}` object, the inference API's Fallback shape, which some builds return. Entries that name
 * neither are dropped.
 */
export function fallbackFromWire(f: unknown): RouteFallback[] {
  if (typeof f === "string") return f === "" ? [] : [parseFallback(f)];
  if (!isRecord(f)) return [];
  const provider = text(f.provider);
  const model = text(f.model);
  return provider || model ? [{ provider, model }] : [];
}

function target(t: unknown): RouteTarget[] {
  if (!isRecord(t) || typeof t.weight !== "number") return [];
  return [{ provider: text(t.provider), model: text(t.model), keyId: text(t.key_id), weight: t.weight }];
}

/** A routing rule (§2.7) as gw shows it; defaults as the create request documents them (enabled, global, priority 0). */
export function toRoutingRule(r: unknown): RoutingRule[] {
  if (!isRecord(r) || typeof r.id !== "string") return [];
  const scope = SCOPES.includes(r.scope as RuleScope) ? (r.scope as RuleScope) : "global";
  return [
    {
      id: r.id,
      name: text(r.name) ?? r.id,
      description: text(r.description),
      enabled: r.enabled !== false,
      chainRule: r.chain_rule === true,
      condition: text(r.cel_expression) ?? "",
      scope,
      scopeId: text(r.scope_id),
      priority: typeof r.priority === "number" ? r.priority : 0,
      targets: Array.isArray(r.targets) ? r.targets.flatMap(target) : [],
      fallbacks: Array.isArray(r.fallbacks) ? r.fallbacks.flatMap(fallbackFromWire) : [],
    },
  ];
}
