import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContract } from "../../src/sandbox/contract.js";
import { KEY, sandbox, type Api, type Res } from "./helpers.js";

const AUTH = { Authorization: `Bearer ${KEY}` };
const contract = loadContract("ngrok");

/** The ngrok sandbox through the shared helper, with ngrok's Bearer auth on every call. */
async function ngrok(opts: Parameters<typeof sandbox>[0] = {}) {
  const log: string[] = [];
  const api = await sandbox({ backend: "ngrok", log: (l) => log.push(l), ...opts });
  const call = (method: string, path: string, body?: unknown) => api.call(method, path, body, AUTH);
  return { api, log, call };
}

/** Every answer must also match the documented response schema. */
function conforms(method: string, route: string, r: Res): Res {
  expect(contract.checkResponse(method, route, r.status, r.body)).toBeUndefined();
  return r;
}

const create = (call: (m: string, p: string, b?: unknown) => Promise<Res>, body: Record<string, unknown>) =>
  call("POST", "/providers", { providerId: "p1", name: "P1", baseUrl: "https://p1.example.com", ...body });

async function byProviderId(api: Api, providerId: string): Promise<Record<string, any>> {
  const r = await api.call("GET", "/providers", undefined, AUTH);
  const found = r.body.aiGatewayProviders.find((p: { providerId: string }) => p.providerId === providerId);
  if (!found) throw new Error(`no ${providerId}`);
  return found;
}

describe("ngrok sandbox: auth", () => {
  it("answers 401 in ngrok's error shape without a Bearer token or with a wrong one", async () => {
    const { api } = await ngrok();
    for (const headers of [{}, { Authorization: "Bearer wrong" }, { "X-Auth-Token": KEY }, { Authorization: `Basic ${KEY}` }]) {
      const r = await api.call("GET", "/providers", undefined, headers);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ statusCode: 401, msg: expect.any(String), details: {} });
      conforms("GET", "/providers", r);
    }
    expect((await api.call("GET", "/providers", undefined, AUTH)).status).toBe(200);
  });
});

describe("ngrok sandbox: the demo account", () => {
  it("lists five providers newest first, in the list shape with absolute URIs", async () => {
    const { call } = await ngrok();
    const r = conforms("GET", "/providers", await call("GET", "/providers"));
    const ids: string[] = r.body.aiGatewayProviders.map((p: { id: string }) => p.id);
    expect(r.body.aiGatewayProviders.map((p: { providerId: string }) => p.providerId)).toEqual([
      "scratch", "claude-relay", "together-proxy", "my-ollama", "internal-vllm",
    ]);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(r.body.nextPageUri).toBeNull();
    expect(r.body.uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/providers$/);
  });

  it("is the same on every start (ids and timestamps are seeded)", async () => {
    const a = await (await ngrok()).call("GET", "/providers");
    const b = await (await ngrok()).call("GET", "/providers");
    const strip = (body: any) => body.aiGatewayProviders.map((p: any) => [p.id, p.createdAt, p.models]);
    expect(strip(a.body)).toEqual(strip(b.body));
  });
});

