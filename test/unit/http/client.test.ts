import { MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError, toGwError } from "../../../src/http/api-error.js";
import { createHttpClient, type HttpClientOptions } from "../../../src/http/client.js";
import { assertSafeTransport, isLoopbackHost } from "../../../src/http/transport-guard.js";

const BASE = "http://127.0.0.1:4999";
const KEY = "sk-lw-unit-secret-key-123456";
let agent: MockAgent | undefined;

function client(over: Partial<HttpClientOptions> = {}) {
  agent = new MockAgent();
  agent.disableNetConnect();
  const sleeps: number[] = [];
  const retries: string[] = [];
  const trace: string[] = [];
  const http = createHttpClient({
    baseUrl: `${BASE}/api`,
    headers: { "X-Auth-Token": KEY },
    secrets: [KEY],
    userAgent: "gw/test",
    timeoutMs: 1000,
    retries: 3,
    dispatcher: agent,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    onRetry: (i) => retries.push(`${i.attempt}/${i.maxAttempts} ${i.reason}`),
    trace: (line) => trace.push(line),
    ...over,
  });
  return { http, pool: agent.get(BASE), sleeps, retries, trace };
}

afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error("expected a failure");
}

describe("http client", () => {
  it("sends JSON with auth, User-Agent and query, joined onto the base path", async () => {
    const { http, pool } = client();
    let seen: Record<string, string> = {};
    pool
      .intercept({ path: "/api/things?limit=5&cursor=a+b", method: "POST" })
      .reply(201, (opts) => {
        seen = opts.headers as Record<string, string>;
        return { ok: JSON.parse(String(opts.body)).x };
      });
    const res = await http.request("POST", "/things", { query: { limit: 5, cursor: "a b", skip: undefined }, body: { x: 1 } });
    expect(res).toMatchObject({ status: 201, body: { ok: 1 } });
    expect(seen["X-Auth-Token"]).toBe(KEY);
    expect(seen["user-agent"]).toBe("gw/test");
    expect(seen["content-type"]).toBe("application/json");
  });

  it("retries a GET on 503, then succeeds, reporting the retry", async () => {
    const { http, pool, retries, sleeps } = client();
    pool.intercept({ path: "/api/x", method: "GET" }).reply(503, { error: "busy" });
    pool.intercept({ path: "/api/x", method: "GET" }).reply(200, { ok: true });
    expect((await http.request("GET", "/x")).body).toEqual({ ok: true });
    expect(retries).toEqual(["2/4 GET /api/x: HTTP 503"]);
    expect(sleeps).toEqual([125]);
  });

  it("honours Retry-After, and gives up after the budget with the attempt count", async () => {
    const { http, pool, sleeps } = client({ retries: 2 });
    pool.intercept({ path: "/api/x", method: "GET" }).reply(429, { message: "slow down" }, { headers: { "retry-after": "2" } }).times(3);
    const err = await failure(http.request("GET", "/x"));
    expect(sleeps).toEqual([2000, 2000]);
    expect(err.attempts).toBe(3);
    expect(toGwError(err, "list x").message).toBe("list x: rate limited (HTTP 429) (3 attempts): slow down");
    expect(toGwError(err, "list x").exitCode).toBe(7);
  });

  it("does not retry a PATCH that failed with 503, or a 429 without Retry-After", async () => {
    const { http, pool, retries } = client();
    pool.intercept({ path: "/api/x", method: "PATCH" }).reply(503, {});
    expect((await failure(http.request("PATCH", "/x", { body: {} }))).attempts).toBe(1);
    pool.intercept({ path: "/api/x", method: "PATCH" }).reply(429, {});
    expect((await failure(http.request("PATCH", "/x", { body: {} }))).status).toBe(429);
    expect(retries).toEqual([]);
  });

  it("retries a PATCH 429 that carries Retry-After", async () => {
    const { http, pool } = client();
    pool.intercept({ path: "/api/x", method: "PATCH" }).reply(429, {}, { headers: { "retry-after": "1" } });
    pool.intercept({ path: "/api/x", method: "PATCH" }).reply(200, { id: "a" });
    expect((await http.request("PATCH", "/x", { body: {} })).body).toEqual({ id: "a" });
  });

  it("retries connection errors on GET but not on POST", async () => {
    const { http, pool } = client({ retries: 1 });
    pool.intercept({ path: "/api/x", method: "GET" }).replyWithError(Object.assign(new Error("reset"), { code: "ECONNRESET" }));
    pool.intercept({ path: "/api/x", method: "GET" }).reply(200, {});
    expect((await http.request("GET", "/x")).status).toBe(200);
    pool.intercept({ path: "/api/x", method: "POST" }).replyWithError(Object.assign(new Error("reset"), { code: "ECONNRESET" }));
    const err = await failure(http.request("POST", "/x", { body: {} }));
    expect(err.category).toBe("network");
    expect(toGwError(err, "bind").exitCode).toBe(6);
  });

  it("times out a slow answer", async () => {
    const { http, pool } = client({ retries: 0, timeoutMs: 50 });
    pool.intercept({ path: "/api/x", method: "GET" }).reply(200, {}).delay(500);
    const err = await failure(http.request("GET", "/x"));
    expect(err.category).toBe("timeout");
    expect(toGwError(err, "list").message).toBe("list: timed out after 0.05s");
  });

  it("never follows a redirect", async () => {
    const { http, pool } = client();
    pool.intercept({ path: "/api/x", method: "GET" }).reply(302, "", { headers: { location: "https://elsewhere.example/x" } });
    const err = await failure(http.request("GET", "/x"));
    expect(err.category).toBe("redirect");
    expect(err.message).toContain("https://elsewhere.example/x");
  });

  it("reports a 2xx that is not JSON, and an HTML error page in one line", async () => {
    const { http, pool } = client({ retries: 0 });
    pool.intercept({ path: "/api/x", method: "GET" }).reply(200, "{not json", { headers: { "content-type": "application/json" } });
    expect((await failure(http.request("GET", "/x"))).category).toBe("invalid-response");
    pool
      .intercept({ path: "/api/y", method: "GET" })
      .reply(502, "<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1>\n</body></html>", { headers: { "content-type": "text/html" } });
    const err = await failure(http.request("GET", "/y"));
    expect(toGwError(err, "list").message).toBe("list: HTTP 502 Bad Gateway: 502 Bad Gateway");
  });

  it("refuses a body larger than the limit", async () => {
    const { http, pool } = client({ maxBodyBytes: 1024 });
    pool.intercept({ path: "/api/x", method: "GET" }).reply(200, JSON.stringify({ big: "x".repeat(5000) }));
    expect((await failure(http.request("GET", "/x"))).message).toMatch(/larger than/);
  });

  it("extracts the server's message from the common error shapes", async () => {
    const { http, pool } = client({ retries: 0 });
    const cases: [unknown, string][] = [
      [{ error: "Conflict", message: "Unique constraint violated" }, "Conflict: Unique constraint violated"],
      [{ error: { type: "gone", code: "x_gone", message: "moved" } }, "moved (x_gone)"],
      [{ detail: "bad field" }, "bad field"],
      [{ msg: "nope", statusCode: 400 }, "nope"],
    ];
    for (const [body, expected] of cases) {
      pool.intercept({ path: "/api/x", method: "GET" }).reply(400, body as object);
      expect((await failure(http.request("GET", "/x"))).serverMessage).toBe(expected);
    }
  });

  it("maps statuses to the documented exit codes", () => {
    const err = (status: number) => new ApiError({ message: "", status, category: "http", method: "GET", url: BASE });
    expect([401, 403, 404, 400, 409, 410, 412, 422, 429, 500, 503].map((s) => toGwError(err(s), "x").exitCode)).toEqual([
      3, 3, 4, 5, 5, 5, 5, 5, 7, 6, 6,
    ]);
    // Any other 4xx is a refusal too (exit 5), 408 a timeout (exit 6): exit 1 is for gw's own bugs only.
    expect([402, 405, 413, 415, 418, 451, 408].map((s) => toGwError(err(s), "x").exitCode)).toEqual([5, 5, 5, 5, 5, 5, 6]);
  });

  it("keeps the key out of the trace and out of error messages", async () => {
    const { http, pool, trace } = client({ retries: 0 });
    pool.intercept({ path: "/api/x", method: "GET" }).reply(401, { error: `bad token ${KEY}` });
    const err = await failure(http.request("GET", "/x"));
    const all = [...trace, err.message, err.serverMessage, toGwError(err, "x").message].join("\n");
    expect(all).not.toContain(KEY);
    expect(all).toContain("sk-l****3456");
    expect(trace[0]).toBe(`> GET ${BASE}/api/x`);
  });
});

