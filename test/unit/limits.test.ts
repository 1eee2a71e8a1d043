import { describe, expect, it } from "vitest";
import type { Binding } from "../../src/domain/binding.js";
import { LIMIT_SEMANTICS as LANGWATCH } from "../../src/backends/langwatch/adapter.js";
import { limitRows } from "../../src/domain/limits.js";
import type { VirtualKey } from "../../src/domain/virtual-key.js";

const b = (id: string, over: Partial<Binding>): Binding => ({
  id, backend: "langwatch", provider: "openai", providerId: "mp", slot: "primary", rpm: null, tpm: null, rpd: null,
  fallbackPriority: null, rotationPolicy: null, health: null, status: "active", disabledAt: null, createdAt: null, ...over,
});
const vk = (over: Partial<VirtualKey>): VirtualKey => ({
  id: "vk", backend: "langwatch", name: "k", description: null, status: "active", environment: null, displayPrefix: null,
  chain: [], routingMode: null, routingPolicyId: null, providersAllowed: null, maxAttempts: null, fallbackOn: null,
  rpm: null, tpm: null, rpd: null, createdAt: null, lastUsedAt: null, revokedAt: null, ...over,
});

describe("gw limits warnings", () => {
  it("warns when a key limit is above the limit of every hop", () => {
    const rows = limitRows([b("a", { rpm: 600 }), b("c", { rpm: 300 })], [vk({ chain: ["a", "c"], rpm: 1200 })], LANGWATCH);
    expect(rows.at(-1)!.warnings).toEqual(["RPM 1200 is above every hop's binding limit (max 600): the bindings cap first"]);
  });

  it("does not warn when one hop inherits (no cap) or allows more", () => {
    expect(limitRows([b("a", { rpm: 600 }), b("c", {})], [vk({ chain: ["a", "c"], rpm: 1200 })], LANGWATCH).at(-1)!.warnings).toEqual([]);
    expect(limitRows([b("a", { rpm: 2000 })], [vk({ chain: ["a"], rpm: 1200 })], LANGWATCH).at(-1)!.warnings).toEqual([]);
  });

  it("warns that TPM on a binding is stored but not enforced", () => {
    const [row] = limitRows([b("a", { tpm: 100000 })], [], LANGWATCH);
    expect(row!.warnings).toEqual(["TPM is stored but not enforced by the gateway"]);
    expect(row!).toMatchObject({ kind: "binding", name: "openai/primary", tpm: 100000 });
  });
});
