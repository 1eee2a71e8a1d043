import { describe, expect, it } from "vitest";
import { createBackend } from "../../src/backends/ngrok/adapter.js";
import { ngrok } from "../../src/backends/ngrok/index.js";

const { authHeaders } = ngrok;
import { GwError } from "../../src/errors.js";
import { mockHttp } from "../helpers/mock-http.js";

const BASE = "https://api.ngrok.ai";
const KEY = "ngrok-unit-test-key-0123456789";
const mock = mockHttp(BASE, { headers: authHeaders(KEY), secrets: [KEY] });

function setup() {
  const { http, pool } = mock.connect();
  const parts = createBackend(http);
  return { backend: { ...parts.bindings!, remove: parts.bindingDelete!.remove }, pool };
}

const provider = (id: string, providerId = `p-${id}`) => ({
  id,
  uri: `${BASE}/providers/${id}`,
  providerId,
  name: `Provider ${id}`,
  baseUrl: "https://up.example",
  createdAt: "2026-06-01T09:00:00Z",
  updatedAt: "2026-06-01T09:00:00Z",
  createdBy: { id: "ak", uri: `${BASE}/api-keys/ak` },
  lastUpdatedBy: { id: "ak", uri: `${BASE}/api-keys/ak` },
  supportedApiSurfaces: [{ format: "openai", surface: "chat-completions", supportedParams: [{ name: "seed" }] }],
  models: [{ id: `m-${id}`, modelId: "llama" }],
});

const error = (statusCode: number, msg: string, details: Record<string, string> = {}, errorCode?: string) => ({
  ...(errorCode ? { errorCode } : {}),
  statusCode,
  msg,
  details,
});

async function failure(p: Promise<unknown>): Promise<GwError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(GwError);
    return err as GwError;
  }
  throw new Error("expected a failure");
}

