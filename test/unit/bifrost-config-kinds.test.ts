import { describe, expect, it } from "vitest";
import type { Backend } from "../../src/backends/backend.js";
import { bifrostKinds } from "../../src/backends/bifrost/config.js";
import { bifrostRoutingRules } from "../../src/backends/bifrost/config-rules.js";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { registerRoutingRules, type BifrostRoutingRules, type WireRuleWrite } from "../../src/backends/bifrost/rule-writes.js";
import type { KindsByBackend } from "../../src/config/kinds.js";
import { parseConfigDocument } from "../../src/config/parse.js";
import type { ApplyContext, ResourceState } from "../../src/config/resource-kind.js";
import type { RoutingRule } from "../../src/domain/chain.js";
import { GwError } from "../../src/errors.js";
import { computePlan } from "../../src/plan/plan.js";

/** The Bifrost virtualKeys and routingRules kinds: what a document item means, and what the rules' writes send. */
const kinds = { langwatch: [], bifrost: bifrostKinds, ngrok: [], coreweave: [] } as unknown as KindsByBackend;
const [, keysKind] = bifrostKinds;

function parsed(yaml: string) {
  const r = parseConfigDocument(`version: 1\nbackend: bifrost\n${yaml}`, kinds);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join("\n"));
  return r.document;
}

/** A backend with only routing rules, recording what the kind sends. */
function rulesBackend(rules: RoutingRule[] = []) {
  const sent: { op: string; id?: string; body?: WireRuleWrite }[] = [];
  const token = {};
  const api: BifrostRoutingRules = {
    list: async () => rules,
    create: async (body) => void sent.push({ op: "create", body }),
    update: async (id, body) => void sent.push({ op: "update", id, body }),
    remove: async (id) => void sent.push({ op: "remove", id }),
  };
  registerRoutingRules(token, api);
  return { backend: { info: bifrost, chainWrites: token } as unknown as Backend, sent };
}

const ctx = (dependency: [string, string][] = [], dryRun = false): ApplyContext => ({ env: {}, dryRun, dependency: new Map(dependency) });

const rule = (over: Partial<RoutingRule>): RoutingRule => ({
  id: "r1", name: "r", description: null, enabled: true, chainRule: false, condition: "true", scope: "global", scopeId: null, priority: 0,
  targets: [{ provider: "openai", model: null, keyId: null, weight: 1 }], fallbacks: [], ...over,
});

describe("Bifrost virtualKeys items", () => {
  it("a provider without models allows every model; budgets are written as USD/WINDOW", () => {
    const doc = parsed("virtualKeys:\n  - name: k\n    providers: [{provider: openai}, {provider: groq, weight: 0.5, models: [a, '*']}]\n    budgets: [100.50/1M]\n");
    expect(doc.virtualKeys![0]).toEqual({
      name: "k",
      providers: [
        { provider: "openai", weight: null, models: ["*"] },
        { provider: "groq", weight: 0.5, models: ["*"] },
      ],
      budgets: ["100.5/1M"],
    });
  });

  it("plans only the fields the document names; allowAllProviders false matches a server without the flag; status is its own action", () => {
    const current: ResourceState[] = [
      { key: "k", id: "vk1", spec: { name: "k", description: "d", allowAllProviders: undefined, rpm: 10, budgets: ["5/1d", "100/1M"], status: "disabled" } },
    ];
    const doc = parsed("virtualKeys:\n  - name: k\n    allowAllProviders: false\n    budgets: [100/1M, 5/1d]\n    status: active\n");
    const plan = computePlan(doc, { virtualKeys: { read: current } }, false, {}, [keysKind!]);
    expect(plan.items).toEqual([{ kind: "virtual-key", action: "enable", key: "k", id: "vk1" }]);
  });
});