describe("ngrok sandbox: create", () => {
  it("answers 201 with the whole provider; GET reads it by id only", async () => {
    const { call } = await ngrok({ seed: "empty" });
    const r = conforms("POST", "/providers", await create(call, {
      metadata: "m", models: [{ modelId: "a" }, { modelId: "b" }], supportedApiSurfaces: [{ format: "anthropic", surface: "messages" }],
    }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      providerId: "p1", name: "P1", baseUrl: "https://p1.example.com", metadata: "m",
      supportedApiSurfaces: [{ format: "anthropic", surface: "messages" }],
      createdBy: { id: "ak_sandbox" }, lastUpdatedBy: { id: "ak_sandbox" },
    });
    expect(r.body.models.map((m: { modelId: string }) => m.modelId)).toEqual(["a", "b"]);
    expect(r.body.id).toMatch(/^aigp_/);
    const got = conforms("GET", "/providers/{id}", await call("GET", `/providers/${r.body.id}`));
    expect(got.body).toEqual(r.body);
    const byName = await call("GET", "/providers/p1");
    expect(byName.status).toBe(404);
    conforms("GET", "/providers/{id}", byName);
  });

  it("refuses what the schema refuses with 400 and logs the contract violation", async () => {
    const { call, log } = await ngrok({ seed: "empty" });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ region: "eu" }, /must NOT have additional properties \(region\)/],
      [{ name: "" }, /body\.name must NOT have fewer than 1 characters/],
      [{ name: "n".repeat(256) }, /body\.name must NOT have more than 255 characters/],
      [{ metadata: "m".repeat(4097) }, /body\.metadata/],
      [{ models: [{ modelId: "" }] }, /body\.models\.0\.modelId/],
      [{ models: [{ id: "x", modelId: "a" }] }, /additional properties \(id\)/],
      [{ supportedApiSurfaces: [{ surface: "messages" }] }, /must have required property 'format'/],
    ];
    for (const [over, problem] of cases) {
      const r = conforms("POST", "/providers", await create(call, over));
      expect(r.status, JSON.stringify(over)).toBe(400);
      expect(r.body.statusCode).toBe(400);
      expect(r.body.msg).toMatch(problem);
    }
    const missing = await call("POST", "/providers", { name: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body.msg).toMatch(/required property 'providerId'.*required property 'baseUrl'/);
    expect(log.filter((l) => l.startsWith("contract: POST /providers"))).toHaveLength(cases.length + 1);
  });

  it("allows http:// only for .internal endpoints, as the docs say", async () => {
    const { call } = await ngrok({ seed: "empty" });
    expect((await create(call, { baseUrl: "http://vllm.internal:8000/v1" })).status).toBe(201);
    for (const baseUrl of ["http://vllm.example.com", "ftp://vllm.internal", "not a url"]) {
      const r = await create(call, { providerId: "p2", baseUrl });
      expect(r.status, baseUrl).toBe(400);
      expect(r.body.details).toEqual({ field: "baseUrl" });
    }
  });

  it("refuses a duplicate or built-in providerId, unknown surfaces and repeated models", async () => {
    const { call } = await ngrok();
    const dup = conforms("POST", "/providers", await create(call, { providerId: "my-ollama" }));
    expect(dup.status).toBe(409);
    expect(dup.body.msg).toMatch(/already exists/);
    expect((await create(call, { providerId: "openai" })).status).toBe(400);
    expect((await create(call, { supportedApiSurfaces: [{ format: "cohere" }] })).body.msg).toMatch(/not a known format/);
    expect((await create(call, { supportedApiSurfaces: [{ format: "anthropic", surface: "chat-completions" }] })).status).toBe(400);
    expect((await create(call, { models: [{ modelId: "a" }, { modelId: "a" }] })).body.msg).toMatch(/more than once/);
  });

  it("stores and returns providerModelId, unsupportedParams ([] when none) and a surface baseUrl; checks them", async () => {
    const { call } = await ngrok({ seed: "empty" });
    const r = conforms("POST", "/providers", await create(call, {
      models: [{ modelId: "llama3", providerModelId: "meta-llama/Llama-3-8B", unsupportedParams: ["logprobs"] }, { modelId: "plain" }],
      supportedApiSurfaces: [{ format: "openai", surface: "chat-completions", baseUrl: "https://chat.p1.example.com/v1" }],
    }));
    expect(r.status).toBe(201);
    expect(r.body.models).toEqual([
      { id: expect.stringMatching(/^aigpm_/), modelId: "llama3", providerModelId: "meta-llama/Llama-3-8B", unsupportedParams: ["logprobs"] },
      { id: expect.stringMatching(/^aigpm_/), modelId: "plain", unsupportedParams: [] },
    ]);
    expect(r.body.supportedApiSurfaces).toEqual([{ format: "openai", surface: "chat-completions", baseUrl: "https://chat.p1.example.com/v1" }]);
    const tooLong = await create(call, { providerId: "p2", models: [{ modelId: "m", providerModelId: "u".repeat(256) }] });
    expect(tooLong.body.msg).toMatch(/body\.models\.0\.providerModelId must NOT have more than 255 characters/);
    const notList = await create(call, { providerId: "p2", models: [{ modelId: "m", unsupportedParams: "seed" }] });
    expect(notList.body.msg).toMatch(/body\.models\.0\.unsupportedParams must be array/);
    const http = await create(call, { providerId: "p2", supportedApiSurfaces: [{ format: "openai", baseUrl: "http://chat.example.com" }] });
    expect(http.status).toBe(400);
    expect(http.body.msg).toMatch(/^supportedApiSurfaces\[0\]\.baseUrl must use https:\/\//);
    // A PATCH replacing the models says each entry's fields: what it leaves out is dropped (the API replaces the set).
    const replaced = conforms("PATCH", "/providers/{id}", await call("PATCH", `/providers/${r.body.id}`, { models: [{ modelId: "llama3" }] }));
    expect(replaced.body.models).toEqual([{ id: r.body.models[0].id, modelId: "llama3", unsupportedParams: [] }]);
  });

  it("answers malformed JSON and unknown routes in ngrok's error shape", async () => {
    const { call } = await ngrok();
    const bad = await call("POST", "/providers", "{not json");
    expect(bad).toMatchObject({ status: 400, body: { statusCode: 400, msg: expect.stringMatching(/not valid JSON/), details: {} } });
    const route = await call("GET", "/credits/balance");
    expect(route).toMatchObject({ status: 404, body: { statusCode: 404, details: { method: "GET", path: "/credits/balance" } } });
  });
});

