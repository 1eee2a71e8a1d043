import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { renderRoutingChains, routingChainsJson } from "../../src/commands/chain/render-rules.js";
import { rulesForKey, type RoutingRule } from "../../src/domain/chain.js";
import type { VirtualKey } from "../../src/domain/virtual-key.js";

const rule = (over: Partial<RoutingRule>): RoutingRule => ({
  id: "r", name: "r", description: null, enabled: true, chainRule: false, condition: "true", scope: "global", scopeId: null, priority: 0,
  targets: [{ provider: "openai", model: null, keyId: null, weight: 1 }], fallbacks: [], ...over,
});
const key: VirtualKey = {
  id: "vk1", backend: "bifrost", name: "prod", description: null, status: "active", environment: null, displayPrefix: null, chain: null,
  routingMode: null, routingPolicyId: null, providersAllowed: ["openai", "anthropic"], maxAttempts: null, fallbackOn: null, rpm: null,
  tpm: null, rpd: null, createdAt: null, lastUsedAt: null, revokedAt: null, budgets: [], rateLimit: null, teamId: "team-a", customerId: null,
  providerConfigs: [
    { provider: "openai", weight: 0.7, allowedModels: null, blockedModels: [], keyIds: null, budgets: [], rpm: null, tpm: null, rpd: null, rateLimit: null },
    { provider: "anthropic", weight: 0.3, allowedModels: null, blockedModels: [], keyIds: null, budgets: [], rpm: null, tpm: null, rpd: null, rateLimit: null },
  ],
};
const plain = new Chalk({ level: 0 });

describe("routing rules as a Bifrost key's chains", () => {
  it("keeps the rules whose scope covers the key, by priority, narrower scope first on a tie", () => {
    const rules = [
      rule({ id: "g", name: "global", priority: 10 }),
      rule({ id: "other", name: "other key", scope: "virtual_key", scopeId: "vk2" }),
      rule({ id: "team", name: "team", scope: "team", scopeId: "team-a", priority: 10 }),
      rule({ id: "mine", name: "mine", scope: "virtual_key", scopeId: "vk1", priority: 1 }),
      rule({ id: "cust", name: "customer", scope: "customer", scopeId: "c1" }),
    ];
    expect(rulesForKey(rules, key).map((r) => r.id)).toEqual(["mine", "team", "g"]);
  });

  it("renders targets with their shares, then the fallbacks in order, and says what gw cannot know", () => {
    const rules = [
      rule({
        name: "split", priority: 1, scope: "virtual_key", scopeId: "vk1", condition: 'model == "gpt-4o"',
        targets: [{ provider: "openai", model: "gpt-4o", keyId: null, weight: 0.7 }, { provider: "azure", model: "gpt-4o", keyId: "k9", weight: 0.3 }],
        fallbacks: [{ provider: "anthropic", model: "claude-3-5-sonnet" }],
      }),
      rule({ name: "off", priority: 5, enabled: false }),
    ];
    const out = renderRoutingChains(key, rules, { columns: 300, chalk: plain });
    expect(out).toContain("Providers by weight: openai 70% | anthropic 30%");
    expect(out).toContain(
      '1. rule "split" (priority 1, this key, when model == "gpt-4o"): openai/gpt-4o 70% | azure/gpt-4o [key k9] 30% -> anthropic/claude-3-5-sonnet',
    );
    expect(out).toContain('2. rule "off" (priority 5, global, disabled): openai -> (no fallback)');
    expect(out).toMatch(/gw does not evaluate the conditions/);
    const narrow = renderRoutingChains(key, rules, { columns: 40, chalk: plain }).split("\n");
    expect(narrow).toContain("    -> anthropic/claude-3-5-sonnet");
  });

  it("says when no rule applies, or when the server has no rules API", () => {
    expect(renderRoutingChains(key, [], { columns: 100, chalk: plain })).toMatch(/No routing rule applies to this key/);
    expect(renderRoutingChains(key, null, { columns: 100, chalk: plain })).toMatch(/no routing-rules API/);
  });

  it("-o json is a stable structure: the weighted providers and the rules as records", () => {
    expect(routingChainsJson(key, [rule({})])).toEqual({
      virtualKeyId: "vk1",
      name: "prod",
      status: "active",
      providers: [{ provider: "openai", weight: 0.7, share: "70%" }, { provider: "anthropic", weight: 0.3, share: "30%" }],
      rules: [rule({})],
    });
  });
});
