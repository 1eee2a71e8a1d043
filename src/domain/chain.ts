import type { Binding } from "./binding.js";
import type { VirtualKey } from "./virtual-key.js";

/** One step of a fallback chain: its position label and the binding it points at (null if unknown). */
export interface ChainHop {
  position: number;
  /** "primary", "fallback-1", ...: the order the gateway walks; the binding's own slot may differ. */
  label: string;
  bindingId: string;
  binding: Binding | null;
}

export function hopLabel(position: number): string {
  return position === 0 ? "primary" : `fallback-${position}`;
}

/** Join a key's ordered binding ids with the bindings list (LangWatch era a, research §2.8). */
export function resolveChain(key: VirtualKey, bindings: readonly Binding[]): ChainHop[] {
  const byId = new Map(bindings.map((b) => [b.id, b]));
  return (key.chain ?? []).map((bindingId, position) => ({
    position,
    label: hopLabel(position),
    bindingId,
    binding: byId.get(bindingId) ?? null,
  }));
}

/** "600 rpm / 10000 rpd", or "inherit" when the binding sets no limit. */
export function limitsText(limits: { rpm: number | null; tpm: number | null; rpd: number | null }): string {
  const parts = [
    limits.rpm !== null ? `${limits.rpm} rpm` : null,
    limits.tpm !== null ? `${limits.tpm} tpm` : null,
    limits.rpd !== null ? `${limits.rpd} rpd` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(" / ") : "inherit";
}

/** "primary (openai, 600 rpm, healthy)"; a disabled hop says so. */
export function hopText(hop: ChainHop): string {
  const b = hop.binding;
  if (!b) return `${hop.label} (unknown binding ${hop.bindingId})`;
  const details = [b.provider, limitsText(b)];
  if (b.health && b.health !== "unknown") details.push(b.health);
  if (b.status === "disabled") details.push("disabled");
  // The slot is cosmetic (dispatch follows the chain order, research §2.8): show it only when it differs.
  if (b.slot && b.slot !== hop.label) details.push(`slot ${b.slot}`);
  return `${hop.label} (${details.join(", ")})`;
}

/** Where a Bifrost routing rule applies (research §2.7). */
export type RuleScope = "global" | "team" | "customer" | "virtual_key";

/** Where a rule sends a share of requests; null provider/model = the request's own. */
export interface RouteTarget {
  provider: string | null;
  model: string | null;
  keyId: string | null;
  weight: number;
}

export interface RouteFallback {
  provider: string | null;
  model: string | null;
}

/**
 * A routing rule: when `condition` (a CEL expression) matches a request, it goes to the weighted `targets`,
 * then to `fallbacks` in order. Bifrost keeps fallbacks here, not on the key, so this is its chain.
 */
export interface RoutingRule {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  chainRule: boolean;
  condition: string;
  scope: RuleScope;
  scopeId: string | null;
  /** Lower is evaluated first. */
  priority: number;
  targets: RouteTarget[];
  fallbacks: RouteFallback[];
}

const SCOPE_ORDER: Record<RuleScope, number> = { virtual_key: 0, team: 1, customer: 2, global: 3 };

/**
 * The rules whose scope covers the key (its own, its team's, its customer's, and global ones), by priority.
 * Within one priority the narrower scope is listed first; the API does not say how it breaks such ties.
 */
export function rulesForKey(rules: readonly RoutingRule[], key: Pick<VirtualKey, "id" | "teamId" | "customerId">): RoutingRule[] {
  const applies = (r: RoutingRule): boolean =>
    r.scope === "global" ||
    (r.scope === "virtual_key" && r.scopeId === key.id) ||
    (r.scope === "team" && r.scopeId !== null && r.scopeId === key.teamId) ||
    (r.scope === "customer" && r.scopeId !== null && r.scopeId === key.customerId);
  return rules
    .filter(applies)
    .sort((a, b) => a.priority - b.priority || SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope] || a.name.localeCompare(b.name));
}

/** Weights as whole percentages of their sum ("70%"); null weights are left out of weighting. */
export function weightShares(weights: readonly (number | null)[]): (string | null)[] {
  const total = weights.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  return weights.map((w) => (w === null || total <= 0 ? null : `${Math.round((w / total) * 1000) / 10}%`));
}

/** "openai/gpt-4o", "openai" (the request's model), "*\/gpt-4o" (the request's provider), with a pinned key. */
export function routeText(r: { provider: string | null; model: string | null; keyId?: string | null }): string {
  const where = r.model ? `${r.provider ?? "*"}/${r.model}` : (r.provider ?? "(as requested)");
  return r.keyId ? `${where} [key ${r.keyId}]` : where;
}
