import { isScalar, type YAMLMap } from "yaml";
import type { RouteFallback, RouteTarget, RoutingRule, RuleScope } from "../../domain/chain.js";
import { GwError, UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { nodeOf, type Validator } from "../../config/validator.js";
import type { ApplyContext, ResourceKind, ResourceSpec } from "../../config/resource-kind.js";
import { cell } from "../../output/render.js";
import type { Backend } from "../backend.js";
import { routingRulesBehind, type BifrostRoutingRules, type WireRuleWrite, type WireTargetWithKey } from "./rule-writes.js";

/**
 * Bifrost routing rules in a document, named by name and scope (research §2.7); a field left out is not managed:
 *   routingRules: [{name, scope, description, enabled, priority, condition, targets: [{provider, model, keyId, weight}],
 *                   fallbacks: ["provider/model", ...], chainRule}]
 * `scope` (default global) is `global`, `team:<team id>`, `customer:<customer id>` or `virtual_key:<virtual key
 * name>`: a key by its name, as the virtualKeys section names it (rules are applied after keys). A rule in
 * another scope is another rule (plan key `name/scope`). `condition` is the rule's CEL
 * expression; target weights add up to 1. gw writes only the rules the document names, and of them only the
 * fields it names; --prune deletes the rules it leaves out. Kept on /api/routing/rules (v2) or
 * /api/governance/routing-rules (v1.x), as the server has them.
 */
export interface TargetSpec {
  provider?: string;
  model?: string;
  keyId?: string;
  weight: number;
}

const FIELDS = ["description", "enabled", "priority", "condition", "targets", "fallbacks", "chainRule"] as const;
const SCOPES: readonly RuleScope[] = ["global", "team", "customer", "virtual_key"];

export function rulesOf(backend: Backend): BifrostRoutingRules {
  const api = routingRulesBehind(backend.chainWrites);
  if (!api) throw new UsageError(`the ${backend.info.name} backend has no routing rules`);
  return api;
}

/** "global", "team:team-data", "virtual_key:prod-chat": a key's scope by the key's name where it has one. */
export function scopeText(r: Pick<RoutingRule, "scope" | "scopeId">, keyNames: ReadonlyMap<string, string>): string {
  if (r.scope === "global" || r.scopeId === null) return "global";
  return `${r.scope}:${r.scope === "virtual_key" ? (keyNames.get(r.scopeId) ?? r.scopeId) : r.scopeId}`;
}

export function targetSpec(t: RouteTarget): TargetSpec {
  return { ...(t.provider ? { provider: t.provider } : {}), ...(t.model ? { model: t.model } : {}), ...(t.keyId ? { keyId: t.keyId } : {}), weight: t.weight };
}

export const fallbackSpec = (f: RouteFallback): string => (f.provider ? `${f.provider}/${f.model ?? ""}` : (f.model ?? ""));

function ruleSpec(r: RoutingRule, keyNames: ReadonlyMap<string, string>): ResourceSpec {
  return {
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    scope: scopeText(r, keyNames),
    priority: r.priority,
    condition: r.condition,
    targets: r.targets.map(targetSpec),
    fallbacks: r.fallbacks.map(fallbackSpec).filter((f) => f !== ""),
    chainRule: r.chainRule,
  };
}

const targetText = (t: TargetSpec): string =>
  `${t.model ? `${t.provider ?? "*"}/${t.model}` : (t.provider ?? "(as requested)")}${t.keyId ? ` [key ${t.keyId}]` : ""} ${t.weight}`;

/** One field value for people: targets as routes with weights, lists in brackets, null as "none". */
function show(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === "object" ? targetText(v as TargetSpec) : cell(v))).join(", ")}]`;
  return cell(value);
}

export const bifrostRoutingRules: ResourceKind = {
  section: "routingRules",
  noun: "routing-rule",
  label: "routing rule",
  // A rule is named by its name within its scope: rules of different keys may share a name (the key's "default").
  keyFields: ["name", "scope"],
  fields: FIELDS,
  // A rule scoped to a virtual key names it: rules are read and applied after the keys.
  dependsOn: "virtualKeys",
  prune: {
    async delete(backend, id) {
      await rulesOf(backend).remove(id);
    },
  },
  display: {
    value: show,
    summary: (spec) => {
      const parts: string[] = [];
      if (typeof spec.condition === "string") parts.push(`condition ${cell(spec.condition)}`);
      if (Array.isArray(spec.targets)) parts.push(`targets ${show(spec.targets)}`);
      if (Array.isArray(spec.fallbacks) && spec.fallbacks.length) parts.push(`fallbacks ${show(spec.fallbacks)}`);
      if (typeof spec.priority === "number") parts.push(`priority ${spec.priority}`);
      if (spec.enabled === false) parts.push("disabled");
      return parts.length ? ` (${parts.join(", ")})` : "";
    },
  },

  parse(v, item, path) {
    v.onlyKeys(item, path, ["name", "scope", ...FIELDS]);
    const spec: ResourceSpec = { name: v.string(item, "name", path, true) ?? "", scope: "global" };
    const description = v.nullableString(item, "description", path);
    if (description !== undefined) spec.description = description;
    const enabled = v.boolean(item, "enabled", path);
    if (enabled !== undefined) spec.enabled = enabled;
    const scope = v.string(item, "scope", path, false);
    if (scope !== undefined) {
      const [kind, ...rest] = scope.split(":");
      const ref = rest.join(":");
      if (!SCOPES.includes(kind as RuleScope) || (kind === "global") !== (rest.length === 0) || (kind !== "global" && !ref)) {
        v.fail(nodeOf(item, "scope"), `${path}.scope: must be global, team:<team id>, customer:<customer id> or virtual_key:<virtual key name>`);
      }
      spec.scope = scope;
    }
    const priority = v.value(item, "priority", path, false);
    if (priority !== undefined) {
      if (typeof priority !== "number" || !Number.isSafeInteger(priority)) v.fail(nodeOf(item, "priority"), `${path}.priority: must be an integer (lower is evaluated first)`);
      else spec.priority = priority;
    }
    const condition = v.string(item, "condition", path, false);
    if (condition !== undefined) {
      if (condition.trim() === "") v.fail(nodeOf(item, "condition"), `${path}.condition: must be a CEL expression (true matches every request)`);
      spec.condition = condition;
    }
    const targets = nodeOf(item, "targets");
    if (targets !== undefined) spec.targets = parseTargets(v, targets, `${path}.targets`);
    const fallbacks = v.stringList(item, "fallbacks", path, { nullAsEmpty: true });
    if (fallbacks !== undefined) spec.fallbacks = fallbacks;
    const chainRule = v.boolean(item, "chainRule", path);
    if (chainRule !== undefined) spec.chainRule = chainRule;
    return spec;
  },

  // Keys by the names the virtualKeys section read them under; a server without routing rules has none to manage.
  async read(backend, keys) {
    const names = new Map(Array.isArray(keys) ? keys.map((k) => [k.id, k.key]) : []);
    const rules = await rulesOf(backend).list();
    if (rules === null) {
      return { unavailable: "this Bifrost server has no routing-rules API (neither /api/routing/rules nor /api/governance/routing-rules); remove `routingRules` from the document" };
    }
    return rules.map((r) => {
      const spec = ruleSpec(r, names);
      return { key: `${r.name}/${String(spec.scope)}`, id: r.id, spec };
    });
  },

  cannotCreate(spec) {
    const missing = ["condition", "targets"].filter((f) => spec[f] === undefined);
    return missing.length ? `a new routing rule needs ${missing.join(" and ")}` : undefined;
  },

  async create(backend, spec, ctx) {
    const name = String(spec.name);
    const body: WireRuleWrite = { name, ...ruleBody(name, spec, ctx) };
    await rulesOf(backend).create(body);
  },

  // The scope is part of the rule's name in the document: a rule moved to another scope is another rule.
  async update(backend, id, changed, current, ctx) {
    const { scope: _scope, ...fields } = changed;
    await rulesOf(backend).update(id, ruleBody(String(current.name), fields, ctx));
  },
};

function parseTargets(v: Validator, node: unknown, path: string): TargetSpec[] {
  if (isScalar(node) && node.value === null) {
    v.fail(node, `${path}: a rule needs at least one target`);
    return [];
  }
  const list = v.list(node as YAMLMap, path, (item: YAMLMap, itemPath: string) => {
    v.onlyKeys(item, itemPath, ["provider", "model", "keyId", "weight"]);
    const target: TargetSpec = { weight: 0 };
    const provider = v.string(item, "provider", itemPath, false, true);
    if (provider) target.provider = provider;
    const model = v.string(item, "model", itemPath, false, true);
    if (model) target.model = model;
    const keyId = v.string(item, "keyId", itemPath, false, true);
    if (keyId) target.keyId = keyId;
    if (keyId && !provider) v.fail(nodeOf(item, "keyId"), `${itemPath}.keyId: a target with a key needs its provider`);
    const weight = v.value(item, "weight", itemPath, true);
    if (weight !== undefined && (typeof weight !== "number" || !(weight > 0))) v.fail(nodeOf(item, "weight"), `${itemPath}.weight: must be a number above 0`);
    else if (typeof weight === "number") target.weight = weight;
    // The order the server keeps: provider, model, key, weight.
    return { ...(target.provider ? { provider: target.provider } : {}), ...(target.model ? { model: target.model } : {}), ...(target.keyId ? { keyId: target.keyId } : {}), weight: target.weight };
  });
  if (list.length === 0) v.fail(node as YAMLMap, `${path}: a rule needs at least one target`);
  const sum = list.reduce((total, t) => total + t.weight, 0);
  if (list.length && list.every((t) => t.weight > 0) && Math.abs(sum - 1) > 1e-6) v.fail(node as YAMLMap, `${path}: target weights must add up to 1 (they add up to ${sum})`);
  return list;
}

/** The wire fields of what the spec names (an update: only the changed ones). */
function ruleBody(name: string, spec: ResourceSpec, ctx: ApplyContext): WireRuleWrite {
  const body: WireRuleWrite = {};
  if ("description" in spec) body.description = typeof spec.description === "string" ? spec.description : "";
  if (typeof spec.enabled === "boolean") body.enabled = spec.enabled;
  if (typeof spec.chainRule === "boolean") body.chain_rule = spec.chainRule;
  if (typeof spec.condition === "string") body.cel_expression = spec.condition;
  if (Array.isArray(spec.targets)) {
    body.targets = (spec.targets as TargetSpec[]).map((t): WireTargetWithKey => ({
      ...(t.provider ? { provider: t.provider } : {}),
      ...(t.model ? { model: t.model } : {}),
      ...(t.keyId ? { key_id: t.keyId } : {}),
      weight: t.weight,
    }));
  }
  if (Array.isArray(spec.fallbacks)) body.fallbacks = [...(spec.fallbacks as string[])];
  if (typeof spec.scope === "string") Object.assign(body, scopeBody(name, spec.scope, ctx));
  if (typeof spec.priority === "number") body.priority = spec.priority;
  return body;
}

/** `virtual_key:<name>` -> the key's id, as read after the keys were applied (a dry run names what it would create). */
function scopeBody(rule: string, scope: string, ctx: ApplyContext): { scope: RuleScope; scope_id: string | null } {
  const [kind = "global", ...rest] = scope.split(":");
  const ref = rest.join(":");
  if (kind === "global") return { scope: "global", scope_id: null };
  if (kind !== "virtual_key") return { scope: kind as RuleScope, scope_id: ref };
  const id =
    ctx.dependency.get(ref) ?? ([...ctx.dependency.values()].includes(ref) ? ref : undefined) ?? (ctx.dryRun ? `<id of ${ref}>` : undefined);
  if (!id) throw new GwError(`routing rule ${rule}: scope names virtual key ${ref}, which does not exist`, ExitCode.NotFound);
  return { scope: "virtual_key", scope_id: id };
}
