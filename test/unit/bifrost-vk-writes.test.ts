import { describe, expect, it } from "vitest";
import { parseHops, planChain } from "../../src/backends/bifrost/chain-to-wire.js";
import { toRoutingRule } from "../../src/backends/bifrost/rules-from-wire.js";
import { toVirtualKey } from "../../src/backends/bifrost/vk-from-wire.js";
import { allowListBody, createVirtualKeyBody, limitChangeFrom, updateVirtualKeyBody } from "../../src/backends/bifrost/vk-to-wire.js";
import type { Generation } from "../../src/backends/bifrost/version.js";
import { ExitCode } from "../../src/exit-codes.js";

/** The bodies of Bifrost's virtual key writes and of `gw chain set`'s routing rule (research §2.6, §2.7). */

const wireKey = (over: Record<string, unknown> = {}) => ({
  id: "vk1",
  name: "prod-chat",
  value: "sk-bf-00000000-0000-4000-8000-000000000001",
  is_active: true,
  provider_configs: [
    {
      id: 7,
      provider: "openai",
      weight: 0.7,
      allowed_models: ["gpt-4o"],
      blacklisted_models: ["o1"],
      allow_all_keys: false,
      keys: [{ key_id: "k1" }],
      budgets: [{ id: "b-pc", max_limit: 50, reset_duration: "1M", calendar_aligned: true, current_usage: 12.5 }],
      rate_limit: { id: "rl-pc", request_max_limit: 300, request_reset_duration: "1m", request_current_usage: 20 },
    },
    { id: 8, provider: "anthropic", weight: 0.3, allowed_models: ["*"], allow_all_keys: true, keys: [], budgets: [] },
  ],
  budgets: [{ id: "b-1", max_limit: 100, reset_duration: "1M", calendar_aligned: true, current_usage: 37.5 }],
  rate_limit: { id: "rl", request_max_limit: 1200, request_reset_duration: "1m", token_max_limit: 200000, token_reset_duration: "1m" },
  team_id: null,
  customer_id: "cust-acme",
  ...over,
});

const current = (generation: Generation = "1.5", over: Record<string, unknown> = {}) => {
  const raw = wireKey(over);
  return { key: toVirtualKey(raw, "test", generation), raw };
};

const usage = (message: RegExp) => expect.objectContaining({ exitCode: ExitCode.Usage, message: expect.stringMatching(message) });

describe("vk create body", () => {
  it.each([
    ["1.4", [], undefined],
    ["1.5", ["*"], ["*"]],
    ["2", ["*"], ["*"]],
  ] as const)("v%s: a provider without models allows all of them as that generation writes it", (generation, all, keyIds) => {
    const body = createVirtualKeyBody(
      { name: "k", chain: [], providers: [{ provider: "openai", weight: 0.6, models: null }, { provider: "groq", weight: null, models: ["llama"] }] },
      generation,
    );
    expect(body.provider_configs).toEqual([
      { provider: "openai", weight: 0.6, allowed_models: all, ...(keyIds ? { key_ids: keyIds } : {}) },
      { provider: "groq", allowed_models: ["llama"], ...(keyIds ? { key_ids: keyIds } : {}) },
    ]);
  });

  it("carries budgets, the rate limit on its one request and one token window, the owner and allow-all", () => {
    const body = createVirtualKeyBody(
      { name: "k", description: "d", chain: [], rpd: 5000, tpm: 100, budgets: [{ maxLimit: 10, resetDuration: "1d" }], teamId: "t", allowAllProviders: true },
      "2",
    );
    expect(body).toEqual({
      name: "k",
      description: "d",
      provider_configs: [],
      allow_all_providers: true,
      budgets: [{ max_limit: 10, reset_duration: "1d" }],
      rate_limit: { request_max_limit: 5000, request_reset_duration: "1d", token_max_limit: 100, token_reset_duration: "1m" },
      team_id: "t",
    });
  });

  it("refuses what Bifrost cannot hold, before anything is sent", () => {
    expect(() => createVirtualKeyBody({ name: "k", chain: [], rpm: 1, rpd: 2 }, "1.5")).toThrow(usage(/one request limit per virtual key/));
    expect(() => createVirtualKeyBody({ name: "k", chain: [], budgets: [{ maxLimit: 1, resetDuration: "1M" }, { maxLimit: 2, resetDuration: "1M" }] }, "1.5")).toThrow(
      usage(/window 1M is given twice/),
    );
    expect(() => createVirtualKeyBody({ name: "k", chain: ["b1"] }, "1.5")).toThrow(usage(/fallbacks live in routing rules/));
    expect(() => createVirtualKeyBody({ name: "k", chain: [], teamId: "t", customerId: "c" }, "1.5")).toThrow(usage(/exclude each other/));
  });

  it('a "*" among the models says all', () => {
    expect(allowListBody(["*"], "1.4")).toEqual([]);
    expect(allowListBody(["gpt-4o", "*"], "1.5")).toEqual(["*"]);
    expect(allowListBody([], "1.5")).toEqual([]);
  });
});

