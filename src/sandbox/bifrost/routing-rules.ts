import type { Reply, Route } from "../backend.js";
import { bifrostError, isReply } from "./errors.js";
import { uuid } from "./ids.js";
import type { BifrostState, BifrostVersion, Json } from "./state.js";
import { isRecord, stringList } from "./values.js";

/** v2.0 moved the rules to the routing plugin's path; the governance one stays as an alias (the only one on v1.x). */
const BASE = "/api/routing/rules";
const LEGACY_BASE = "/api/governance/routing-rules";
const SCOPES = ["global", "team", "customer", "virtual_key"];

/** Lower priority first, then oldest: the order the rules are evaluated in (research §2.7). */
const byPriority = (a: Json, b: Json): number =>
  Number(a.priority) - Number(b.priority) || String(a.created_at).localeCompare(String(b.created_at));

/** >= 1 target, weights > 0 adding up to 1, key_id only with a provider (research §2.7). */
function targetsIn(value: unknown): Json[] | Reply {
  const targets = Array.isArray(value) ? value.filter(isRecord) : [];
  if (targets.length === 0) return bifrostError(400, "at least one target is required");
  const sum = targets.reduce((total, t) => total + (typeof t.weight === "number" ? t.weight : 0), 0);
  if (Math.abs(sum - 1) > 1e-6) return bifrostError(400, `target weights must sum to 1, got ${sum}`);
  if (targets.some((t) => t.key_id && !t.provider)) return bifrostError(400, "a target with key_id needs a provider");
  return targets.map((t) => ({ provider: t.provider ?? null, model: t.model ?? null, key_id: t.key_id ?? null, weight: t.weight }));
}

/** A scope other than global needs its scope_id; a global rule has none. */
function scopeIn(scope: unknown, scopeId: unknown): { scope: string; scope_id: string | null } | Reply {
  const s = typeof scope === "string" ? scope : "global";
  if (!SCOPES.includes(s)) return bifrostError(400, `invalid scope: ${s}`);
  const id = typeof scopeId === "string" && scopeId ? scopeId : null;
  if (s !== "global" && !id) return bifrostError(400, `scope_id is required for scope ${s}`);
  return { scope: s, scope_id: s === "global" ? null : id };
}

function create(s: BifrostState, body: unknown): Reply {
  const f = isRecord(body) ? body : {};
  const targets = targetsIn(f.targets);
  if (isReply(targets)) return targets;
  const scope = scopeIn(f.scope, f.scope_id);
  if (isReply(scope)) return scope;
  const at = new Date().toISOString();
  const rule: Json = {
    id: uuid(),
    name: f.name,
    description: typeof f.description === "string" ? f.description : "",
    enabled: f.enabled !== false,
    chain_rule: f.chain_rule === true,
    cel_expression: f.cel_expression,
    targets,
    fallbacks: stringList(f.fallbacks),
    ...scope,
    priority: typeof f.priority === "number" ? f.priority : 0,
    query: isRecord(f.query) ? f.query : null,
    created_at: at,
    updated_at: at,
  };
  s.routingRules.set(String(rule.id), rule);
  return { status: 200, body: { message: "Routing rule created successfully", rule } };
}

/** Every field optional; `targets`, when given, replaces all targets (research §2.7). */
function update(s: BifrostState, id: string, body: unknown): Reply {
  const rule = s.routingRules.get(id);
  if (!rule) return bifrostError(404, `Routing rule not found: ${id}`);
  const f = isRecord(body) ? body : {};
  const next: Json = { ...rule, updated_at: new Date().toISOString() };
  for (const field of ["name", "description", "enabled", "chain_rule", "cel_expression", "priority"]) if (f[field] !== undefined) next[field] = f[field];
  if (f.fallbacks !== undefined) next.fallbacks = stringList(f.fallbacks);
  if (f.query !== undefined) next.query = isRecord(f.query) ? f.query : null;
  if (f.targets !== undefined) {
    const targets = targetsIn(f.targets);
    if (isReply(targets)) return targets;
    next.targets = targets;
  }
  if (f.scope !== undefined || f.scope_id !== undefined) {
    const scope = scopeIn(f.scope ?? rule.scope, f.scope_id === undefined ? rule.scope_id : f.scope_id);
    if (isReply(scope)) return scope;
    Object.assign(next, scope);
  }
  s.routingRules.set(id, next);
  return { status: 200, body: { message: "Routing rule updated successfully", rule: next } };
}

export function routingRuleRoutes(s: BifrostState, version: BifrostVersion): Route[] {
  const bases = version === "2" ? [BASE, LEGACY_BASE] : [LEGACY_BASE];
  return bases.flatMap((base) => routesAt(s, base));
}

function routesAt(s: BifrostState, base: string): Route[] {
  const notFound = (id: string) => bifrostError(404, `Routing rule not found: ${id}`);
  return [
    {
      method: "GET",
      path: base,
      handle: (c) => {
        const scope = c.query.get("scope");
        const scopeId = c.query.get("scope_id");
        const rules = [...s.routingRules.values()]
          .filter((r) => (!scope || r.scope === scope) && (!scopeId || r.scope_id === scopeId))
          .sort(byPriority);
        return { status: 200, body: { rules, count: rules.length } };
      },
    },
    { method: "POST", path: base, body: "json", mutates: true, handle: (c) => create(s, c.body) },
    {
      method: "GET",
      path: `${base}/:rule_id`,
      handle: (c) => {
        const rule = s.routingRules.get(c.params.rule_id ?? "");
        return rule ? { status: 200, body: { rule } } : notFound(c.params.rule_id ?? "");
      },
    },
    { method: "PUT", path: `${base}/:rule_id`, body: "json", mutates: true, handle: (c) => update(s, c.params.rule_id ?? "", c.body) },
    {
      method: "DELETE",
      path: `${base}/:rule_id`,
      mutates: true,
      handle: (c) => (s.routingRules.delete(c.params.rule_id ?? "") ? { status: 200, body: { message: "Routing rule deleted successfully" } } : notFound(c.params.rule_id ?? "")),
    },
  ];
}
