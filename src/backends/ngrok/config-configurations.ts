import { isMap, isScalar, isSeq, type Node, type YAMLMap } from "yaml";
import type { Backend } from "../backend.js";
import type { AccessConfiguration, AccessScope, RouterChain } from "../../domain/router-chain.js";
import { ruleProvider } from "../../domain/router-chain.js";
import { GwError, UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { nodeOf, type Validator } from "../../config/validator.js";
import type { ResourceKind, ResourceSpec } from "../../config/resource-kind.js";
import { configurationsBehind } from "./access-keys.js";
import type { NgrokConfigurations } from "./configurations.js";
import { rulesToWire, scopeToWire, type WireConfigurationUpdate } from "./configurations-to-wire.js";

/**
 * ngrok access key configurations in a document, named by name (portable: no ids):
 *   configurations: [{name, description, metadata, access: {providers: [...], models: [...]}, rules: [...]}]
 * `access: null` is allow-all; a dimension left out allows any. A rule is for a `provider` or a provider-
 * qualified `model` (`openai:gpt-4o`); its `steps` run in order, each `ngrok` or `{keys: [...]}` naming the
 * provider's keys by name (an id works too) in the order they are tried. `rules: []` leaves ngrok's defaults.
 */
export type StepSpec = "ngrok" | { keys: string[] };
export interface RuleSpec {
  provider?: string;
  model?: string;
  steps: StepSpec[];
}

/** This backend's configurations API (registered behind its virtualKeys part; see access-keys.ts). */
export function configurationsOf(backend: Backend): NgrokConfigurations {
  const api = configurationsBehind(backend.virtualKeys);
  if (!api) throw new UsageError(`the ${backend.info.name} backend has no access key configurations`);
  return api;
}

function accessSpec(scope: AccessScope | null): ResourceSpec | null {
  if (scope === null || (scope.providers === null && scope.models === null)) return null;
  return { ...(scope.providers !== null ? { providers: scope.providers } : {}), ...(scope.models !== null ? { models: scope.models } : {}) };
}

/** Rules as the document writes them; a key by its name where it has one. */
export function rulesSpec(rules: readonly RouterChain[] | null): RuleSpec[] {
  return (rules ?? []).map((r) => ({
    ...(r.provider !== null ? { provider: r.provider } : {}),
    ...(r.model !== null ? { model: r.model } : {}),
    steps: r.steps.map((s): StepSpec => (s.type === "hosted" ? "ngrok" : { keys: s.keys.map((k) => k.name || k.id) })),
  }));
}

export function configurationSpec(c: AccessConfiguration): ResourceSpec {
  return { name: c.name, description: c.description, metadata: c.metadata, access: accessSpec(c.scope), rules: rulesSpec(c.rules) };
}

function scopeOf(access: unknown): AccessScope | null {
  if (access === null || typeof access !== "object") return null;
  const a = access as { providers?: string[]; models?: string[] };
  return { providers: a.providers ?? null, models: a.models ?? null };
}

/**
 * Rules with key names resolved to ids, from the provider keys of each rule's provider (an id that is a key's
 * id stays). A dry run keeps a name it cannot resolve; a real run fails on it (exit 4) before writing.
 */
async function resolveRules(backend: Backend, config: string, rules: readonly RuleSpec[], dryRun: boolean): Promise<RouterChain[]> {
  const needsKeys = rules.some((r) => r.steps.some((s) => s !== "ngrok"));
  const keys = needsKeys && backend.providerKeys ? await backend.providerKeys.list() : [];
  return rules.map((r) => {
    const target = { provider: r.provider ?? null, model: r.model ?? null };
    const provider = ruleProvider(target);
    const own = keys.filter((k) => k.provider === provider);
    const idOf = (ref: string): string => {
      if (own.some((k) => k.id === ref) || !backend.providerKeys) return ref;
      const named = own.filter((k) => k.name === ref);
      if (named.length === 1) return named[0]!.id;
      if (named.length > 1) throw new UsageError(`configuration ${config}: provider ${provider} has ${named.length} keys named ${ref}; name it by id`);
      if (dryRun) return `<id of ${ref}>`;
      throw new GwError(`configuration ${config}: rule for ${provider} names provider key ${ref}, which ${provider} does not have`, ExitCode.NotFound);
    };
    return {
      ...target,
      steps: r.steps.map((s) => (s === "ngrok" ? { type: "hosted" as const, keys: [] } : { type: "user" as const, keys: s.keys.map((k) => ({ id: idOf(k), name: k, keyRedacted: "" })) })),
    };
  });
}

const sorted = (list: unknown) => (Array.isArray(list) ? [...list].map(String).sort() : list);

export const ngrokConfigurations: ResourceKind = {
  section: "configurations",
  noun: "configuration",
  label: "access key configuration",
  keyFields: ["name"],
  fields: ["description", "metadata", "access", "rules"],
  // Scope entries are sets; rules keep their order (steps and keys are tried in it).
  same(field, current, desired) {
    if (field !== "access") return undefined;
    // `access: {}` restricts nothing: the same as null (allow-all), which is how the server reads it back.
    const norm = (a: unknown) => {
      const scope = a && typeof a === "object" ? (a as ResourceSpec) : {};
      return scope.providers === undefined && scope.models === undefined ? null : { providers: sorted(scope.providers), models: sorted(scope.models) };
    };
    return JSON.stringify(norm(current)) === JSON.stringify(norm(desired));
  },

  parse(v, item, path) {
    v.onlyKeys(item, path, ["name", "description", "metadata", "access", "rules"]);
    const name = v.string(item, "name", path, true) ?? "";
    if ([...name].length > 255) v.fail(nodeOf(item, "name"), `${path}.name: at most 255 characters`);
    const spec: ResourceSpec = { name };
    for (const field of ["description", "metadata"] as const) {
      const value = v.nullableString(item, field, path);
      if (value !== undefined) spec[field] = value;
    }
    const access = v.mapping(item, "access", path);
    if (access === null) spec.access = null;
    else if (access) {
      v.onlyKeys(access, `${path}.access`, ["providers", "models"]);
      const providers = v.stringList(access, "providers", `${path}.access`);
      const models = v.stringList(access, "models", `${path}.access`);
      spec.access = { ...(providers ? { providers } : {}), ...(models ? { models } : {}) };
    }
    const rules = nodeOf(item, "rules");
    if (rules !== undefined) spec.rules = isScalar(rules) && rules.value === null ? [] : v.list(rules, `${path}.rules`, (rule, at) => parseRule(v, rule, at));
    return spec;
  },

  async read(backend) {
    return (await configurationsOf(backend).list()).map((c) => ({ key: c.name, id: c.id, spec: configurationSpec(c) }));
  },

  async create(backend, spec, ctx) {
    const name = String(spec.name);
    const rules = Array.isArray(spec.rules) && spec.rules.length ? await resolveRules(backend, name, spec.rules as RuleSpec[], ctx.dryRun) : [];
    const scope = scopeOf(spec.access);
    await configurationsOf(backend).create({
      name,
      ...(typeof spec.description === "string" ? { description: spec.description } : {}),
      ...(typeof spec.metadata === "string" ? { metadata: spec.metadata } : {}),
      ...(scope ? { access: scopeToWire(scope) } : {}),
      ...(rules.length ? { router: rulesToWire(rules) } : {}),
    });
  },

  async update(backend, id, changed, current, ctx) {
    const body: WireConfigurationUpdate = {};
    if ("description" in changed) body.description = (changed.description as string | null) ?? null;
    if ("metadata" in changed) body.metadata = (changed.metadata as string | null) ?? null;
    if ("access" in changed) {
      const scope = scopeOf(changed.access);
      body.access = scope ? scopeToWire(scope) : null;
    }
    if ("rules" in changed) {
      const rules = await resolveRules(backend, String(current.name), (changed.rules as RuleSpec[] | null) ?? [], ctx.dryRun);
      body.router = rules.length ? rulesToWire(rules) : null;
    }
    await configurationsOf(backend).update(id, body);
  },

  // A 409 (keys still link it) names them; the keys section is applied after this one.
  prune: { delete: (backend, id) => configurationsOf(backend).remove(id) },
};

function parseRule(v: Validator, rule: YAMLMap, at: string): RuleSpec {
  v.onlyKeys(rule, at, ["provider", "model", "steps"]);
  const provider = v.string(rule, "provider", at, false);
  const model = v.string(rule, "model", at, false);
  if (provider === undefined && model === undefined) v.fail(rule, `${at}: a rule needs a provider or a model`);
  if (model !== undefined && !/^[^:]+:./.test(model)) v.fail(nodeOf(rule, "model"), `${at}.model: must be provider-qualified, e.g. openai:gpt-4o`);
  const stepsNode = nodeOf(rule, "steps");
  if (stepsNode === undefined) v.fail(rule, `${at}.steps: required`);
  const steps = stepsNode === undefined ? [] : v.list(stepsNode, `${at}.steps`, (_s, stepAt, raw) => parseStep(v, raw, stepAt), true);
  if (stepsNode !== undefined && isSeq(stepsNode) && stepsNode.items.length === 0) v.fail(stepsNode, `${at}.steps: at least one step`);
  return { ...(provider !== undefined ? { provider } : {}), ...(model !== undefined ? { model } : {}), steps };
}

function parseStep(v: Validator, raw: Node, at: string): StepSpec {
  if (isScalar(raw) && raw.value === "ngrok") return "ngrok";
  if (isMap(raw)) {
    v.onlyKeys(raw, at, ["keys"]);
    const keys = v.stringList(raw, "keys", at);
    if (!keys?.length) v.fail(raw, `${at}.keys: at least one provider key`);
    return { keys: keys ?? [] };
  }
  v.fail(raw, `${at}: must be ngrok or {keys: [provider key names]}`);
  return "ngrok";
}
