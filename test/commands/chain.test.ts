import { describe, expect, it } from "vitest";
import type { ChainView } from "../../src/backends/backend.js";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { coreweave } from "../../src/backends/coreweave/index.js";
import { runChain } from "../../src/commands/chain/index.js";
import { runSet, type SetOptions } from "../../src/commands/chain/set.js";
import type { RoutingRule } from "../../src/domain/chain.js";
import type { VkProviderConfig } from "../../src/domain/virtual-key.js";
import { ExitCode } from "../../src/exit-codes.js";
import type { OutputChoice } from "../../src/output/format.js";
import { fakeBackend, langwatchBinding, virtualKey } from "../helpers/fake-backend.js";
import { fakeContext } from "../helpers/fake-context.js";
import { fakeIO } from "../helpers/fake-io.js";

const json: OutputChoice = { format: "json", raw: false };
const table: OutputChoice = { format: "table", raw: false };
const usage = (message: string) => expect.objectContaining({ exitCode: ExitCode.Usage, message });

const b1 = langwatchBinding();
const b2 = langwatchBinding({ id: "b2", provider: "anthropic", providerId: "mp_2", slot: "fallback", rpm: null, health: null, status: "disabled" });

const showing = (view: ChainView) => fakeBackend(langwatch, { chains: { show: async () => view } });

describe("gw chain: a key's ordered bindings (kind bindings)", () => {
  it("one hop per line when the chain does not fit, with a note for a disabled hop", async () => {
    const view: ChainView = { kind: "bindings", key: virtualKey({ chain: ["b1", "b2"] }), bindings: [b1, b2] };
    const backend = showing(view);
    const ctx = fakeContext({ backend });
    await runChain({ id: "vk1", output: table }, ctx);
    expect(backend.calls).toEqual([{ method: "chains.show", args: ["vk1"] }]);
    expect(ctx.io.out()).toBe(
      [
        "Virtual key vk1 (checkout), active",
        "    primary (openai, 600 rpm, healthy)",
        " -> fallback-1 (anthropic, inherit, disabled, slot fallback)",
        "Max attempts: not set (2 hops)",
        "Note: fallback-1 (anthropic) is disabled, but it still serves this key: LangWatch keeps disabled bindings in existing chains. " +
          "Replace it with gw chain set.",
        "",
      ].join("\n"),
    );
  });

  it("on one line when it fits; warns about a hop that is not a known binding; max attempts cut the chain", async () => {
    const key = virtualKey({ chain: ["b1", "b9"], maxAttempts: 1, fallbackOn: ["5xx", "timeout"] });
    const ctx = fakeContext({ backend: showing({ kind: "bindings", key, bindings: [b1] }), io: fakeIO({ columns: 200 }) });
    await runChain({ id: "vk1", output: table }, ctx);
    expect(ctx.io.out()).toBe(
      [
        "Virtual key vk1 (checkout), active",
        "primary (openai, 600 rpm, healthy) -> fallback-1 (unknown binding b9)",
        "Max attempts: 1: only the first 1 of 2 hops are tried",
        "Falls through on: 5xx, timeout",
        "Warning: fallback-1 is binding b9, which is not in this project's bindings.",
        "",
      ].join("\n"),
    );
  });

  it("-o json is the hops as binding records, a missing one marked", async () => {
    const ctx = fakeContext({ backend: showing({ kind: "bindings", key: virtualKey({ chain: ["b1", "b9"] }), bindings: [b1] }) });
    await runChain({ id: "vk1", output: json }, ctx);
    expect(ctx.io.out()).toBe(`${JSON.stringify([b1, { id: "b9", missing: true }], null, 2)}\n`);
  });

  it("a key without an explicit chain (LangWatch v3.4+) shows its routing and says why there are no hops", async () => {
    const key = virtualKey({ chain: null, routingMode: "fallback_all", providersAllowed: ["mp_1"], maxAttempts: 3 });
    const ctx = fakeContext({ backend: showing({ kind: "bindings", key, bindings: [] }) });
    await runChain({ id: "vk1", output: table }, ctx);
    expect(ctx.io.out()).toBe(
      [
        "Virtual key vk1 (checkout), active",
        "Routing mode: fallback_all",
        "Allowed providers: mp_1",
        "Max attempts: 3",
        "This server (LangWatch v3.4+) derives the chain per request (every allowed provider, ordered by its fallback priority, " +
          "which no public API returns); its API does not expose the resolved order, so gw cannot show the hops.",
        "",
      ].join("\n"),
    );

    const asJson = fakeContext({ backend: showing({ kind: "bindings", key, bindings: [] }) });
    await runChain({ id: "vk1", output: json }, asJson);
    expect(JSON.parse(asJson.io.out())).toEqual({
      virtualKeyId: "vk1", routingMode: "fallback_all", routingPolicyId: null, providersAllowed: ["mp_1"], maxAttempts: 3, hops: null,
    });
  });
});

