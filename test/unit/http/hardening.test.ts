import { MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../../src/http/api-error.js";
import { createHttpClient } from "../../../src/http/client.js";
import { dryRunClient } from "../../../src/http/dry-run.js";
import { assertSafeTransport } from "../../../src/http/transport-guard.js";
import { maskSecret } from "../../../src/redact.js";

/** Issue 14 (hardening, second round): each case below was reproduced before its fix. */
const BASE = "http://127.0.0.1:4998";
const KEY = "sk-lw-hardening-secret-0123456789";
let agent: MockAgent | undefined;

function client() {
  agent = new MockAgent();
  agent.disableNetConnect();
  const http = createHttpClient({
    baseUrl: BASE,
    headers: { "X-Auth-Token": KEY },
    secrets: [KEY],
    userAgent: "gw/test",
    timeoutMs: 1000,
    retries: 2,
    dispatcher: agent,
    sleep: async () => undefined,
    random: () => 0.5,
  });
  return { http, pool: agent.get(BASE) };
}

afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    return err as ApiError;
  }
  throw new Error("expected a failure");
}

describe("a server message is masked before it is cut", () => {
  it("JSON: a key straddling the 300-character cut is not printed almost whole", async () => {
    const { http, pool } = client();
    const message = `${"x".repeat(290)}${KEY} trailing`;
    pool.intercept({ path: "/a", method: "GET" }).reply(400, { error: { message } });
    const err = await failure(http.request("GET", "/a"));
    expect(err.message).not.toContain(KEY.slice(0, 10));
    expect(err.serverMessage).not.toContain(KEY.slice(0, 10));
  });

  it("non-JSON: the same for an HTML page cut at 200 characters", async () => {
    const { http, pool } = client();
    pool.intercept({ path: "/b", method: "GET" }).reply(400, `<html><body>${"y".repeat(185)} ${KEY}</body></html>`);
    const err = await failure(http.request("GET", "/b"));
    expect(err.message).not.toContain(KEY.slice(0, 10));
  });
});

describe("masks never show a share of a short secret", () => {
  it("a Basic user:password of 13 characters is masked whole", () => {
    expect(maskSecret("admin:letter2")).toBe("****");
    expect(maskSecret("sk-lw-abcdefghijklmnop")).toBe("sk-l****mnop");
  });
});

describe("plain http only to literal loopback", () => {
  it("refuses a key to http://<name>.localhost, which need not resolve to this machine", () => {
    expect(() => assertSafeTransport("http://evil.localhost:8080", true)).toThrow(/refusing to send an API key over plain http to evil.localhost/);
    expect(() => assertSafeTransport("http://localhost:8080", true)).not.toThrow();
    expect(() => assertSafeTransport("http://127.0.0.1:8080", true)).not.toThrow();
    expect(() => assertSafeTransport("http://[::1]:8080", true)).not.toThrow();
  });
});

describe("ids that are path tricks are refused before anything is sent", () => {
  it.each([".", "..", "%2e", "%2E%2e", "a/../b"])("refuses a path segment %j", async (id) => {
    const { http } = client();
    await expect(http.request("DELETE", `/gateways/${id}`)).rejects.toThrow(/not a valid id/);
  });
});

describe("a DELETE whose retry answers 404 is a success", () => {
  it("the first answer was lost (503), the retry finds it gone", async () => {
    const { http, pool } = client();
    pool.intercept({ path: "/things/t1", method: "DELETE" }).reply(503, { error: "busy" });
    pool.intercept({ path: "/things/t1", method: "DELETE" }).reply(404, { error: "not found" });
    const res = await http.request("DELETE", "/things/t1");
    expect(res.status).toBe(404);
    expect(res.body).toBeUndefined();
  });

  it("a first-attempt 404 is still not found", async () => {
    const { http, pool } = client();
    pool.intercept({ path: "/things/t2", method: "DELETE" }).reply(404, { error: "not found" });
    expect((await failure(http.request("DELETE", "/things/t2"))).status).toBe(404);
  });
});

describe("dry runs mask secret-named fields", () => {
  it("a provider key value in a PUT body is masked as --debug masks it", async () => {
    const printed: string[] = [];
    const inner = { baseUrl: BASE, request: async () => ({ status: 200, headers: {}, body: {}, url: BASE }) };
    const dry = dryRunClient(inner as never, (t) => printed.push(t), []);
    const body = { name: "openai", keys: [{ id: "k1", value: "sk-proj-realvalue-0123456789abcdef", models: ["*"] }] };
    await dry.request("PUT", "/api/providers/openai", { body }).catch(() => undefined);
    expect(printed.join("")).not.toContain("sk-proj-realvalue-0123456789abcdef");
    expect(printed.join("")).toContain('"models"');
  });
});

describe("smaller answers said right", () => {
  it("a 304 is not 'redirected to (no location)'", async () => {
    const { http, pool } = client();
    pool.intercept({ path: "/c", method: "GET" }).reply(304, "");
    const err = await failure(http.request("GET", "/c"));
    expect(err.message).not.toMatch(/redirect/);
    expect(err.message).toMatch(/304/);
  });
});

describe("https:// to a plain http port", () => {
  it("says the port does not speak TLS, not that a certificate is untrusted", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((_req, res) => res.end("{}"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const http = createHttpClient({ baseUrl: `https://127.0.0.1:${port}`, userAgent: "gw/test", timeoutMs: 2000, retries: 0 });
      const err = await failure(http.request("GET", "/x"));
      expect(err.message).toMatch(/does not speak TLS on that port/);
      expect(err.message).not.toMatch(/certificate/);
    } finally {
      server.close();
    }
  });
});

describe("paging is bounded", () => {
  it("LangWatch: a repeated next_cursor ends the list with exit 6, without quoting the cursor", async () => {
    const { createBackend } = await import("../../../src/backends/langwatch/adapter.js");
    const { http, pool } = client();
    const page = { data: [], next_cursor: "tok-secretish-cursor-123" };
    pool.intercept({ path: (p) => p.startsWith("/api/gateway/v1/virtual-keys"), method: "GET" }).reply(200, page).persist();
    const err = await createBackend(http).virtualKeys!.list().then(
      () => undefined,
      (e: unknown) => e as { exitCode?: number; message: string },
    );
    expect(err?.message).toMatch(/same next_cursor twice/);
    expect(err?.message).not.toContain("tok-secretish-cursor-123");
    expect(err?.exitCode).toBe(6);
  });
});
