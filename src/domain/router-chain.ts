/**
 * ngrok's routing (research §1; shared spec Router/RouterRule/RouterStep/RouterStepKey): an access key
 * configuration holds an access scope and router rules. A rule is for one provider or one provider-qualified
 * model (a model rule wins over a provider rule for the same upstream); its steps run in order, and a `user`
 * step tries its provider keys in order. So a rule is a fallback chain of credentials for one upstream, not
 * a chain across providers (ngrok falls back across models per request, with the request's `models` list).
 */

/** A provider key a step tries: its id, label and the redacted form the server shows. */
export interface RouterKey {
  id: string;
  name: string;
  keyRedacted: string;
}

/**
 * `user`: the account's provider keys, in order; `hosted`: the control plane's own inference, with no key of
 * the account (ngrok.ai inference, built-in providers only; its wire and JSON name is the backend's, below).
 */
export interface RouterStep {
  type: "user" | "hosted";
  keys: RouterKey[];
}

/** How a backend names its `hosted` step: in gw's JSON records (`type`) and for people (`label`). */
export interface HostedStepNames {
  type: string;
  label: string;
}

/** One router rule as gw shows it: for a provider, a model, or both; the steps in the order they run. */
export interface RouterChain {
  provider: string | null;
  model: string | null;
  steps: RouterStep[];
}

/** Which providers and models a key may reach; a null dimension imposes nothing, [] allows nothing. */
export interface AccessScope {
  providers: string[] | null;
  models: string[] | null;
}

/** An access key configuration: scope (null = allow-all) and rules (null = none set: ngrok's defaults). */
export interface AccessConfiguration {
  id: string;
  name: string;
  description: string | null;
  metadata: string | null;
  scope: AccessScope | null;
  rules: RouterChain[] | null;
}

/** "provider openai", "model openai:gpt-4o": what a rule is for. */
export function ruleTarget(rule: Pick<RouterChain, "provider" | "model">): string {
  if (rule.model !== null) return rule.provider !== null ? `model ${rule.model} (provider ${rule.provider})` : `model ${rule.model}`;
  return `provider ${rule.provider ?? "?"}`;
}

/** Whether two rules are for the same upstream (a model rule by its model, a provider rule by its provider). */
export function sameTarget(a: Pick<RouterChain, "provider" | "model">, b: Pick<RouterChain, "provider" | "model">): boolean {
  return a.model !== null || b.model !== null ? a.model === b.model : a.provider === b.provider;
}

/** The provider a rule's requests go to: its provider, else the model's `provider:` prefix. */
export function ruleProvider(rule: Pick<RouterChain, "provider" | "model">): string | null {
  if (rule.provider !== null) return rule.provider;
  const colon = rule.model?.indexOf(":") ?? -1;
  return colon > 0 ? rule.model!.slice(0, colon) : null;
}

/** Each step for people: its keys in order ("name (id)"), or the hosted step's label ("ngrok.ai inference"). */
export function stepHops(step: RouterStep, hosted: HostedStepNames): string[] {
  if (step.type === "hosted") return [hosted.label];
  return step.keys.length ? step.keys.map((k) => `${k.name || k.id} (${k.id}${k.keyRedacted ? `, ${k.keyRedacted}` : ""})`) : ["(no keys)"];
}

/** Rules as gw's JSON records: a hosted step under the backend's own name for it (`{type: "ngrok", keys: []}`). */
export function rulesJson(rules: readonly RouterChain[] | null, hosted: HostedStepNames): unknown {
  return rules && rules.map((r) => ({ ...r, steps: r.steps.map((s) => ({ ...s, type: s.type === "hosted" ? hosted.type : s.type })) }));
}
