import { describe, expect, it } from "vitest";
import { vkDetailView, vkListView } from "../../src/commands/vk/view.js";
import type { VirtualKey, VkProviderConfig } from "../../src/domain/virtual-key.js";

/** The providers a Bifrost key may use, in `gw vk list` (CHAIN) and `gw vk get` (Providers): v2's allow_all_providers. */
const config = (provider: string, weight: number): VkProviderConfig => ({
  provider, weight, allowedModels: null, blockedModels: [], keyIds: null, budgets: [], rpm: null, tpm: null, rpd: null, rateLimit: null,
});
const key = (over: Partial<VirtualKey>): VirtualKey => ({
  id: "vk1", backend: "bifrost", name: "k", description: null, status: "active", environment: null, displayPrefix: null, chain: null,
  routingMode: null, routingPolicyId: null, providersAllowed: [], maxAttempts: null, fallbackOn: null, rpm: null, tpm: null, rpd: null,
  createdAt: null, lastUsedAt: null, revokedAt: null, providerConfigs: [], allowAllProviders: false, budgets: [], rateLimit: null,
  teamId: null, customerId: null, ...over,
});

const listCell = (k: VirtualKey, header: string) => vkListView(new Map()).columns.find((c) => c.header === header)!.value(k);
const detail = (k: VirtualKey, header: string) => vkDetailView(new Map()).fields.find((f) => f.header === header)!.value(k);

describe("gw vk on Bifrost: which providers a key may use", () => {
  it("allow_all_providers with no provider config: all providers, not none", () => {
    const all = key({ allowAllProviders: true, providersAllowed: null });
    expect(listCell(all, "CHAIN")).toBe("all providers");
    expect(detail(all, "Providers")).toBe("all providers");
  });

  it("allow_all_providers next to weighted configs: those configs, and every other provider", () => {
    const mixed = key({ allowAllProviders: true, providersAllowed: null, providerConfigs: [config("openai", 0.7), config("anthropic", 0.3)] });
    expect(listCell(mixed, "CHAIN")).toBe("openai 70% | anthropic 30% | all other providers");
    expect(detail(mixed, "Providers")).toBe("openai 70% (all models), anthropic 30% (all models); all other providers too");
  });

  it("without it, an empty provider list still means none (v1.5 deny-by-default)", () => {
    const none = key({});
    expect(listCell(none, "CHAIN")).toBe("no providers");
    expect(detail(none, "Providers")).toBe("none (the key may use no provider)");
    expect(listCell(key({ providerConfigs: [config("openai", 1)] }), "CHAIN")).toBe("openai 100%");
  });
});
