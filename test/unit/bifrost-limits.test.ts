import { describe, expect, it } from "vitest";
import type { Binding } from "../../src/domain/binding.js";
import { LIMIT_SEMANTICS as BIFROST } from "../../src/backends/bifrost/adapter.js";
import { limitRows } from "../../src/domain/limits.js";
import type { VirtualKey, VkProviderConfig } from "../../src/domain/virtual-key.js";

const provider = (name: string, over: Partial<Binding> = {}): Binding => ({
  id: name, backend: "bifrost", provider: name, providerId: name, slot: null, rpm: null, tpm: null, rpd: null, fallbackPriority: null,
  rotationPolicy: null, health: "active", status: "active", disabledAt: null, createdAt: null, name: null, baseUrl: null, models: null,
  updatedAt: null, details: { rateLimit: null, budgets: [] }, ...over,
});
const config = (name: string, over: Partial<VkProviderConfig> = {}): VkProviderConfig => ({
  provider: name, weight: 1, allowedModels: null, blockedModels: [], keyIds: null, budgets: [], rpm: null, tpm: null, rpd: null, rateLimit: null, ...over,
});
const key = (over: Partial<VirtualKey>): VirtualKey => ({
  id: "vk", backend: "bifrost", name: "k", description: null, status: "active", environment: null, displayPrefix: null, chain: null,
  routingMode: null, routingPolicyId: null, providersAllowed: null, maxAttempts: null, fallbackOn: null, rpm: null, tpm: null, rpd: null,
  createdAt: null, lastUsedAt: null, revokedAt: null, providerConfigs: [], budgets: [], rateLimit: null, teamId: null, customerId: null, ...over,
});

describe("gw limits on Bifrost", () => {
  it("lists providers, keys and each key's provider configs; no LangWatch TPM warning", () => {
    const rows = limitRows([provider("openai", { tpm: 5 })], [key({ providerConfigs: [config("openai")] })], BIFROST);
    expect(rows.map((r) => [r.kind, r.id, r.name, r.unsetMeans])).toEqual([
      ["binding", "openai", "openai", "none"],
      ["virtual-key", "vk", "k", "none"],
      ["provider-config", "vk/openai", "k -> openai", "inherit"],
    ]);
    expect(rows.every((r) => r.warnings.length === 0)).toBe(true);
  });

  it("warns when a key's limit is above what its provider configs can carry together", () => {
    const providers = [provider("openai", { rpm: 600 }), provider("anthropic")];
    const capped = key({ rpm: 1200, providerConfigs: [config("openai", { rpm: 900 }), config("anthropic", { rpm: 300 })] });
    // openai is capped by the lower of its config (900) and its provider (600): 600 + 300 < 1200.
    expect(limitRows(providers, [capped], BIFROST)[2]!.warnings).toEqual([
      "RPM 1200 is above what its providers can carry together (900): their limits cap first",
    ]);
    const open = key({ rpm: 1200, providerConfigs: [config("openai", { rpm: 900 }), config("anthropic")] });
    expect(limitRows(providers, [open], BIFROST)[2]!.warnings).toEqual([]);
  });

  it("warns when a provider config's limit is above its provider's", () => {
    const rows = limitRows([provider("openai", { rpm: 600 })], [key({ providerConfigs: [config("openai", { rpm: 900 })] })], BIFROST);
    expect(rows.at(-1)!.warnings).toEqual(["RPM 900 is above the provider's own limit (600): the provider caps first"]);
  });

  it("shows limits of other windows and budgets in `other`", () => {
    const b = provider("azure", {
      details: {
        rateLimit: { requests: { limit: 5000, window: "1h", used: 7 }, tokens: { limit: 9, window: "1m", used: null } },
        budgets: [{ maxLimit: 500, resetDuration: "1M", currentUsage: 1.5, calendarAligned: true }],
      },
    });
    const k = key({ rateLimit: { requests: { limit: 1, window: "1w", used: null }, tokens: null }, budgets: [{ maxLimit: 10, resetDuration: "1d", currentUsage: null, calendarAligned: false }] });
    const [providerRow, keyRow] = limitRows([b], [k], BIFROST);
    expect(providerRow!.other).toEqual(["5000 req/1h", "$500.00/1M calendar (used $1.50)"]);
    expect(keyRow!.other).toEqual(["1 req/1w", "$10.00/1d"]);
  });
});
