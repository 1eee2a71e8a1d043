import { describe, expect, it } from "vitest";
import { addProviderBody, providerUpdateBody } from "../../src/backends/bifrost/provider-body.js";
import { toBinding, wireProvider } from "../../src/backends/bifrost/provider-from-wire.js";
import { parseFallback, toRoutingRule } from "../../src/backends/bifrost/rules-from-wire.js";
import { generationFromProvider, generationOf, versionFromBody } from "../../src/backends/bifrost/version.js";
import { allowList, toVirtualKey } from "../../src/backends/bifrost/vk-from-wire.js";
import { rawOf } from "../../src/domain/binding.js";
import { UsageError } from "../../src/errors.js";

const openai = {
  name: "openai",
  network_config: { base_url: "https://api.openai.com", extra_headers: { "X-Org": "o" }, max_retries: 2, default_request_timeout_in_seconds: 60, retry_backoff_initial: 500, retry_backoff_max: 5000 },
  concurrency_and_buffer_size: { concurrency: 50, buffer_size: 500 },
  proxy_config: { type: "http", password: { value: "prox****************************word", env_var: "", from_env: false } },
  send_back_raw_request: false,
  send_back_raw_response: true,
  provider_status: "active",
};

describe("Bifrost provider -> binding record", () => {
  it("uses the name as id, the governance window as limits and keeps the rest in details", () => {
    const b = toBinding(wireProvider(openai, "t"), { provider: "openai", rate_limit: { request_max_limit: 600, request_reset_duration: "1m", token_max_limit: 9, token_reset_duration: "1h" }, budgets: [{ id: "b", max_limit: 5, reset_duration: "1d", current_usage: 1 }] }, 2);
    expect(b).toMatchObject({ id: "openai", backend: "bifrost", provider: "openai", providerId: "openai", slot: null, rpm: 600, tpm: null, rpd: null, baseUrl: "https://api.openai.com", health: "active", status: "active" });
    expect(b.details).toEqual({
      baseProviderType: null,
      keyless: false,
      keys: 2,
      concurrency: 50,
      bufferSize: 500,
      maxRetries: 2,
      requestTimeoutSeconds: 60,
      headerNames: ["X-Org"],
      proxy: "http",
      rateLimit: { requests: { limit: 600, window: "1m", used: null }, tokens: { limit: 9, window: "1h", used: null } },
      budgets: [{ maxLimit: 5, resetDuration: "1d", currentUsage: 1, calendarAligned: false }],
      modelDiscovery: null,
    });
  });

  it("shows a custom provider's base type and a failed model discovery", () => {
    const b = toBinding(
      wireProvider({ ...openai, name: "mine", custom_provider_config: { base_provider_type: "openai", is_key_less: true }, status: "list_models_failed", description: "boom" }, "t"),
      undefined,
      null,
    );
    expect(b.details).toMatchObject({ baseProviderType: "openai", keyless: true, keys: null, rateLimit: null, budgets: [], modelDiscovery: "list_models_failed: boom" });
    expect([b.rpm, b.tpm, b.rpd]).toEqual([null, null, null]);
  });

  it("masks secrets a server sent in clear in the kept raw body (--raw)", () => {
    const clear = { ...openai, keys: [{ id: "k", value: { value: "sk-proj-abcdefghijklmnop", env_var: "", from_env: false } }] };
    const raw = JSON.stringify(rawOf(toBinding(wireProvider(clear, "t"), undefined, 1)));
    expect(raw).not.toContain("sk-proj-abcdefghijklmnop");
    expect(raw).toContain("sk-p****mnop");
    expect(raw).toContain("prox****************************word"); // already redacted by the server: unchanged
  });

  it("rejects a body that is not a provider, as one line (exit 6)", () => {
    expect(() => wireProvider({ network_config: {} }, "get provider x")).toThrow(/"name" is not a string/);
  });
});

describe("Bifrost provider writes", () => {
  it("POST carries only what the flags name, concurrency and buffer size together", () => {
    expect(addProviderBody({ providerId: "mistral" })).toEqual({ provider: "mistral" });
    expect(addProviderBody({ providerId: "mine", baseProvider: "openai", baseUrl: "https://x.example", headers: { A: "1" }, maxRetries: 0, requestTimeout: 9, concurrency: 2, bufferSize: 4 })).toEqual({
      provider: "mine",
      network_config: { base_url: "https://x.example", extra_headers: { A: "1" }, max_retries: 0, default_request_timeout_in_seconds: 9 },
      concurrency_and_buffer_size: { concurrency: 2, buffer_size: 4 },
      custom_provider_config: { base_provider_type: "openai" },
    });
    expect(() => addProviderBody({ providerId: "x", concurrency: 5 })).toThrow(/give both --concurrency and --buffer-size/);
    expect(() => addProviderBody({ providerId: "x", concurrency: 5, bufferSize: 4 })).toThrow(UsageError);
  });

  it("PUT echoes every block as read and changes only the patched fields (v1.5: no keys)", () => {
    const body = providerUpdateBody(wireProvider(openai, "t"), { maxRetries: 4, headers: null }, "1.5", "t");
    expect(body).toEqual({
      network_config: { base_url: "https://api.openai.com", max_retries: 4, default_request_timeout_in_seconds: 60, retry_backoff_initial: 500, retry_backoff_max: 5000 },
      concurrency_and_buffer_size: { concurrency: 50, buffer_size: 500 },
      proxy_config: openai.proxy_config,
      send_back_raw_request: false,
      send_back_raw_response: true,
    });
  });

  it("PUT on v1.4 carries the full key set as read, redacted values unchanged", () => {
    const keys = [{ id: "k1", value: { value: "sk-p************************1234", env_var: "", from_env: false }, models: [], weight: 1 }];
    expect(providerUpdateBody(wireProvider({ ...openai, keys }, "t"), { bufferSize: 50 }, "1.4", "t").keys).toEqual(keys);
    expect(() => providerUpdateBody(wireProvider(openai, "t"), { bufferSize: 50 }, "1.4", "t")).toThrow(/returned none/);
  });

  it("refuses a concurrency above the buffer size before sending", () => {
    expect(() => providerUpdateBody(wireProvider(openai, "t"), { concurrency: 600 }, "1.5", "t")).toThrow(
      "concurrency 600 is above the buffer size 500: Bifrost needs concurrency <= buffer size (set --buffer-size too)",
    );
  });
});