describe("ngrok adapter", () => {
  it("sends the key as a Bearer token", () => {
    expect(authHeaders("k")).toEqual({ Authorization: "Bearer k" });
    expect(authHeaders(undefined)).toEqual({});
  });

  it("lists every page, following relative and absolute nextPageUri on the base URL only", async () => {
    const { backend, pool } = setup();
    const seen: string[] = [];
    const page = (path: string, items: unknown[], next: string | null) =>
      pool.intercept({ path, method: "GET" }).reply(200, (opts) => {
        seen.push(String(opts.path));
        expect((opts.headers as Record<string, string>).Authorization).toBe(`Bearer ${KEY}`);
        return { aiGatewayProviders: items, uri: `${BASE}/providers`, nextPageUri: next };
      });
    page("/providers?limit=100", [provider("c"), provider("b")], "/providers?beforeId=b&limit=100");
    // The last page's cursor names another host: gw keeps only path and query and asks its own base URL.
    page("/providers?beforeId=b&limit=100", [provider("a")], "https://elsewhere.example/providers?beforeId=a&limit=100");
    page("/providers?beforeId=a&limit=100", [], null);
    const all = await backend.list();
    expect(all.map((b) => b.id)).toEqual(["c", "b", "a"]);
    expect(seen).toEqual(["/providers?limit=100", "/providers?beforeId=b&limit=100", "/providers?beforeId=a&limit=100"]);
  });

  it("stops on a server that hands out the same cursor twice (exit 6)", async () => {
    const { backend, pool } = setup();
    pool.intercept({ path: "/providers?limit=100", method: "GET" }).reply(200, { aiGatewayProviders: [], uri: "/providers", nextPageUri: "/providers?beforeId=x" });
    pool.intercept({ path: "/providers?beforeId=x&limit=100", method: "GET" }).reply(200, { aiGatewayProviders: [], uri: "/providers", nextPageUri: "/providers?beforeId=x" });
    const err = await failure(backend.list());
    expect(err.exitCode).toBe(6);
    expect(err.message).toMatch(/the same nextPageUri twice/);
    expect(err.message).not.toContain("beforeId=x");
  });

  it("gets by id with one request", async () => {
    const { backend, pool } = setup();
    pool.intercept({ path: "/providers/aigp_1", method: "GET" }).reply(200, provider("aigp_1", "vllm"));
    expect(await backend.get("aigp_1")).toMatchObject({ id: "aigp_1", providerId: "vllm" });
  });

  it("gets by providerId: a 404 on the id route, then the list", async () => {
    const { backend, pool } = setup();
    pool.intercept({ path: "/providers/vllm", method: "GET" }).reply(404, error(404, "not found"));
    pool.intercept({ path: "/providers?limit=100", method: "GET" }).reply(200, { aiGatewayProviders: [provider("aigp_2", "other"), provider("aigp_1", "vllm")], uri: "/providers", nextPageUri: null });
    expect(await backend.get("vllm")).toMatchObject({ id: "aigp_1", providerId: "vllm" });
  });

  it("reports an unknown id or providerId as not found (exit 4), and a bad key as auth (exit 3)", async () => {
    const { backend, pool } = setup();
    pool.intercept({ path: "/providers/nope", method: "GET" }).reply(404, error(404, "not found"));
    pool.intercept({ path: "/providers?limit=100", method: "GET" }).reply(200, { aiGatewayProviders: [], uri: "/providers", nextPageUri: null });
    const missing = await failure(backend.get("nope"));
    expect(missing.exitCode).toBe(4);
    expect(missing.message).toBe('get provider nope: no provider has the id or providerId "nope"');

    pool.intercept({ path: "/providers?limit=100", method: "GET" }).reply(401, error(401, "invalid API key"));
    const auth = await failure(backend.list());
    expect(auth.exitCode).toBe(3);
    expect(auth.message).toMatch(/HTTP 401 Unauthorized: invalid API key/);
  });

  it("updates the resolved id with exactly the named fields, keeping a surface's supportedParams", async () => {
    const { backend, pool } = setup();
    let sent: unknown;
    pool.intercept({ path: "/providers/vllm", method: "GET" }).reply(404, error(404, "not found"));
    pool.intercept({ path: "/providers?limit=100", method: "GET" }).reply(200, { aiGatewayProviders: [provider("aigp_1", "vllm")], uri: "/providers", nextPageUri: null });
    pool.intercept({ path: "/providers/aigp_1", method: "PATCH" }).reply(200, (opts) => {
      sent = JSON.parse(String(opts.body));
      return { ...provider("aigp_1", "vllm"), name: "New" };
    });
    const updated = await backend.update("vllm", { name: "New", models: [], surfaces: [{ format: "openai", surface: "chat-completions" }] });
    expect(sent).toEqual({
      name: "New",
      supportedApiSurfaces: [{ format: "openai", surface: "chat-completions", supportedParams: [{ name: "seed" }] }],
      models: [],
    });
    expect(updated.name).toBe("New");
  });

  it("carries a staying model's providerModelId and unsupportedParams, and a surface's baseUrl, into the PATCH", async () => {
    const { backend, pool } = setup();
    let sent: unknown;
    const current = {
      ...provider("aigp_1", "vllm"),
      supportedApiSurfaces: [{ format: "openai", surface: "chat-completions", baseUrl: "https://chat.up.example" }],
      models: [{ id: "m1", modelId: "llama", providerModelId: "meta-llama/Llama-3-8B", unsupportedParams: ["seed"] }],
    };
    pool.intercept({ path: "/providers/aigp_1", method: "GET" }).reply(200, current);
    pool.intercept({ path: "/providers/aigp_1", method: "PATCH" }).reply(200, (opts) => {
      sent = JSON.parse(String(opts.body));
      return current;
    });
    await backend.update("aigp_1", { models: ["llama", "new"], surfaces: [{ format: "openai", surface: "chat-completions" }] });
    expect(sent).toEqual({
      supportedApiSurfaces: [{ format: "openai", surface: "chat-completions", baseUrl: "https://chat.up.example" }],
      models: [{ modelId: "llama", providerModelId: "meta-llama/Llama-3-8B", unsupportedParams: ["seed"] }, { modelId: "new" }],
    });
  });

  it("treats 400 and 422 alike (exit 5) and adds errorCode and details the msg lacks", async () => {
    const { backend, pool } = setup();
    pool.intercept({ path: "/providers", method: "POST" }).reply(422, error(422, "validation failed", { field: "baseUrl" }, "ERR_NGROK_7001"));
    const rejected = await failure(backend.bind({ providerId: "p", name: "P", baseUrl: "http://p.example" }));
    expect(rejected.exitCode).toBe(5);
    expect(rejected.message).toBe("create provider p: HTTP 422 Unprocessable Entity: validation failed (ERR_NGROK_7001) [field: baseUrl]");

    pool.intercept({ path: "/providers", method: "POST" }).reply(400, error(400, "bad baseUrl http://p.example", { baseUrl: "http://p.example" }));
    const bad = await failure(backend.bind({ providerId: "p", name: "P", baseUrl: "http://p.example" }));
    expect(bad.exitCode).toBe(5);
    expect(bad.message).toBe("create provider p: HTTP 400 Bad Request: bad baseUrl http://p.example");
  });

  it("turns a 409 on delete into one line naming what refers to the provider (exit 5)", async () => {
    const { backend, pool } = setup();
    pool.intercept({ path: "/providers/aigp_1", method: "GET" }).reply(200, provider("aigp_1", "vllm"));
    pool.intercept({ path: "/providers/aigp_1", method: "DELETE" }).reply(409, error(409, "provider is referenced", { providerKeys: "pk_1,pk_2", access_key_configurations: "akc_1" }));
    const err = await failure(backend.remove("aigp_1"));
    expect(err.exitCode).toBe(5);
    expect(err.message).toMatch(/^delete provider vllm \(aigp_1\): still in use \(HTTP 409\): referenced by provider keys pk_1, pk_2; access key configurations akc_1\. Detach it first/);
    expect(err.message).not.toContain("\n");
  });

  it("falls back on the 409 msg when details are empty, and deletes with 204", async () => {
    const { backend, pool } = setup();
    pool.intercept({ path: "/providers/aigp_1", method: "GET" }).reply(200, provider("aigp_1", "vllm"));
    pool.intercept({ path: "/providers/aigp_1", method: "DELETE" }).reply(409, error(409, "in use by an access key configuration"));
    expect((await failure(backend.remove("aigp_1"))).message).toMatch(/still in use \(HTTP 409\): in use by an access key configuration\. Detach/);

    pool.intercept({ path: "/providers/aigp_1", method: "GET" }).reply(200, provider("aigp_1", "vllm"));
    pool.intercept({ path: "/providers/aigp_1", method: "DELETE" }).reply(204, "");
    await expect(backend.remove("aigp_1")).resolves.toBeUndefined();
  });
});
