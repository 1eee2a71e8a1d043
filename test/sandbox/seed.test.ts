import { describe, expect, it } from "vitest";
import { bindings, sandbox, VKS } from "./helpers.js";

describe("seeds", () => {
  it("demo ids are stable across runs", async () => {
    const one = (await bindings(await sandbox())).map((b) => b.id);
    const two = (await bindings(await sandbox())).map((b) => b.id);
    expect(one).toEqual(two);
  });

  it("empty has model providers but no bindings or keys", async () => {
    const api = await sandbox({ seed: "empty" });
    expect(await bindings(api)).toEqual([]);
    expect((await api.get(VKS)).body.data).toEqual([]);
    expect((await api.get("/api/model-providers")).body.openai.id).toEqual(expect.any(String));
  });

  it("a number seeds that many bindings with unique (provider, slot), cheaply at 10,000", async () => {
    const started = Date.now();
    const api = await sandbox({ seed: 10_000 });
    const list = await bindings(api);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(list).toHaveLength(10_000);
    expect(new Set(list.map((b) => `${b.model_provider_id}/${b.slot}`)).size).toBe(10_000);
    expect(new Set(list.map((b) => b.rate_limit_rpm)).size).toBeGreaterThan(5);
    expect(list.some((b) => b.disabled_at !== null)).toBe(true);
    const priorities = list.map((b) => b.fallback_priority_global);
    const firstNull = priorities.indexOf(null);
    expect(priorities.slice(firstNull).every((p) => p === null)).toBe(true);
  });
});