describe("Bifrost server generation", () => {
  it("reads the release from /api/version (a JSON string), and falls back to behaviour", () => {
    expect(generationOf("v1.4.9")).toBe("1.4");
    expect(generationOf("1.5.0-prerelease1")).toBe("1.5");
    expect(generationOf("v2.0.1")).toBe("2");
    expect(versionFromBody("v1.5.3")).toBe("v1.5.3");
    expect(versionFromBody({ version: "1.4.2" })).toBe("1.4.2");
    expect(versionFromBody({ client_config: {} })).toBeUndefined(); // /api/config's shape: no version there
    expect(generationFromProvider({ name: "x", keys: [] })).toBe("1.4");
    expect(generationFromProvider({ name: "x" })).toBe("1.5");
  });
});

describe("Bifrost virtual keys and routing rules", () => {
  it("reads allow-lists per generation: [] is none on v1.5 and all on v1.4; * is all", () => {
    expect(allowList([], "1.5")).toEqual([]);
    expect(allowList([], "1.4")).toBeNull();
    expect(allowList(["*"], "1.5")).toBeNull();
    expect(allowList(["gpt-4o"], "1.4")).toEqual(["gpt-4o"]);
    expect(allowList(undefined, "1.5")).toBeNull();
  });

  it("maps a key with provider configs, budgets and limits, and never shows its value", () => {
    const value = "sk-bf-1234567890abcdef";
    const key = toVirtualKey(
      {
        id: "vk1", name: "prod", value, is_active: false, team_id: "t1", customer_id: null,
        provider_configs: [
          { id: 1, virtual_key_id: "vk1", provider: "openai", weight: 0.7, allowed_models: ["gpt-4o"], allow_all_keys: false, keys: [{ key_id: "k1" }], rate_limit: { id: "r", request_max_limit: 300, request_reset_duration: "1m" }, budgets: [] },
          { id: 2, virtual_key_id: "vk1", provider: "anthropic", weight: null, allowed_models: ["*"], allow_all_keys: true },
        ],
        budgets: [{ id: "b", max_limit: 100, reset_duration: "1M", current_usage: 37.5, calendar_aligned: true }],
        rate_limit: { id: "r2", request_max_limit: 1000, request_reset_duration: "1d" },
      },
      "t",
      "1.5",
    );
    expect(key).toMatchObject({ id: "vk1", backend: "bifrost", status: "disabled", rpd: 1000, rpm: null, teamId: "t1", customerId: null, chain: null, providersAllowed: ["openai", "anthropic"] });
    expect(key.displayPrefix).toBe("sk-b****cdef");
    expect(key.providerConfigs).toEqual([
      { provider: "openai", weight: 0.7, allowedModels: ["gpt-4o"], blockedModels: [], keyIds: ["k1"], budgets: [], rpm: 300, tpm: null, rpd: null, rateLimit: { requests: { limit: 300, window: "1m", used: null }, tokens: null } },
      { provider: "anthropic", weight: null, allowedModels: null, blockedModels: [], keyIds: null, budgets: [], rpm: null, tpm: null, rpd: null, rateLimit: null },
    ]);
    expect(key.budgets).toEqual([{ maxLimit: 100, resetDuration: "1M", currentUsage: 37.5, calendarAligned: true }]);
    expect(JSON.stringify(key)).not.toContain(value);
    expect(JSON.stringify(rawOf(key))).not.toContain(value);
  });

  it("reads routing rules with their documented defaults; fallbacks split at the first slash", () => {
    expect(parseFallback("openrouter/meta-llama/llama-3")).toEqual({ provider: "openrouter", model: "meta-llama/llama-3" });
    expect(parseFallback("gpt-4o")).toEqual({ provider: null, model: "gpt-4o" });
    expect(toRoutingRule({ id: "r", name: "n", cel_expression: "true", targets: [{ provider: "openai", weight: 1 }], fallbacks: ["anthropic/claude"] })).toEqual([
      { id: "r", name: "n", description: null, enabled: true, chainRule: false, condition: "true", scope: "global", scopeId: null, priority: 0, targets: [{ provider: "openai", model: null, keyId: null, weight: 1 }], fallbacks: [{ provider: "anthropic", model: "claude" }] },
    ]);
    expect(toRoutingRule({ name: "no id" })).toEqual([]);
  });
});