describe("vk update body", () => {
  it("provider_configs is the full set: a provider that stays keeps its id, blocked models, keys, budgets and rate limit", () => {
    const { key, raw } = current();
    const body = updateVirtualKeyBody(key, raw, { providers: [{ provider: "openai", weight: 0.5, models: null }, { provider: "groq", weight: 0.5, models: ["llama"] }] }, "1.5");
    expect(body).toEqual({
      provider_configs: [
        {
          id: 7,
          provider: "openai",
          weight: 0.5,
          allowed_models: ["*"],
          blacklisted_models: ["o1"],
          key_ids: ["k1"],
          budgets: [{ id: "b-pc", max_limit: 50, reset_duration: "1M", calendar_aligned: true }],
          rate_limit: { request_max_limit: 300, request_reset_duration: "1m" },
        },
        { provider: "groq", weight: 0.5, allowed_models: ["llama"], key_ids: ["*"] },
      ],
    });
  });

  it("v1.4: all models and all keys are [] there", () => {
    const { key, raw } = current("1.4");
    const body = updateVirtualKeyBody(key, raw, { providers: [{ provider: "anthropic", weight: null, models: null }] }, "1.4");
    expect(body.provider_configs).toEqual([{ id: 8, provider: "anthropic", weight: null, allowed_models: [], blacklisted_models: [], key_ids: [] }]);
  });

  it("limits arrive whole: only the ones that differ from the key's change, and the rate limit is sent whole", () => {
    const { key, raw } = current();
    const patch = { limits: { rpm: null, tpm: 200000, rpd: 5000 } };
    expect(limitChangeFrom(patch, key)).toEqual({ rpm: null, rpd: 5000 });
    expect(updateVirtualKeyBody(key, raw, patch, "1.5")).toEqual({
      rate_limit: { request_max_limit: 5000, request_reset_duration: "1d", token_max_limit: 200000, token_reset_duration: "1m" },
    });
    // The same values: nothing to send.
    expect(updateVirtualKeyBody(key, raw, { limits: { rpm: 1200, tpm: 200000, rpd: null } }, "1.5")).toEqual({});
    // Everything unset: an empty rate limit removes it.
    expect(updateVirtualKeyBody(key, raw, { limits: { rpm: null, tpm: null, rpd: null } }, "1.5")).toEqual({ rate_limit: {} });
    expect(() => updateVirtualKeyBody(key, raw, { limits: { rpm: 5, tpm: 200000, rpd: 6 } }, "1.5")).toThrow(usage(/--rpm .* and --rpd/));
  });

  it("budgets replace the key's; one in a window the key has keeps its id and calendar alignment", () => {
    const { key, raw } = current();
    const body = updateVirtualKeyBody(key, raw, { budgets: [{ maxLimit: 150, resetDuration: "1M" }, { maxLimit: 5, resetDuration: "1d" }] }, "1.5");
    expect(body).toEqual({
      budgets: [
        { id: "b-1", max_limit: 150, reset_duration: "1M", calendar_aligned: true },
        { max_limit: 5, reset_duration: "1d" },
      ],
    });
    expect(updateVirtualKeyBody(key, raw, { budgets: [] }, "1.5")).toEqual({ budgets: [] });
  });

  it("a team clears the customer; null detaches; name, description and allow-all pass through", () => {
    const { key, raw } = current();
    expect(updateVirtualKeyBody(key, raw, { teamId: "team-a" }, "1.5")).toEqual({ team_id: "team-a", customer_id: null });
    expect(updateVirtualKeyBody(key, raw, { customerId: null }, "1.5")).toEqual({ customer_id: null });
    expect(updateVirtualKeyBody(key, raw, { name: "n", description: "", allowAllProviders: false }, "2")).toEqual({ name: "n", description: "", allow_all_providers: false });
  });
});

