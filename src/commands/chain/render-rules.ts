import type { ChalkInstance } from "chalk";
import { routeText, weightShares, type RoutingRule } from "../../domain/chain.js";
import type { VirtualKey, VkProviderConfig } from "../../domain/virtual-key.js";
import { cell } from "../../output/render.js";
import { weightedProviders } from "../vk/view.js";

/**
 * Where fallbacks live in routing rules (Bifrost, research §2.7), the key's "chain" is each rule that applies
 * to it: its weighted targets, then its fallbacks in order. Said plainly: gw does not evaluate the rules'
 * CEL conditions, so it cannot tell which rule serves a given request.
 */
export function renderRoutingChains(
  key: VirtualKey,
  rules: readonly RoutingRule[] | null,
  opts: { columns: number; chalk: ChalkInstance },
): string {
  const { chalk } = opts;
  const lines = [`Virtual key ${cell(key.id)} (${cell(key.name)}), ${key.status}`];
  if (key.providerConfigs) lines.push(`Providers by weight: ${providersText(key, key.providerConfigs)}`);
  if (rules === null) {
    lines.push("This server has no routing-rules API, so gw cannot show fallbacks for this key.");
    return lines.join("\n") + "\n";
  }
  if (rules.length === 0) {
    lines.push("No routing rule applies to this key: requests go to its providers by weight, with no configured fallback.");
    return lines.join("\n") + "\n";
  }
  lines.push("Routing rules that apply, in evaluation order (lower priority first):");
  rules.forEach((rule, i) => {
    const head = `${i + 1}. ${ruleHead(rule)}:`;
    const hops = ruleHops(rule).map(cell);
    const oneLine = `${head} ${hops.join(" -> ")}`;
    const style = (t: string) => (rule.enabled ? t : chalk.dim(t));
    if (cell(oneLine).length <= opts.columns) lines.push(style(cell(oneLine)));
    else lines.push(style(cell(head)), ...hops.map((h, j) => style(j === 0 ? `       ${h}` : `    -> ${h}`)));
  });
  lines.push(
    "Bifrost tries the rules in this order and uses one whose condition matches the request; gw does not evaluate the " +
      "conditions, so it cannot say which rule serves a given request. A request no rule matches goes to the providers by weight.",
  );
  return lines.join("\n") + "\n";
}

/** The weighted providers; an allow-all key (Bifrost v2.1+) reaches every other provider too. */
function providersText(key: VirtualKey, configs: readonly VkProviderConfig[]): string {
  const weighted = cell(weightedProviders(configs));
  if (key.allowAllProviders) return weighted ? `${weighted} | all other providers` : "all providers";
  return weighted || "none";
}

const SCOPE_TEXT = { virtual_key: () => "this key", team: (id: string) => `team ${id}`, customer: (id: string) => `customer ${id}`, global: () => "global" };

function ruleHead(rule: RoutingRule): string {
  const parts = [`priority ${rule.priority}`, SCOPE_TEXT[rule.scope](rule.scopeId ?? "?")];
  if (!rule.enabled) parts.push("disabled");
  else if (rule.condition) parts.push(`when ${rule.condition}`);
  if (rule.chainRule) parts.push("chain rule");
  return `rule "${rule.name}" (${parts.join(", ")})`;
}

/** The first hop is the weighted targets ("openai/gpt-4o 70% | azure/gpt-4o 30%"), then each fallback. */
function ruleHops(rule: RoutingRule): string[] {
  const shares = weightShares(rule.targets.map((t) => t.weight));
  const targets = rule.targets.map((t, i) => (rule.targets.length > 1 ? `${routeText(t)} ${shares[i]}` : routeText(t))).join(" | ");
  const fallbacks = rule.fallbacks.map(routeText);
  return [targets || "(no target)", ...(fallbacks.length ? fallbacks : ["(no fallback)"])];
}

/** -o json: the key's weighted providers and the applicable rules as gw's records. */
export function routingChainsJson(key: VirtualKey, rules: readonly RoutingRule[] | null): unknown {
  const configs = key.providerConfigs ?? [];
  const shares = weightShares(configs.map((c) => c.weight));
  return {
    virtualKeyId: key.id,
    name: key.name,
    status: key.status,
    allowAllProviders: key.allowAllProviders,
    providers: configs.map((c, i) => ({ provider: c.provider, weight: c.weight, share: shares[i] })),
    rules,
  };
}