describe("Bifrost routingRules items", () => {
  it("reads a key-scoped rule by the key's name; a key it does not know keeps its id", async () => {
    const { backend } = rulesBackend([
      rule({ id: "r1", name: "a", scope: "virtual_key", scopeId: "vk1" }),
      rule({ id: "r2", name: "b", scope: "virtual_key", scopeId: "vk-gone" }),
      rule({ id: "r3", name: "c", scope: "team", scopeId: "t1", fallbacks: [{ provider: "anthropic", model: "claude" }] }),
    ]);
    const read = await bifrostRoutingRules.read(backend, [{ key: "prod", id: "vk1", spec: {} }]);
    expect(Array.isArray(read) && read.map((r) => [r.key, r.spec.scope, r.spec.fallbacks])).toEqual([
      ["a/virtual_key:prod", "virtual_key:prod", []],
      ["b/virtual_key:vk-gone", "virtual_key:vk-gone", []],
      ["c/team:t1", "team:t1", ["anthropic/claude"]],
    ]);
  });

  it("a server without routing rules makes the section unavailable", async () => {
    const token = {};
    registerRoutingRules(token, { list: async () => null, create: async () => {}, update: async () => {}, remove: async () => {} });
    const read = await bifrostRoutingRules.read({ info: bifrost, chainWrites: token } as unknown as Backend, []);
    expect(read).toMatchObject({ unavailable: expect.stringContaining("no routing-rules API") });
  });

  it("writes only the changed fields (the scope is the rule's name, not a field); null description clears it", async () => {
    const { backend, sent } = rulesBackend();
    await bifrostRoutingRules.update(backend, "r1", { scope: "global", description: null, targets: [{ provider: "openai", keyId: "pk1", weight: 1 }] }, { name: "r" }, ctx());
    await bifrostRoutingRules.update(backend, "r1", { priority: 4 }, { name: "r" }, ctx());
    expect(sent).toEqual([
      { op: "update", id: "r1", body: { description: "", targets: [{ provider: "openai", key_id: "pk1", weight: 1 }] } },
      { op: "update", id: "r1", body: { priority: 4 } },
    ]);
  });

  it("creates a key-scoped rule with the key's id (by name or id); a global one without a scope id", async () => {
    const { backend, sent } = rulesBackend();
    const base = { condition: "true", targets: [{ provider: "openai", weight: 1 }] };
    await bifrostRoutingRules.create(backend, { name: "a", scope: "virtual_key:prod", ...base }, ctx([["prod", "vk1"]]), {});
    await bifrostRoutingRules.create(backend, { name: "b", scope: "virtual_key:vk1", ...base }, ctx([["prod", "vk1"]]), {});
    await bifrostRoutingRules.create(backend, { name: "c", scope: "global", ...base }, ctx(), {});
    expect(sent.map((s) => [s.body!.scope, s.body!.scope_id])).toEqual([
      ["virtual_key", "vk1"],
      ["virtual_key", "vk1"],
      ["global", null],
    ]);
  });

  it("a rule is named by name and scope: the same name in two scopes is two rules", () => {
    const doc = parsed("routingRules:\n  - name: default\n    scope: virtual_key:a\n  - name: default\n    scope: virtual_key:b\n  - name: g\n");
    expect(doc.routingRules!.map((r) => [r.name, r.scope])).toEqual([
      ["default", "virtual_key:a"],
      ["default", "virtual_key:b"],
      ["g", "global"],
    ]);
  });

  it("a dry run names the key it would create; a real run refuses an unknown key (exit 4) before sending", async () => {
    const { backend, sent } = rulesBackend();
    const spec = { name: "n", scope: "virtual_key:new", condition: "true", targets: [{ provider: "openai", weight: 1 }] };
    await bifrostRoutingRules.create(backend, spec, ctx([], true), {});
    expect(sent[0]!.body).toMatchObject({ name: "n", cel_expression: "true", scope: "virtual_key", scope_id: "<id of new>" });
    const err = await bifrostRoutingRules.create(backend, spec, ctx(), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GwError);
    expect((err as GwError).exitCode).toBe(4);
    expect(sent).toHaveLength(1);
  });

  it("rules are applied after keys, keys after providers", () => {
    expect(bifrostKinds.map((k) => [k.section, k.dependsOn])).toEqual([
      ["providers", undefined],
      ["virtualKeys", "providers"],
      ["routingRules", "virtualKeys"],
    ]);
  });
});
