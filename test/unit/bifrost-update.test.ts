import { MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { createBackend } from "../../src/backends/bifrost/adapter.js";
import type { BindingPatch, WriteOptions } from "../../src/domain/binding.js";
import { GwError, RejectedError } from "../../src/errors.js";
import { createHttpClient, type HttpClient } from "../../src/http/client.js";
import { dryRunClient } from "../../src/http/dry-run.js";

/**
 * The read-modify-write of `gw providers update` on Bifrost, against undici's MockAgent: the only way to make
 * the provider change between gw's two reads deterministically (the sandbox has no hook for it, by design).
 */
const BASE = "http://127.0.0.1:4998";
let agent: MockAgent | undefined;

afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

const provider = (over: Record<string, unknown> = {}) => ({
  name: "openai",
  network_config: { base_url: "https://api.openai.com", default_request_timeout_in_seconds: 60, max_retries: 2 },
  concurrency_and_buffer_size: { concurrency: 50, buffer_size: 500 },
  proxy_config: null,
  send_back_raw_request: false,
  send_back_raw_response: false,
  provider_status: "active",
  ...over,
});
const governance = (requests = 600) => ({
  providers: [{ provider: "openai", budgets: [], rate_limit: { id: "r", request_max_limit: requests, request_reset_duration: "1m" } }],
  count: 1,
});

function setup(opts: { dryRun?: (text: string) => void } = {}) {
  agent = new MockAgent();
  agent.disableNetConnect();
  const inner = createHttpClient({ baseUrl: BASE, userAgent: "gw/test", timeoutMs: 1000, retries: 0, dispatcher: agent });
  const http: HttpClient = opts.dryRun ? dryRunClient(inner, opts.dryRun, []) : inner;
  const pool = agent.get(BASE);
  const sent: { method: string; path: string; body: unknown }[] = [];
  // JSON text: MockAgent sends a string body as it is, and /api/version answers a JSON string ("\"v1.5.3\"").
  const get = (path: string, body: unknown) =>
    pool.intercept({ path, method: "GET" }).reply(200, JSON.stringify(body), { headers: { "content-type": "application/json" } });
  const version404 = () =>
    pool.intercept({ path: "/api/version", method: "GET" }).reply(404, { is_bifrost_error: false, status_code: 404, error: { message: "Route not found" } });
  const put = (path: string, reply: (body: unknown) => unknown, status = 200) =>
    pool.intercept({ path, method: "PUT" }).reply(status, (o) => {
      const body = JSON.parse(String(o.body));
      sent.push({ method: "PUT", path, body });
      return reply(body);
    });
  return { backend: createBackend(http).bindings!, get, put, version404, sent, pending: () => agent!.pendingInterceptors() };
}

async function update(b: ReturnType<typeof setup>["backend"], patch: BindingPatch, opts: WriteOptions = {}) {
  return b.update("openai", patch, opts);
}

async function failure(p: Promise<unknown>): Promise<GwError> {
  try {
    await p;
  } catch (err) {
    return err as GwError;
  }
  throw new Error("expected a failure");
}

describe("Bifrost providers update: changed since read", () => {
  it("refuses (exit 5) when the provider changed between the two reads, naming what changed, and writes nothing", async () => {
    const t = setup();
    t.get("/api/providers/openai", provider());
    t.get("/api/governance/providers", governance());
    t.get("/api/version", "v1.5.3");
    t.get("/api/providers/openai", provider({ network_config: { base_url: "https://api.openai.com", default_request_timeout_in_seconds: 90, max_retries: 2 } }));
    t.get("/api/governance/providers", governance());
    const err = await failure(update(t.backend, { maxRetries: 4 }));
    expect(err).toBeInstanceOf(RejectedError);
    expect(err.exitCode).toBe(5);
    expect(err.message).toBe(
      "update provider openai: refused: the provider changed since gw read it (network_config.default_request_timeout_in_seconds); " +
        "run the command again to apply your change to the current settings, or pass --force to write anyway",
    );
    expect(t.sent).toEqual([]);
  });

  it("sees a change of the governance rate limit too", async () => {
    const t = setup();
    t.get("/api/providers/openai", provider());
    t.get("/api/governance/providers", governance(600));
    t.get("/api/providers/openai", provider());
    t.get("/api/governance/providers", governance(700));
    const err = await failure(update(t.backend, { tpm: 5000 }));
    expect(err.exitCode).toBe(5);
    expect(err.message).toMatch(/changed since gw read it \(governance rate_limit\.request_max_limit\)/);
    expect(t.sent).toEqual([]);
  });

  it("ignores what it does not write: a change the same as gw's own, or runtime status, is no conflict", async () => {
    const t = setup();
    t.get("/api/providers/openai", provider());
    t.get("/api/governance/providers", governance());
    t.get("/api/version", "v1.5.3");
    t.get("/api/providers/openai", provider({ status: "list_models_failed", provider_status: "error" }));
    t.get("/api/governance/providers", governance());
    t.put("/api/providers/openai", (body) => ({ ...provider(), ...(body as object) }));
    t.get("/api/providers/openai/keys", { keys: [], total: 0 });
    expect((await update(t.backend, { maxRetries: 4 })).details).toMatchObject({ maxRetries: 4 });
    expect(t.sent).toHaveLength(1);
  });

  it("--force skips the second read and writes what the first read allows", async () => {
    const t = setup();
    t.get("/api/providers/openai", provider());
    t.get("/api/governance/providers", governance());
    t.get("/api/version", "v1.5.3");
    t.put("/api/providers/openai", (body) => ({ ...provider(), ...(body as object) }));
    t.get("/api/providers/openai/keys", { keys: [{ id: "k" }], total: 1 });
    const b = await update(t.backend, { maxRetries: 4 }, { force: true });
    expect(t.sent[0]!.body).toEqual({
      network_config: { base_url: "https://api.openai.com", default_request_timeout_in_seconds: 60, max_retries: 4 },
      concurrency_and_buffer_size: { concurrency: 50, buffer_size: 500 },
      send_back_raw_request: false,
      send_back_raw_response: false,
    });
    expect(b.details).toMatchObject({ keys: 1, maxRetries: 4 });
    expect(t.pending()).toEqual([]);
  });
});

describe("Bifrost providers update: what is written", () => {
  it("a limit-only change PUTs the governance rate limit, never the provider", async () => {
    const t = setup();
    for (let i = 0; i < 2; i++) {
      t.get("/api/providers/openai", provider());
      t.get("/api/governance/providers", governance());
    }
    t.put("/api/governance/providers/openai", (body) => ({ provider: "openai", budgets: [], rate_limit: { id: "r", ...(body as { rate_limit: object }).rate_limit } }));
    t.get("/api/providers/openai/keys", { keys: [], total: 0 });
    const warnings: string[] = [];
    const b = await update(t.backend, { rpd: 10000 }, { warn: (m) => warnings.push(m) });
    expect(t.sent.map((s) => s.path)).toEqual(["/api/governance/providers/openai"]);
    expect(t.sent[0]!.body).toEqual({ rate_limit: { request_max_limit: 10000, request_reset_duration: "1d" } });
    expect([b.rpm, b.rpd]).toEqual([null, 10000]);
    expect(warnings).toEqual([expect.stringMatching(/--rpd replaces the request limit of 600 per 1m/)]);
  });

  it("v1.4 (no /api/version, keys in the provider): the PUT carries the keys as read", async () => {
    const keys = [{ id: "k1", value: { value: "sk-p************************1234", env_var: "", from_env: false }, models: [], weight: 1 }];
    const t = setup();
    for (let i = 0; i < 2; i++) {
      t.get("/api/providers/openai", provider({ keys }));
      t.get("/api/governance/providers", governance());
      if (i === 0) t.version404();
    }
    t.put("/api/providers/openai", (body) => ({ ...provider({ keys }), ...(body as object) }));
    const b = await update(t.backend, { requestTimeout: 30 });
    expect((t.sent[0]!.body as { keys: unknown }).keys).toEqual(keys);
    expect(b.details).toMatchObject({ keys: 1, requestTimeoutSeconds: 30 });
  });

  it("says exactly what was applied when the second write fails", async () => {
    const t = setup();
    for (let i = 0; i < 2; i++) {
      t.get("/api/providers/openai", provider());
      t.get("/api/governance/providers", governance());
      if (i === 0) t.get("/api/version", "v1.5.3");
    }
    t.put("/api/providers/openai", (body) => ({ ...provider(), ...(body as object) }));
    t.put("/api/governance/providers/openai", () => ({ is_bifrost_error: false, status_code: 400, error: { message: "invalid request_reset_duration" } }), 400);
    const err = await failure(update(t.backend, { maxRetries: 1, rpm: 5 }));
    expect(err.exitCode).toBe(5);
    expect(err.message).toBe(
      "update provider openai: the provider settings were saved, but its rate limit was not " +
        "(PUT /api/governance/providers/openai: HTTP 400 Bad Request: invalid request_reset_duration); " +
        "run the command again with only --rpm/--tpm/--rpd to finish",
    );
  });

  it("under --dry-run prints the provider PUT and the governance PUT, and sends neither", async () => {
    const printed: string[] = [];
    const t = setup({ dryRun: (text) => printed.push(text) });
    for (let i = 0; i < 2; i++) {
      t.get("/api/providers/openai", provider());
      t.get("/api/governance/providers", governance());
      if (i === 0) t.get("/api/version", "v1.5.3");
    }
    const err = await failure(update(t.backend, { maxRetries: 1, tpm: 9000 }));
    expect(err.exitCode).toBe(0); // DryRunStop
    expect(printed.map((p) => p.split("\n")[0])).toEqual([
      `PUT ${BASE}/api/providers/openai`,
      `PUT ${BASE}/api/governance/providers/openai`,
    ]);
    expect(printed[1]).toContain('"token_max_limit": 9000');
    expect(t.sent).toEqual([]);
  });
});
