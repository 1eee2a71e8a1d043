import { describe, expect, it } from "vitest";
import { KEY, PROVIDERS, sandbox, VKS } from "./helpers.js";

describe("fault injection", () => {
  it("failRate 1 answers every request 503 with the era's 5xx body, without handling it", async () => {
    const a = await sandbox({ failRate: 1 });
    const r = await a.del(`${PROVIDERS}/whatever`);
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ error: "Service Unavailable", message: expect.any(String) });
    const b = await sandbox({ failRate: 1, langwatchEra: "b" });
    expect((await b.get(VKS)).body).toEqual({ error: { type: "internal_error", code: "internal_error", message: "An unknown error occurred" } });
  });

  it("fails exactly the requests whose random draw is below failRate", async () => {
    const draws = [0.1, 0.9, 0.6, 0.4];
    const api = await sandbox({ failRate: 0.5, random: () => draws.shift() ?? 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get(PROVIDERS)).status);
    expect(statuses).toEqual([503, 200, 200, 503]);
  });

  it("rateLimit lets a burst of N through, then 429 with an integer Retry-After >= 1", async () => {
    const api = await sandbox({ rateLimit: 2 });
    const statuses = [];
    let limited;
    for (let i = 0; i < 3; i++) {
      const r = await api.get(PROVIDERS);
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(limited!.body).toEqual({ error: "Too Many Requests", message: expect.any(String) });
    const b = await sandbox({ rateLimit: 1, langwatchEra: "b" });
    await b.get(VKS);
    expect((await b.get(VKS)).body.error).toMatchObject({ type: "rate_limited", code: "rate_limited" });
  });

  it("latencyMs delays every response", async () => {
    const api = await sandbox({ latencyMs: 150 });
    const started = Date.now();
    expect((await api.get(PROVIDERS)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const slowFault = await sandbox({ latencyMs: 150, failRate: 1 });
    const t0 = Date.now();
    expect((await slowFault.get(PROVIDERS)).status).toBe(503);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    const fast = await sandbox();
    const t = Date.now();
    await fast.get(PROVIDERS);
    expect(Date.now() - t).toBeLessThan(140);
  });
});

describe("request log", () => {
  it("writes one line per request with method, path, status and time, never the key", async () => {
    const lines: string[] = [];
    const api = await sandbox({ log: (l) => lines.push(l) });
    const b = (await api.get(PROVIDERS)).body.data[0];
    await api.patch(`${PROVIDERS}/${b.id}`, { rate_limit_rpm: 7 });
    await api.get(PROVIDERS, { Authorization: `Bearer ${KEY}` });
    await api.get(`/api/gateway/v1/nope?token=${KEY}`);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^GET \/api\/gateway\/v1\/providers 200 \d+ms$/);
    expect(lines[1]).toMatch(new RegExp(`^PATCH /api/gateway/v1/providers/${b.id} 200 \\d+ms$`));
    expect(lines[3]).toMatch(/ 404 \d+ms$/);
    expect(lines.join("\n")).not.toContain(KEY);
  });
});
