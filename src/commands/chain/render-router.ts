import type { ChalkInstance } from "chalk";
import { rulesJson, ruleTarget, stepHops, type AccessConfiguration, type AccessScope, type HostedStepNames, type RouterChain } from "../../domain/router-chain.js";
import type { VirtualKey } from "../../domain/virtual-key.js";
import { cell } from "../../output/cell-text.js";

const DEFAULTS =
  "built-in providers go through ngrok.ai inference, user-defined ones fail until a rule with provider keys exists";

/**
 * An ngrok access key's chains (research §1, shared spec Router): one per router rule of its configuration,
 * for a provider or a model, walking the rule's steps in order and each step's keys in order. A key without
 * a configuration is said so in one line (allow-all, ngrok's defaults): that is not an error.
 */
export function renderRouterChains(
  key: VirtualKey,
  configuration: AccessConfiguration | null,
  sharedWith: readonly string[],
  rules: readonly RouterChain[] | null,
  hosted: HostedStepNames,
  opts: { columns: number; chalk: ChalkInstance },
): string {
  const lines = [`Access key ${cell(key.id)}${key.name ? ` (${cell(key.name)})` : ""}`];
  if (rules === null || configuration === null) {
    lines.push(`No access key configuration: allow-all scope and ngrok's default routing (${DEFAULTS}).`);
    return lines.join("\n") + "\n";
  }
  const shared = sharedWith.length ? `, shared with access key${sharedWith.length === 1 ? "" : "s"} ${sharedWith.map(cell).join(", ")}` : "";
  lines.push(`Configuration ${cell(configuration.id)} (${cell(configuration.name)})${shared}`);
  lines.push(`Access: ${scopeText(configuration.scope)}`);
  if (rules.length === 0) {
    lines.push(`No router rules: ngrok's default routing applies (${DEFAULTS}).`);
    return lines.join("\n") + "\n";
  }
  lines.push("Router rules (steps in order; a model rule wins over a provider rule for the same upstream):");
  rules.forEach((rule, i) => {
    const head = `${i + 1}. ${cell(ruleTarget(rule))}:`;
    const hops = rule.steps.flatMap((s) => stepHops(s, hosted)).map(cell);
    const oneLine = `${head} ${hops.join(" -> ") || "(no steps)"}`;
    if (oneLine.length <= opts.columns || hops.length <= 1) lines.push(oneLine);
    else lines.push(head, ...hops.map((h, j) => (j === 0 ? `       ${h}` : `    -> ${h}`)));
  });
  lines.push(opts.chalk.dim(`Upstreams without a rule use ngrok's defaults (${DEFAULTS}).`));
  return lines.join("\n") + "\n";
}

/** "providers openai, my-ollama; models any" (a null dimension allows any; [] none). */
export function scopeText(scope: AccessScope | null): string {
  if (scope === null || (scope.providers === null && scope.models === null)) return "allow-all (every provider and model)";
  const dim = (list: string[] | null) => (list === null ? "any" : list.length ? list.map(cell).join(", ") : "none");
  return `providers ${dim(scope.providers)}; models ${dim(scope.models)}`;
}

/** -o json: the key, its configuration (null: none), the keys sharing it, and the rules as gw's records. */
export function routerChainsJson(
  key: VirtualKey,
  configuration: AccessConfiguration | null,
  sharedWith: readonly string[],
  rules: readonly RouterChain[] | null,
  hosted: HostedStepNames,
): unknown {
  return {
    virtualKeyId: key.id,
    name: key.name,
    configuration: configuration && { id: configuration.id, name: configuration.name },
    sharedWith,
    access: configuration?.scope ?? null,
    rules: rulesJson(rules, hosted),
  };
}
