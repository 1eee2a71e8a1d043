import { describe, expect, it } from "vitest";
import { bifrost, errorBody } from "./bifrost-helpers.js";

const VK = "/api/governance/virtual-keys";
const RULES = "/api/governance/routing-rules";

describe("Bifrost sandbox: virtual keys", () => {
  it("returns every key when no paging or filter parameter is given", async () => {
    const api = await bifrost();
    const r = await api.get(VK);
    expect(r.body).toMatchObject({ count: 4, total_count: 4, limit: 4, offset: 0 });
    const prod = r.body.virtual_keys[0];
    expect(prod).toMatchObject({ name: "prod-chat", is_active: true });
    expect(prod.value).toMatch(/^sk-bf-/);
    expect(prod.provider_configs.map((c: { provider: string; weight: number }) => [c.provider, c.weight])).toEqual([["openai", 0.7], ["anthropic", 0.3]]);
  });

  it("pages with limit/offset once asked: 25 by default, at most 100", async () => {
    const api = await bifrost({ seed: 130 });
    const first = await api.get(`${VK}?offset=0`);
    expect(first.body).toMatchObject({ count: 25, total_count: 130, limit: 25, offset: 0 });
    const big = await api.get(`${VK}?limit=500&offset=100`);
    expect(big.body).toMatchObject({ count: 30, limit: 100, offset: 100 });
    expect((await api.get(`${VK}?search=vk-12`)).body.total_count).toBe(10); // vk-120 .. vk-129
    expect((await api.get(`${VK}?limit=-1`)).status).toBe(400);
  });

  it("creates keys with the handler's checks; gets and deletes them", async () => {
    const api = await bifrost();
    const r = await api.post(VK, { name: "new", provider_configs: [{ provider: "openai", weight: 1, allowed_models: ["*"], rate_limit: { request_max_limit: 10, request_reset_duration: "1m" } }] });
    expect(r.status).toBe(200);
    expect(r.body.message).toBe("Virtual key created successfully");
    const id = r.body.virtual_key.id;
    expect((await api.get(`${VK}/${id}`)).body.virtual_key.provider_configs[0]).toMatchObject({ provider: "openai", virtual_key_id: id, rate_limit: { request_max_limit: 10 } });
    expect((await api.post(VK, { name: "new" })).status).toBe(409);
    expect((await api.post(VK, { name: "x", team_id: "t", customer_id: "c" })).status).toBe(400);
    expect((await api.post(VK, { name: "y", provider_configs: [{ provider: "nope" }] })).body.error.message).toBe("provider nope is not configured");
    expect(await api.del(`${VK}/${id}`)).toEqual({ status: 200, body: { message: "Virtual key deleted successfully" } });
    expect(await api.get(`${VK}/${id}`)).toEqual({ status: 404, body: errorBody(404, `Virtual key not found: ${id}`) });
  });
});

describe("Bifrost sandbox: routing rules", () => {
  it("lists rules by priority, filtered by scope", async () => {
    const api = await bifrost();
    const all = (await api.get(RULES)).body;
    expect(all.rules.map((r: { name: string }) => r.name)).toEqual(["prod-gpt4o-split", "prod-free-tier", "data-team-batch", "global-default"]);
    expect((await api.get(`${RULES}?scope=team&scope_id=team-data`)).body.count).toBe(1);
    expect((await api.get(`${RULES}?scope=nowhere`)).status).toBe(400); // not in the contract's enum
  });

  it("creates a rule only with targets whose weights add up to 1, and a scope id unless global", async () => {
    const api = await bifrost();
    const target = (weight: number) => ({ provider: "openai", model: "gpt-4o", weight });
    const ok = await api.post(RULES, { name: "r", cel_expression: "true", targets: [target(0.5), target(0.5)], fallbacks: ["anthropic/claude"] });
    expect(ok.status).toBe(200);
    expect(ok.body.rule).toMatchObject({ enabled: true, chain_rule: false, scope: "global", priority: 0, fallbacks: ["anthropic/claude"] });
    expect((await api.post(RULES, { name: "r", cel_expression: "true", targets: [target(0.5)] })).body.error.message).toMatch(/must sum to 1/);
    expect((await api.post(RULES, { name: "r", cel_expression: "true", targets: [target(1)], scope: "team" })).body.error.message).toMatch(/scope_id is required/);
    expect((await api.post(RULES, { name: "r", cel_expression: "true", targets: [{ key_id: "k", weight: 1 }] })).body.error.message).toMatch(/needs a provider/);
    expect((await api.post(RULES, { name: "r", cel_expression: "true", targets: [] })).status).toBe(400);
    const id = ok.body.rule.id;
    expect((await api.get(`${RULES}/${id}`)).body.rule.id).toBe(id);
    expect((await api.del(`${RULES}/${id}`)).status).toBe(200);
    expect((await api.get(`${RULES}/${id}`)).status).toBe(404);
  });

  it("updates a rule partially; targets, when given, replace every target", async () => {
    const api = await bifrost();
    const rule = (await api.get(RULES)).body.rules.find((r: { name: string }) => r.name === "global-default");
    const r = await api.put(`${RULES}/${rule.id}`, { priority: 50, targets: [{ provider: "anthropic", weight: 1 }] });
    expect(r.status).toBe(200);
    expect(r.body.rule).toMatchObject({ name: "global-default", priority: 50, targets: [{ provider: "anthropic", model: null, key_id: null, weight: 1 }], fallbacks: rule.fallbacks });
    expect((await api.put(`${RULES}/${rule.id}`, { scope: "virtual_key" })).body.error.message).toMatch(/scope_id is required/);
    expect((await api.put(`${RULES}/${rule.id}`, { targets: [{ provider: "openai", weight: 0.2 }] })).status).toBe(400);
    expect((await api.put(`${RULES}/nope`, { priority: 1 })).status).toBe(404);
  });
});
