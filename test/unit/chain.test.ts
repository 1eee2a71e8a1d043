import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { chainJson, renderChain } from "../../src/commands/chain/render.js";
import type { Binding } from "../../src/domain/binding.js";
import type { VirtualKey } from "../../src/domain/virtual-key.js";

const binding = (id: string, over: Partial<Binding>): Binding => ({
  id, backend: "langwatch", provider: "openai", providerId: `mp_${id}`, slot: "primary", rpm: null, tpm: null, rpd: null,
  fallbackPriority: null, rotationPolicy: "MANUAL", health: "unknown", status: "active", disabledAt: null, createdAt: null, ...over,
});

const bindings = [
  binding("b1", { provider: "openai", slot: "primary", rpm: 600, health: "healthy" }),
  binding("b2", { provider: "anthropic", slot: "fallback-1" }),
  binding("b3", { provider: "azure", slot: "fallback-2", status: "disabled", disabledAt: "2026-06-01T00:00:00Z" }),
];

const key: VirtualKey = {
  id: "vk_1", backend: "langwatch", name: "prod-chat", description: null, status: "active", environment: "live",
  displayPrefix: "lw_vk_live_01", chain: ["b1", "b2", "b3"], routingMode: null, routingPolicyId: null, providersAllowed: null,
  maxAttempts: 3, fallbackOn: ["5xx", "timeout"], rpm: 1200, tpm: null, rpd: null, createdAt: null, lastUsedAt: null, revokedAt: null,
};

const plain = new Chalk({ level: 0 });

describe("chain rendering", () => {
  it("puts the chain on one line when it fits", () => {
    const out = renderChain(key, bindings, { columns: 200, chalk: plain });
    expect(out).toContain(
      "primary (openai, 600 rpm, healthy) -> fallback-1 (anthropic, inherit) -> fallback-2 (azure, inherit, disabled)",
    );
    expect(out).toContain("Max attempts: 3");
    expect(out).toContain("Falls through on: 5xx, timeout");
    expect(out).toMatch(/fallback-2 \(azure\) is disabled, but it still serves this key/);
  });

  it("puts one hop per line when the terminal is narrow", () => {
    const lines = renderChain(key, bindings, { columns: 60, chalk: plain }).split("\n");
    expect(lines).toContain("    primary (openai, 600 rpm, healthy)");
    expect(lines).toContain(" -> fallback-1 (anthropic, inherit)");
    expect(lines).toContain(" -> fallback-2 (azure, inherit, disabled)");
  });

  it("says when max attempts cuts the chain short, and flags unknown bindings", () => {
    const out = renderChain({ ...key, maxAttempts: 2, chain: ["b1", "b2", "gone"] }, bindings, { columns: 200, chalk: plain });
    expect(out).toContain("only the first 2 of 3 hops are tried");
    expect(out).toContain("fallback-2 (unknown binding gone)");
  });

  it("shows a binding's own slot when it differs from its position", () => {
    const out = renderChain({ ...key, chain: ["b2", "b1"] }, bindings, { columns: 200, chalk: plain });
    expect(out).toContain("primary (anthropic, inherit, slot fallback-1) -> fallback-1 (openai, 600 rpm, healthy, slot primary)");
  });

  it("explains what a v3.4+ key exposes instead of a chain", () => {
    const eraB = { ...key, chain: null, routingMode: "fallback_all", providersAllowed: ["mp_a", "mp_b"], fallbackOn: null };
    const out = renderChain(eraB, [], { columns: 200, chalk: plain });
    expect(out).toContain("Routing mode: fallback_all");
    expect(out).toContain("Allowed providers: mp_a, mp_b");
    expect(out).toMatch(/does not expose the resolved order/);
    expect(chainJson(eraB, [])).toMatchObject({ routingMode: "fallback_all", hops: null });
  });

  it("gives the ordered hops as binding records in JSON", () => {
    const hops = chainJson(key, bindings) as Binding[];
    expect(hops.map((h) => h.id)).toEqual(["b1", "b2", "b3"]);
    expect(hops[2]).toMatchObject({ provider: "azure", status: "disabled" });
  });
});
