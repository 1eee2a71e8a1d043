import { routeText, weightShares, type RoutingRule } from "../../domain/chain.js";
import type { VirtualKey } from "../../domain/virtual-key.js";
import { RejectedError, UsageError } from "../../errors.js";
import { oneLine } from "../../redact.js";

/**
 * `gw chain set <vk> <provider[/model]>...` on Bifrost, where fallbacks live in routing rules (research §2.7):
 * the key's chain is its catch-all rule, scope virtual_key with the key's id and condition `true`. The first hop
 * is its one target, the others its fallbacks ("provider/model" strings). Pure: chain-writes.ts reads and sends.
 */

export interface Hop {
  provider: string;
  /** null: the model the request asks for. */
  model: string | null;
}

const PROVIDER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** "openai", "openai/gpt-4o", "openrouter/meta-llama/llama-3.3-70b" (the model may hold slashes: split at the first). */
export function parseHop(value: string): Hop {
  const text = value.trim();
  const slash = text.indexOf("/");
  const provider = slash < 0 ? text : text.slice(0, slash);
  const model = slash < 0 ? null : text.slice(slash + 1).trim();
  if (!PROVIDER.test(provider) || model === "") {
    throw new UsageError(`invalid hop "${value}" (expected provider or provider/model, e.g. openai/gpt-4o)`);
  }
  return { provider, model };
}

/** The hops of a chain: the first may leave the model to the request; a fallback is "provider/model", as Bifrost takes it. */
export function parseHops(values: readonly string[]): Hop[] {
  if (values.length === 0) throw new UsageError("name at least one hop: provider[/model], primary first");
  const hops = values.map(parseHop);
  const bare = hops.slice(1).find((h) => h.model === null);
  if (bare) {
    throw new UsageError(
      `fallback "${bare.provider}" needs a model: Bifrost's fallbacks are provider/model strings (e.g. ${bare.provider}/<model>); only the first hop may leave the model to the request`,
    );
  }
  return hops;
}

export const fallbackText = (h: Hop): string => `${h.provider}/${h.model}`;

export interface WireTargetWrite {
  provider: string;
  model?: string;
  weight: number;
}

function targetOf(h: Hop): WireTargetWrite {
  return h.model === null ? { provider: h.provider, weight: 1 } : { provider: h.provider, model: h.model, weight: 1 };
}

export interface WireRuleCreate {
  name: string;
  description: string;
  enabled: boolean;
  cel_expression: string;
  targets: WireTargetWrite[];
  fallbacks: string[];
  scope: "virtual_key";
  scope_id: string;
  priority: number;
}

export interface WireRuleUpdate {
  enabled?: boolean;
  targets?: WireTargetWrite[];
  fallbacks: string[];
}

export type ChainPlan = { kind: "create"; body: WireRuleCreate } | { kind: "update"; rule: RoutingRule; body: WireRuleUpdate };

export const CATCH_ALL = "true";

/** The key's own rules: scope virtual_key with its id. Team, customer and global rules are never written. */
export function keyRules(rules: readonly RoutingRule[], keyId: string): RoutingRule[] {
  return rules.filter((r) => r.scope === "virtual_key" && r.scopeId === keyId);
}

/**
 * The rule gw writes: the key's first catch-all (condition `true`) in evaluation order, enabled ones first.
 * Its conditional rules are left alone: within a scope rules run by priority, so a new catch-all goes after them.
 */
export function chainRuleOf(rules: readonly RoutingRule[], keyId: string): RoutingRule | undefined {
  return keyRules(rules, keyId)
    .filter((r) => r.condition.trim() === CATCH_ALL)
    .sort((a, b) => Number(b.enabled) - Number(a.enabled) || a.priority - b.priority)[0];
}

const sameHop = (t: RoutingRule["targets"][number], h: Hop): boolean => t.provider === h.provider && (t.model ?? null) === h.model;

/**
 * Create the key's catch-all rule, or update it: fallbacks replaced; the target replaced by the first hop when the
 * rule has one target. A rule that splits by weight over several targets keeps them when the first hop is its first
 * target (only the fallbacks change) and is refused otherwise (exit 5): one target would destroy the weights.
 */
export function planChain(key: Pick<VirtualKey, "id" | "name">, rules: readonly RoutingRule[], hops: readonly Hop[], rulePath: (id: string) => string): ChainPlan {
  const [first, ...rest] = hops;
  if (!first) throw new UsageError("name at least one hop: provider[/model], primary first");
  const fallbacks = rest.map(fallbackText);
  const rule = chainRuleOf(rules, key.id);
  if (!rule) {
    const own = keyRules(rules, key.id);
    const priority = own.length ? Math.max(...own.map((r) => r.priority)) + 1 : 0;
    return {
      kind: "create",
      body: {
        name: `gw chain ${key.name || key.id}`,
        description: `Fallback chain of virtual key ${key.name || key.id}, written by gw chain set`,
        enabled: true,
        cel_expression: CATCH_ALL,
        targets: [targetOf(first)],
        fallbacks,
        scope: "virtual_key",
        scope_id: key.id,
        priority,
      },
    };
  }
  const body: WireRuleUpdate = { fallbacks };
  if (!rule.enabled) body.enabled = true;
  if (rule.targets.length > 1) {
    if (!sameHop(rule.targets[0]!, first)) {
      const shares = weightShares(rule.targets.map((t) => t.weight));
      const split = rule.targets.map((t, i) => `${routeText(t)} ${shares[i] ?? ""}`.trim()).join(" | ");
      // Names and routes come from the server: one line, without its control characters.
      throw new RejectedError(oneLine(
        `rule "${rule.name}" (${rule.id}) of virtual key ${key.id} routes by weight over ${rule.targets.length} targets (${split}); ` +
          `gw chain set would replace them with one and lose the weights. Name its first target (${routeText(rule.targets[0]!)}) ` +
          `as the first hop to change only the fallbacks, or edit the rule in the dashboard or with gw api PUT ${rulePath(rule.id)}`,
      ));
    }
  } else if (!(rule.targets.length === 1 && sameHop(rule.targets[0]!, first))) {
    body.targets = [targetOf(first)];
  }
  return { kind: "update", rule, body };
}