describe("http client: secrets in what a server sends back", () => {
  it("masks the key in the error body adapters read (details, codes, keys) and in an unreadable 2xx page", async () => {
    const { http, pool } = client({ retries: 0 });
    pool.intercept({ path: "/api/x", method: "GET" }).reply(400, { errorCode: `bad ${KEY}`, details: { [KEY]: [`Bearer ${KEY}`] } });
    const err = await failure(http.request("GET", "/x"));
    expect(JSON.stringify(err.body)).not.toContain(KEY);
    expect(JSON.stringify(err.body)).toContain("sk-l****3456");
    pool.intercept({ path: "/api/x", method: "GET" }).reply(200, `<html><title>your key is ${KEY}</title></html>`, { headers: { "content-type": "text/html" } });
    const page = await failure(http.request("GET", "/x"));
    expect(page.message).toContain("unreadable response");
    expect(page.message).not.toContain(KEY);
  });
});

describe("transport guard", () => {
  it("allows plain http only to loopback when a key is sent", () => {
    expect(() => assertSafeTransport("http://127.0.0.1:4000", true)).not.toThrow();
    expect(() => assertSafeTransport("http://localhost:4000", true)).not.toThrow();
    expect(() => assertSafeTransport("http://[::1]:4000", true)).not.toThrow();
    expect(() => assertSafeTransport("https://gw.example.com", true)).not.toThrow();
    expect(() => assertSafeTransport("http://gw.example.com", false)).not.toThrow();
    expect(() => assertSafeTransport("http://gw.example.com", true)).toThrow(/plain http to gw\.example\.com/);
    expect(() => assertSafeTransport("http://10.0.0.5", true)).toThrow(/plain http/);
    expect(() => assertSafeTransport("ftp://x", false)).toThrow(/http/);
  });

  it("knows loopback hosts", () => {
    expect(["127.0.0.1", "127.9.9.9", "localhost", "::1", "[::1]"].every(isLoopbackHost)).toBe(true);
    expect(["128.0.0.1", "localhost.example.com", "10.0.0.1"].some(isLoopbackHost)).toBe(false);
  });
});
