import { describe, expect, it } from "vitest";
import { bifrost, errorBody } from "./bifrost-helpers.js";

const G = "/api/governance/providers";

describe("Bifrost sandbox: provider governance", () => {
  it("lists every provider's budgets and rate limit", async () => {
    const api = await bifrost();
    const r = await api.get(G);
    expect(r.body.count).toBe(5);
    const openai = r.body.providers.find((p: { provider: string }) => p.provider === "openai");
    expect(openai.rate_limit).toMatchObject({ request_max_limit: 600, request_reset_duration: "1m", token_max_limit: 150000, token_reset_duration: "1m" });
    expect(openai.budgets[0]).toMatchObject({ max_limit: 500, reset_duration: "1M", current_usage: 123.45 });
    expect(r.body.providers.find((p: { provider: string }) => p.provider === "groq")).toEqual({ provider: "groq", budgets: [], calendar_aligned: false });
  });

  it("replaces the rate limit with what is sent, keeps budgets when omitted, keeps usage while the window stays", async () => {
    const api = await bifrost();
    const r = await api.put(`${G}/openai`, { rate_limit: { request_max_limit: 900, request_reset_duration: "1m" } });
    expect(r.status).toBe(200);
    expect(r.body.rate_limit).toMatchObject({ request_max_limit: 900, request_current_usage: 12 });
    expect(r.body.rate_limit).not.toHaveProperty("token_max_limit"); // replaced, not merged
    expect(r.body.budgets).toHaveLength(1);
    const day = await api.put(`${G}/openai`, { rate_limit: { request_max_limit: 9000, request_reset_duration: "1d" } });
    expect(day.body.rate_limit.request_current_usage).toBe(0);
    const removed = await api.put(`${G}/openai`, { rate_limit: {} });
    expect(removed.body).not.toHaveProperty("rate_limit");
  });

  it("replaces budgets, keeping the usage of those that match by reset duration; [] removes them", async () => {
    const api = await bifrost();
    const r = await api.put(`${G}/openai`, { budgets: [{ max_limit: 800, reset_duration: "1M" }, { max_limit: 50, reset_duration: "1d" }] });
    expect(r.body.budgets.map((b: { max_limit: number; current_usage: number }) => [b.max_limit, b.current_usage])).toEqual([[800, 123.45], [50, 0]]);
    expect((await api.put(`${G}/openai`, { budgets: [] })).body.budgets).toEqual([]);
  });

  it("refuses what the handler refuses, and unknown providers", async () => {
    const api = await bifrost();
    expect((await api.put(`${G}/openai`, { rate_limit: { request_max_limit: 5 } })).body.error.message).toMatch(/invalid request_reset_duration/);
    expect((await api.put(`${G}/openai`, { rate_limit: { request_max_limit: 5, request_reset_duration: "1x" } })).status).toBe(400);
    expect((await api.put(`${G}/openai`, { budgets: [{ max_limit: 1, reset_duration: "1d" }, { max_limit: 2, reset_duration: "1d" }] })).body.error.message).toMatch(/duplicate/);
    expect((await api.put(`${G}/openai`, { budgets: [{ max_limit: 1, reset_duration: "1h", calendar_aligned: true }] })).status).toBe(400);
    expect(await api.put(`${G}/nope`, { rate_limit: {} })).toEqual({ status: 404, body: errorBody(404, "Provider not found: nope") });
    expect(await api.del(`${G}/openai`)).toEqual({ status: 200, body: { message: "Provider governance deleted successfully" } });
  });

  it("lists every budget and rate limit, whatever owns them", async () => {
    const api = await bifrost();
    const budgets = (await api.get("/api/governance/budgets")).body;
    // openai's monthly one, prod-chat's two and its anthropic config's one, support-bot's weekly one.
    expect(budgets.count).toBe(5);
    const limits = (await api.get("/api/governance/rate-limits")).body;
    expect(limits.rate_limits.map((r: { request_max_limit?: number }) => r.request_max_limit).sort((a: number, b: number) => a - b)).toEqual([300, 600, 900, 1200, 5000, 10000, 50000, 200000]);
  });
});
