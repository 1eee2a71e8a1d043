import { describe, expect, it } from "vitest";
import type { BackendInit } from "../../src/sandbox/backend.js";
import { createBifrostSandbox } from "../../src/sandbox/bifrost/index.js";
import { bifrost, errorBody, KEY, type BifrostApi } from "./bifrost-helpers.js";

/**
 * PUT /api/governance/virtual-keys/{vk_id} (research §2.6), on every generation: a partial update where
 * omitted scalars are kept, provider_configs is the full desired set, budgets replace (usage kept where they
 * match), an empty rate_limit removes it, team_id/customer_id are presence-aware.
 */
const VK = "/api/governance/virtual-keys";

const contract = createBifrostSandbox({ apiKey: KEY, seed: "empty", langwatchEra: "a", bifrostVersion: "1.5", bifrostAuth: "bearer", transitionMs: 0 } as BackendInit).contract!;

async function prodChat(api: BifrostApi) {
  const keys = (await api.get(VK)).body.virtual_keys as Record<string, any>[];
  return keys.find((k) => k.name === "prod-chat")!;
}

describe.each(["1.4", "1.5", "2"] as const)("Bifrost sandbox v%s: virtual key update", (version) => {
  it("keeps what is omitted, changes what is sent, answers {message, virtual_key}", async () => {
    const api = await bifrost({ bifrostVersion: version });
    const before = await prodChat(api);
    const r = await api.put(`${VK}/${before.id}`, { description: "changed", is_active: false });
    expect(r.status).toBe(200);
    expect(r.body.message).toBe("Virtual key updated successfully");
    expect(contract.checkResponse("PUT", `${VK}/:vk_id`, r.status, r.body)).toBeUndefined();
    const after = r.body.virtual_key;
    expect(after).toMatchObject({ id: before.id, name: "prod-chat", description: "changed", is_active: false, value: before.value });
    expect(after.provider_configs).toEqual(before.provider_configs);
    expect(after.budgets).toEqual(before.budgets);
    expect(after.rate_limit).toEqual(before.rate_limit);
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
    expect((await api.get(`${VK}/${before.id}`)).body.virtual_key.description).toBe("changed");
    expect(api.violations()).toEqual([]);
  });

  it("provider_configs is the full set: an id updates that config, no id adds one, the rest are removed", async () => {
    const api = await bifrost({ bifrostVersion: version });
    const before = await prodChat(api);
    const [openai, anthropic] = before.provider_configs;
    const r = await api.put(`${VK}/${before.id}`, {
      provider_configs: [
        { id: openai.id, provider: "openai", weight: 0.5, allowed_models: ["gpt-4o"] },
        { provider: "azure", weight: 0.5, allowed_models: ["*"], rate_limit: { request_max_limit: 60, request_reset_duration: "1m" } },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const configs = r.body.virtual_key.provider_configs;
    expect(configs.map((c: any) => [c.provider, c.weight])).toEqual([["openai", 0.5], ["azure", 0.5]]);
    expect(configs[0]).toMatchObject({ id: openai.id, allowed_models: ["gpt-4o"], rate_limit: openai.rate_limit }); // omitted in the item: kept
    expect(configs[1].id).not.toBe(anthropic.id);
    expect(configs[1]).toMatchObject({ virtual_key_id: before.id, rate_limit: { request_max_limit: 60 } });
    const budgets = (await api.get("/api/governance/budgets")).body.budgets as { provider_config_id?: number }[];
    expect(budgets.some((b) => b.provider_config_id === anthropic.id)).toBe(false); // removed with its config
  });

  it("refuses a config id of another key, an unknown provider, a name taken, and both owners", async () => {
    const api = await bifrost({ bifrostVersion: version });
    const keys = (await api.get(VK)).body.virtual_keys as Record<string, any>[];
    const [prod, batch] = [keys[0]!, keys[1]!];
    const foreign = await api.put(`${VK}/${prod.id}`, { provider_configs: [{ id: batch.provider_configs[0].id, provider: "internal-llm" }] });
    expect(foreign).toEqual({ status: 400, body: errorBody(400, `provider config ${batch.provider_configs[0].id} does not belong to virtual key ${prod.id}`) });
    expect((await api.put(`${VK}/${prod.id}`, { provider_configs: [{ provider: "nope" }] })).body.error.message).toBe("provider nope is not configured");
    expect((await api.put(`${VK}/${prod.id}`, { name: "batch-jobs" })).status).toBe(409);
    expect((await api.put(`${VK}/${prod.id}`, { team_id: "t", customer_id: "c" })).status).toBe(400);
    expect(await api.put(`${VK}/nope`, { description: "x" })).toEqual({ status: 404, body: errorBody(404, "Virtual key not found: nope") });
    expect((await prodChat(api)).provider_configs).toEqual(prod.provider_configs); // nothing half-applied
  });

  it("budgets replace the key's budgets, keeping the usage of those matched; reset_budget_usage zeroes them", async () => {
    const api = await bifrost({ bifrostVersion: version });
    const before = await prodChat(api);
    const r = await api.put(`${VK}/${before.id}`, { budgets: [{ max_limit: 200, reset_duration: "1M", calendar_aligned: true }] });
    expect(r.body.virtual_key.budgets).toMatchObject([{ id: before.budgets[0].id, max_limit: 200, reset_duration: "1M", current_usage: 37.5, virtual_key_id: before.id }]);
    const reset = await api.put(`${VK}/${before.id}`, { reset_budget_usage: true });
    expect(reset.body.virtual_key.budgets[0].current_usage).toBe(0);
    expect((await api.put(`${VK}/${before.id}`, { budgets: [{ max_limit: 1, reset_duration: "1d", calendar_aligned: true }, { max_limit: 2, reset_duration: "1d" }] })).status).toBe(400);
  });

  it("an empty rate_limit removes it; a new one replaces it, usage kept while the window stays", async () => {
    const api = await bifrost({ bifrostVersion: version });
    const before = await prodChat(api);
    const changed = await api.put(`${VK}/${before.id}`, { rate_limit: { request_max_limit: 5000, request_reset_duration: "1m" } });
    expect(changed.body.virtual_key.rate_limit).toMatchObject({ id: before.rate_limit.id, request_max_limit: 5000, request_current_usage: 40 });
    expect(changed.body.virtual_key.rate_limit).not.toHaveProperty("token_max_limit");
    const removed = await api.put(`${VK}/${before.id}`, { rate_limit: {} });
    expect(removed.body.virtual_key).not.toHaveProperty("rate_limit");
    expect(removed.body.virtual_key.rate_limit_id).toBeNull();
  });

  it("team_id and customer_id: a value sets one and clears the other, null or empty detaches; expires_at empty clears", async () => {
    const api = await bifrost({ bifrostVersion: version });
    const legacy = ((await api.get(VK)).body.virtual_keys as Record<string, any>[]).find((k) => k.name === "legacy-app")!;
    expect(legacy.customer_id).toBe("cust-acme");
    const team = await api.put(`${VK}/${legacy.id}`, { team_id: "team-ops" });
    expect(team.body.virtual_key).toMatchObject({ team_id: "team-ops", customer_id: null });
    const kept = await api.put(`${VK}/${legacy.id}`, { description: "x" });
    expect(kept.body.virtual_key.team_id).toBe("team-ops");
    expect((await api.put(`${VK}/${legacy.id}`, { team_id: null })).body.virtual_key.team_id).toBeNull();
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    expect((await api.put(`${VK}/${legacy.id}`, { expires_at: soon })).body.virtual_key.expires_at).toBe(soon);
    expect((await api.put(`${VK}/${legacy.id}`, { expires_at: "" })).body.virtual_key.expires_at).toBeNull();
    expect((await api.put(`${VK}/${legacy.id}`, { expires_at: "2020-01-01T00:00:00Z" })).status).toBe(400);
  });
});