describe("chain set: the key's catch-all routing rule", () => {
  const path = (id: string) => `/api/routing/rules/${id}`;
  const rules = (...wire: Record<string, unknown>[]) => wire.flatMap((r) => toRoutingRule(r));
  const rule = (id: string, over: Record<string, unknown>) => ({
    id, name: id, cel_expression: "true", targets: [{ provider: "openai", weight: 1 }], fallbacks: [], scope: "virtual_key", scope_id: "vk1", priority: 0, ...over,
  });
  const key = { id: "vk1", name: "prod-chat" };

  it("parses provider[/model] hops; a fallback needs its model", () => {
    expect(parseHops(["openai", "openrouter/meta-llama/llama-3.3-70b"])).toEqual([
      { provider: "openai", model: null },
      { provider: "openrouter", model: "meta-llama/llama-3.3-70b" },
    ]);
    expect(() => parseHops(["openai/gpt-4o", "anthropic"])).toThrow(usage(/fallback "anthropic" needs a model/));
    expect(() => parseHops(["/gpt-4o"])).toThrow(usage(/invalid hop/));
    expect(() => parseHops(["openai/"])).toThrow(usage(/invalid hop/));
  });

  it("creates the rule when the key has none, after its own conditional rules; other scopes do not count", () => {
    const existing = rules(
      rule("cond", { cel_expression: 'model == "gpt-4o"', priority: 3 }),
      rule("team", { scope: "team", scope_id: "t", priority: 50 }),
      rule("global", { scope: "global", scope_id: null, priority: 100 }),
      rule("other-key", { scope_id: "vk2", priority: 9 }),
    );
    const plan = planChain(key, existing, parseHops(["openai/gpt-4o", "anthropic/claude", "groq/llama"]), path);
    expect(plan).toEqual({
      kind: "create",
      body: {
        name: "gw chain prod-chat",
        description: "Fallback chain of virtual key prod-chat, written by gw chain set",
        enabled: true,
        cel_expression: "true",
        targets: [{ provider: "openai", model: "gpt-4o", weight: 1 }],
        fallbacks: ["anthropic/claude", "groq/llama"],
        scope: "virtual_key",
        scope_id: "vk1",
        priority: 4,
      },
    });
  });

  it("updates the key's catch-all: one target replaced, fallbacks replaced, a disabled one enabled", () => {
    const plan = planChain(key, rules(rule("mine", { enabled: false, targets: [{ provider: "azure", weight: 1 }] })), parseHops(["openai", "anthropic/claude"]), path);
    expect(plan).toMatchObject({ kind: "update", rule: { id: "mine" }, body: { enabled: true, targets: [{ provider: "openai", weight: 1 }], fallbacks: ["anthropic/claude"] } });
    // The same one target is left as it is (a pinned key_id survives).
    const same = planChain(key, rules(rule("mine", { targets: [{ provider: "openai", key_id: "k1", weight: 1 }] })), parseHops(["openai"]), path);
    expect(same).toMatchObject({ kind: "update", body: { fallbacks: [] } });
    expect(same.kind === "update" && "targets" in same.body).toBe(false);
  });

  it("a rule split by weight keeps its targets when the first hop is its first target, and is refused otherwise (exit 5)", () => {
    const split = rule("split", {
      targets: [
        { provider: "openai", model: "gpt-4o", weight: 0.7 },
        { provider: "azure", model: "gpt-4o", weight: 0.3 },
      ],
    });
    const kept = planChain(key, rules(split), parseHops(["openai/gpt-4o", "groq/llama"]), path);
    expect(kept).toEqual({ kind: "update", rule: expect.objectContaining({ id: "split" }), body: { fallbacks: ["groq/llama"] } });
    expect(() => planChain(key, rules(split), parseHops(["anthropic/claude"]), path)).toThrow(
      expect.objectContaining({
        exitCode: ExitCode.Rejected,
        message: expect.stringMatching(/routes by weight over 2 targets \(openai\/gpt-4o 70% \| azure\/gpt-4o 30%\).*PUT \/api\/routing\/rules\/split/),
      }),
    );
  });
});