describe("gw chain: the routing rules that apply to a key (kind rules)", () => {
  const config = (provider: string, weight: number): VkProviderConfig => ({
    provider, weight, allowedModels: null, blockedModels: [], keyIds: null, budgets: [], rpm: null, tpm: null, rpd: null, rateLimit: null,
  });
  const key = virtualKey({ id: "vk2", backend: "bifrost", name: "batch", chain: null, providerConfigs: [config("openai", 70), config("anthropic", 30)] });
  const rule = (over: Partial<RoutingRule>): RoutingRule => ({
    id: "r1", name: "fallbacks", description: null, enabled: true, chainRule: false, condition: "", scope: "virtual_key", scopeId: "vk2",
    priority: 0, targets: [{ provider: "openai", model: "gpt-4o", keyId: null, weight: 1 }], fallbacks: [{ provider: "anthropic", model: "claude-3" }], ...over,
  });
  const split = rule({
    id: "r2", name: "global-split", enabled: false, condition: "true", scope: "global", scopeId: null, priority: 5, fallbacks: [],
    targets: [{ provider: "openai", model: "gpt-4o", keyId: null, weight: 1 }, { provider: "azure", model: "gpt-4o", keyId: null, weight: 1 }],
  });
  const rulesOf = (rules: RoutingRule[] | null) => fakeBackend(bifrost, { chains: { show: async () => ({ kind: "rules", key, rules }) as ChainView } });

  it("each rule's targets then fallbacks; a long one is broken over lines", async () => {
    const ctx = fakeContext({ backend: rulesOf([rule({}), split]) });
    await runChain({ id: "vk2", output: table }, ctx);
    expect(ctx.io.out()).toBe(
      [
        "Virtual key vk2 (batch), active",
        "Providers by weight: openai 70% | anthropic 30%",
        "Routing rules that apply, in evaluation order (lower priority first):",
        '1. rule "fallbacks" (priority 0, this key): openai/gpt-4o -> anthropic/claude-3',
        '2. rule "global-split" (priority 5, global, disabled):',
        "       openai/gpt-4o 50% | azure/gpt-4o 50%",
        "    -> (no fallback)",
        "Bifrost tries the rules in this order and uses one whose condition matches the request; gw does not evaluate the conditions, " +
          "so it cannot say which rule serves a given request. A request no rule matches goes to the providers by weight.",
        "",
      ].join("\n"),
    );
  });

  it("says so when no rule applies, and when the server has no rules API", async () => {
    const none = fakeContext({ backend: rulesOf([]) });
    await runChain({ id: "vk2", output: table }, none);
    expect(none.io.out().split("\n").slice(2)).toEqual([
      "No routing rule applies to this key: requests go to its providers by weight, with no configured fallback.",
      "",
    ]);
    const old = fakeContext({ backend: rulesOf(null) });
    await runChain({ id: "vk2", output: table }, old);
    expect(old.io.out().split("\n").slice(2)).toEqual(["This server has no routing-rules API, so gw cannot show fallbacks for this key.", ""]);
  });

  it("-o json is the weighted providers and the rules", async () => {
    const ctx = fakeContext({ backend: rulesOf([rule({})]) });
    await runChain({ id: "vk2", output: json }, ctx);
    expect(ctx.io.out()).toBe(
      `${JSON.stringify(
        {
          virtualKeyId: "vk2", name: "batch", status: "active",
          providers: [{ provider: "openai", weight: 70, share: "70%" }, { provider: "anthropic", weight: 30, share: "30%" }],
          rules: [rule({})],
        },
        null,
        2,
      )}\n`,
    );
  });

  it("a backend without chains refuses with its reason", async () => {
    await expect(runChain({ id: "x", output: table }, fakeContext({ backend: fakeBackend(coreweave, { chains: {} }) }))).rejects.toEqual(
      usage("the coreweave backend does not support `gw chain`: CoreWeave has inference gateways, not provider bindings: use gw gateways (see gw backends)"),
    );
  });
});

describe("gw chain set", () => {
  const opts = (over: Partial<SetOptions> = {}): SetOptions => ({ id: "vk1", bindingIds: ["b1", "b2"], dryRun: false, quiet: false, output: table, ...over });
  const setting = () =>
    fakeBackend(langwatch, { chainWrites: { set: async (_id, ids) => ({ kind: "bindings", key: virtualKey({ chain: ids }), bindings: [b1, b2] }) } });

  it("replaces the chain, confirms with the hop count and shows the new chain", async () => {
    const backend = setting();
    const ctx = fakeContext({ backend, io: fakeIO({ columns: 200 }) });
    await runSet(opts({ bindingIds: ["b2"] }), ctx);
    expect(backend.calls).toEqual([{ method: "chainWrites.set", args: ["vk1", ["b2"]] }]);
    expect(ctx.io.err()).toBe("✓ Set the chain of virtual key vk1 (1 hop)\n");
    expect(ctx.io.out().split("\n").slice(0, 3)).toEqual([
      "Virtual key vk1 (checkout), active",
      "primary (anthropic, inherit, disabled, slot fallback)",
      "Max attempts: not set (1 hop)",
    ]);
  });

  it("--quiet prints the key id only", async () => {
    const ctx = fakeContext({ backend: setting() });
    await runSet(opts({ quiet: true }), ctx);
    expect(ctx.io.out()).toBe("vk1\n");
    expect(ctx.io.err()).toBe("✓ Set the chain of virtual key vk1 (2 hops)\n");
  });

  it("a binding named twice is refused before the backend is loaded", async () => {
    await expect(runSet(opts({ bindingIds: ["b1", "b2", "b1"] }), fakeContext())).rejects.toEqual(usage("binding b1 appears twice in the chain"));
  });

  it("Bifrost: the hops (provider[/model]) go to the part as given, and the rules that apply are shown", async () => {
    const key = virtualKey({ backend: "bifrost", chain: null, providerConfigs: [] });
    const backend = fakeBackend(bifrost, { chainWrites: { set: async () => ({ kind: "rules", key, rules: [] }) as ChainView } });
    const ctx = fakeContext({ backend });
    await runSet(opts({ bindingIds: ["openai/gpt-4o", "anthropic/claude-3-5-haiku"] }), ctx);
    expect(backend.calls).toEqual([{ method: "chainWrites.set", args: ["vk1", ["openai/gpt-4o", "anthropic/claude-3-5-haiku"]] }]);
    expect(ctx.io.err()).toBe("✓ Set the chain of virtual key vk1 (2 hops)\n");
    expect(ctx.io.out()).toContain("Providers by weight: none");
  });
});
