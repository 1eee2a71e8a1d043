import type { AccessScope, RouterChain } from "../../domain/router-chain.js";
import type { ProviderGrant } from "../../domain/virtual-key.js";
import { UsageError } from "../../errors.js";
import type { WireAccessScope } from "./configurations-from-wire.js";

/** RouterStepKeyWrite: gw attaches existing provider keys by id; it never creates one inline (the value would travel in the configuration). */
export interface WireRouterStepWrite {
  type: "user" | "ngrok";
  keys?: { id: string }[];
  keySelectionStrategy?: "ordered";
}

export interface WireRouterRuleWrite {
  provider?: string;
  model?: string;
  steps: WireRouterStepWrite[];
}

export interface WireRouterWrite {
  rules: WireRouterRuleWrite[];
}

export interface WireConfigurationCreate {
  name: string;
  description?: string;
  metadata?: string;
  access?: WireAccessScope;
  router?: WireRouterWrite;
}

/** PATCH: absent keeps, null clears (access: allow-all; router: ngrok's defaults). */
export interface WireConfigurationUpdate {
  name?: string;
  description?: string | null;
  metadata?: string | null;
  access?: WireAccessScope | null;
  router?: WireRouterWrite | null;
}

/** A scope as AccessScope: only the dimensions that restrict. */
export function scopeToWire(scope: AccessScope): WireAccessScope {
  const wire: WireAccessScope = {};
  if (scope.providers !== null) wire.providers = { allow: [...scope.providers] };
  if (scope.models !== null) wire.models = { allow: [...scope.models] };
  return wire;
}

/** Rules as RouterWrite: keys by id, tried in order (`ordered`, the only strategy). */
export function rulesToWire(rules: readonly RouterChain[]): WireRouterWrite {
  return {
    rules: rules.map((rule) => ({
      ...(rule.provider !== null ? { provider: rule.provider } : {}),
      ...(rule.model !== null ? { model: rule.model } : {}),
      steps: rule.steps.map((step) =>
        step.type === "hosted" ? { type: "ngrok" as const } : { type: "user" as const, keys: step.keys.map((k) => ({ id: k.id })), keySelectionStrategy: "ordered" as const },
      ),
    })),
  };
}

/**
 * `--provider NAME[:MODEL,...]` -> an access scope: the providers dimension lists the names, the models
 * dimension each `NAME:MODEL` (provider-qualified, as the spec's `openai:openai/gpt-4o`). ngrok checks the two
 * dimensions independently, so a model list on some providers only would shut the others out entirely:
 * that is refused, as are weights (ngrok does not weight providers; it routes what the request names).
 */
export function scopeFromGrants(flag: string, grants: readonly ProviderGrant[]): AccessScope {
  const weighted = grants.find((g) => g.weight !== null);
  if (weighted) {
    throw new UsageError(
      `${flag} ${weighted.provider}:${weighted.weight}: ngrok does not weight providers (a request names its model); give ${flag} NAME or NAME::MODEL,...`,
    );
  }
  const withModels = grants.filter((g) => g.models !== null);
  if (withModels.length > 0 && withModels.length < grants.length) {
    const bare = grants.filter((g) => g.models === null).map((g) => g.provider);
    throw new UsageError(
      `${flag}: on ngrok the model list applies to every provider of the key, so ${bare.join(", ")} would be allowed no model; ` +
        `give models for every ${flag} or for none`,
    );
  }
  return {
    providers: grants.map((g) => g.provider),
    models: withModels.length ? withModels.flatMap((g) => (g.models ?? []).map((m) => `${g.provider}:${m}`)) : null,
  };
}

/** A step as `gw chain set` names it: `ngrok` (ngrok.ai inference), or a provider key (its id or name). */
export type HopStep = { type: "ngrok" } | { type: "key"; ref: string };

const PROVIDER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * `gw chain set <key> <provider[/model]> <step>...`: the rule's upstream, then its steps in order. The upstream
 * is `openai` (a provider rule), `openai/gpt-4o` or `openai:gpt-4o` (a model rule, written provider-qualified
 * as the spec's `openai:openai/gpt-5.5`; the model may hold slashes). A step is `ngrok`, or a provider key;
 * keys one after another form one `user` step, tried in order.
 */
export function parseRouterHops(values: readonly string[]): { target: { provider: string | null; model: string | null }; steps: HopStep[] } {
  const [first = "", ...rest] = values.map((v) => v.trim());
  const cut = [first.indexOf("/"), first.indexOf(":")].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  const provider = cut === undefined ? first : first.slice(0, cut);
  const model = cut === undefined ? null : first.slice(cut + 1);
  if (!PROVIDER.test(provider) || model === "") {
    throw new UsageError(`invalid rule target "${values[0] ?? ""}" (expected provider or provider/model, e.g. openai or openai/gpt-4o)`);
  }
  if (rest.length === 0) {
    throw new UsageError(
      "name the rule's steps after its provider[/model]: provider key ids or names (tried in order) and/or ngrok (ngrok.ai inference), " +
        "e.g. gw chain set <key> openai <provider-key> ngrok",
    );
  }
  return {
    target: model === null ? { provider, model: null } : { provider: null, model: `${provider}:${model}` },
    steps: rest.map((ref) => (ref === "ngrok" ? { type: "ngrok" as const } : { type: "key" as const, ref })),
  };
}