describe("ngrok sandbox: PATCH semantics (research §1.4)", () => {
  it("keeps models when the field is absent, clears them with [], replaces with a list (unchanged modelIds keep their id)", async () => {
    const { api, call } = await ngrok();
    const vllm = await byProviderId(api, "internal-vllm");
    const path = `/providers/${vllm.id}`;
    const kept = conforms("PATCH", "/providers/{id}", await call("PATCH", path, { name: "Renamed" }));
    expect(kept.body.models).toEqual(vllm.models);
    expect(kept.body.name).toBe("Renamed");
    expect(kept.body.updatedAt >= vllm.updatedAt).toBe(true);

    const replaced = await call("PATCH", path, { models: [{ modelId: "qwen2.5-7b-instruct" }, { modelId: "new-model" }] });
    expect(replaced.body.models.map((m: any) => m.modelId)).toEqual(["qwen2.5-7b-instruct", "new-model"]);
    expect(replaced.body.models[0].id).toBe(vllm.models[1].id);
    expect(replaced.body.models[1].id).not.toBe(vllm.models[0].id);

    const cleared = await call("PATCH", path, { models: [] });
    expect(cleared.body.models).toEqual([]);
    expect((await call("GET", path)).body.models).toEqual([]);
  });

  it("clears metadata and surfaces with null; the fields then disappear from the body", async () => {
    const { api, call } = await ngrok();
    const vllm = await byProviderId(api, "internal-vllm");
    const r = conforms("PATCH", "/providers/{id}", await call("PATCH", `/providers/${vllm.id}`, { metadata: null, supportedApiSurfaces: null }));
    expect(r.status).toBe(200);
    expect(r.body).not.toHaveProperty("metadata");
    expect(r.body).not.toHaveProperty("supportedApiSurfaces");
    expect(r.body.baseUrl).toBe(vllm.baseUrl);
  });

  it("refuses providerId (immutable), null name or models, an external http:// base URL, and unknown ids", async () => {
    const { api, call, log } = await ngrok();
    const vllm = await byProviderId(api, "internal-vllm");
    const path = `/providers/${vllm.id}`;
    const immutable = await call("PATCH", path, { providerId: "renamed" });
    expect(immutable.status).toBe(400);
    expect(immutable.body.msg).toMatch(/additional properties \(providerId\)/);
    expect(log.some((l) => l.startsWith(`contract: PATCH ${path}`))).toBe(true);
    expect((await call("PATCH", path, { name: null })).body).toMatchObject({ statusCode: 400, details: { field: "name" } });
    expect((await call("PATCH", path, { models: null })).body).toMatchObject({ statusCode: 400, details: { field: "models" } });
    expect((await call("PATCH", path, { baseUrl: null })).status).toBe(400);
    expect((await call("PATCH", path, { baseUrl: "http://example.com" })).status).toBe(400);
    const unknown = conforms("PATCH", "/providers/{id}", await call("PATCH", "/providers/aigp_nope", { name: "x" }));
    expect(unknown.status).toBe(404);
    expect((await call("GET", path)).body).toEqual(vllm);
  });
});

describe("ngrok sandbox: delete", () => {
  it("answers 409 naming the provider key and access key configuration that refer to it", async () => {
    const { api, call } = await ngrok();
    const ollama = await byProviderId(api, "my-ollama");
    const r = conforms("DELETE", "/providers/{id}", await call("DELETE", `/providers/${ollama.id}`));
    expect(r.status).toBe(409);
    expect(r.body.msg).toMatch(/1 provider key and 1 access key configuration/);
    expect(r.body.details).toEqual({ providerKeys: expect.stringMatching(/^aigpk_\w+$/), accessKeyConfigurations: "akc_sandbox_default" });
    expect((await call("GET", `/providers/${ollama.id}`)).status).toBe(200);
  });

  it("answers 204 without a body, after which the provider is gone; unknown ids are 404", async () => {
    const { api, call } = await ngrok();
    const scratch = await byProviderId(api, "scratch");
    const r = await call("DELETE", `/providers/${scratch.id}`);
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expect((await call("GET", `/providers/${scratch.id}`)).status).toBe(404);
    expect((await call("DELETE", `/providers/${scratch.id}`)).status).toBe(404);
  });
});

describe("ngrok sandbox: --state", () => {
  it("keeps providers across restarts, and new ids still sort after the old ones", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "gw-ngrok-state-")), "state.json");
    const first = await ngrok({ stateFile });
    const made = await create(first.call, { providerId: "kept" });
    await first.api.sb.close();
    const second = await ngrok({ stateFile });
    // Same record; only the port inside the absolute URIs differs between the two runs.
    const samePort = (body: unknown) => JSON.stringify(body).replace(/127\.0\.0\.1:\d+/g, "HOST");
    expect(samePort((await second.call("GET", `/providers/${made.body.id}`)).body)).toBe(samePort(made.body));
    const later = await create(second.call, { providerId: "later" });
    expect(later.body.id > made.body.id).toBe(true);
  });
});
