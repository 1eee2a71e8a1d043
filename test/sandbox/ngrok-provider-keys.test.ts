import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadContract } from "../../src/sandbox/contract.js";
import { redactValue } from "../../src/sandbox/ngrok/provider-keys.js";
import { deserialize, serialize } from "../../src/sandbox/ngrok/state.js";
import { KEY, sandbox, type Res } from "./helpers.js";

const AUTH = { Authorization: `Bearer ${KEY}` };
const contract = loadContract("ngrok");
const VALUE = "sk-sandbox-test-value-000000000000001";
const NEW_VALUE = "sk-sandbox-test-value-000000000000002";

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

type Call = (method: string, path: string, body?: unknown) => Promise<Res>;
const create = (call: Call, body: Record<string, unknown> = {}) =>
  call("POST", "/provider-keys", { providerId: "openai", name: "byok", value: VALUE, ...body });

describe("ngrok sandbox: provider keys of the demo account", () => {
  it("lists the seeded keys newest first, in the list shape, with no value", async () => {
    const { call } = await ngrok();
    const r = conforms("GET", "/provider-keys", await call("GET", "/provider-keys"));
    expect(r.status).toBe(200);
    const keys = r.body.aiGatewayProviderKeys as Record<string, unknown>[];
    expect(keys.map((k) => [k.providerId, k.name])).toEqual([
      ["together-proxy", "together-prod"],
      ["my-ollama", "ollama-bearer"],
    ]);
    const ids = keys.map((k) => k.id as string);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(keys[1]).toMatchObject({
      id: expect.stringMatching(/^aigpk_/),
      description: "Bearer token of the lab Ollama proxy",
      keyRedacted: "oll...0001",
      lastUsed: "2026-06-01T10:30:00Z",
      createdBy: { id: "ak_sandbox" },
    });
    for (const k of keys) expect(k).not.toHaveProperty("value");
    expect(r.body.nextPageUri).toBeNull();
    expect(r.body.uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/provider-keys$/);
  });

  it("filters by ?provider= (the providerId) and pages with beforeId/limit, the filter kept in nextPageUri", async () => {
    const { call } = await ngrok({ seed: "empty" });
    for (const name of ["a", "b", "c"]) await create(call, { name });
    await create(call, { providerId: "anthropic", name: "other" });
    const filtered = conforms("GET", "/provider-keys", await call("GET", "/provider-keys?provider=openai&limit=2"));
    expect(filtered.body.aiGatewayProviderKeys.map((k: { name: string }) => k.name)).toEqual(["c", "b"]);
    const next = new URL(filtered.body.nextPageUri);
    expect(Object.fromEntries(next.searchParams)).toEqual({ beforeId: filtered.body.aiGatewayProviderKeys[1].id, limit: "2", provider: "openai" });
    const rest = await call("GET", `${next.pathname}${next.search}`);
    expect(rest.body.aiGatewayProviderKeys.map((k: { name: string }) => k.name)).toEqual(["a"]);
    expect(rest.body.nextPageUri).toBeNull();
    expect((await call("GET", "/provider-keys?limit=0")).status).toBe(400);
  });
});

describe("ngrok sandbox: provider key writes", () => {
  it("creates (201) for a catalog or custom providerId; the value is write-only, kept as a digest", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "gw-ngrok-pk-")), "state.json");
    const { call } = await ngrok({ stateFile });
    const r = conforms("POST", "/provider-keys", await create(call, { description: "d", metadata: "m" }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ providerId: "openai", name: "byok", description: "d", metadata: "m", keyRedacted: redactValue(VALUE), lastUsed: null });
    expect(JSON.stringify(r.body)).not.toContain(VALUE);
    expect((await call("GET", `/provider-keys/${r.body.id}`)).body).toEqual(r.body);
    const custom = await create(call, { providerId: "my-ollama", name: "custom" });
    expect(custom.status).toBe(201);
    // Not even the state file holds the value.
    const saved = readFileSync(stateFile, "utf8");
    expect(saved).not.toContain(VALUE);
    expect(saved).toContain(createHash("sha256").update(VALUE).digest("hex"));
  });

  it("refuses an unknown provider, an empty name or value (400) and what the schema refuses (400, logged)", async () => {
    const { call, log } = await ngrok();
    const unknown = conforms("POST", "/provider-keys", await create(call, { providerId: "nope" }));
    expect(unknown).toMatchObject({ status: 400, body: { statusCode: 400, details: { field: "providerId" } } });
    expect(unknown.body.msg).toBe('providerId "nope" is neither a catalog provider nor a custom provider of this account');
    expect((await create(call, { name: " " })).body).toMatchObject({ statusCode: 400, details: { field: "name" } });
    expect((await create(call, { value: "" })).body).toMatchObject({ statusCode: 400, details: { field: "value" } });
    const extra = await create(call, { weight: 1 });
    expect(extra.status).toBe(400);
    expect(extra.body.msg).toMatch(/additional properties \(weight\)/);
    expect((await create(call, { name: "n".repeat(256) })).status).toBe(400);
    const missing = await call("POST", "/provider-keys", { providerId: "openai", name: "no-value" });
    expect(missing.body.msg).toMatch(/must have required property 'value'/);
    expect(log.filter((l) => l.startsWith("contract: POST /provider-keys"))).toHaveLength(3);
  });

  it("PATCH changes name, description, metadata (null clears the last two, not the name); the value is not patchable", async () => {
    const { call } = await ngrok({ seed: "empty" });
    const made = (await create(call, { description: "d", metadata: "m" })).body;
    const path = `/provider-keys/${made.id}`;
    const r = conforms("PATCH", "/provider-keys/{id}", await call("PATCH", path, { name: "renamed", description: null }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: "renamed", metadata: "m", keyRedacted: made.keyRedacted });
    expect(r.body).not.toHaveProperty("description");
    expect((await call("PATCH", path, { name: null })).body).toMatchObject({ statusCode: 400, details: { field: "name" } });
    expect((await call("PATCH", path, { value: NEW_VALUE })).body.msg).toMatch(/additional properties \(value\)/);
    const unknown = conforms("PATCH", "/provider-keys/{id}", await call("PATCH", "/provider-keys/aigpk_nope", { name: "x" }));
    expect(unknown.status).toBe(404);
  });

  it("rotate answers 200 with the same id, the name sent and a new redacted form; name and value are required", async () => {
    const { call } = await ngrok({ seed: "empty" });
    const made = (await create(call)).body;
    const path = `/provider-keys/${made.id}/rotate`;
    const r = conforms("POST", "/provider-keys/{id}/rotate", await call("POST", path, { name: "byok-2", value: NEW_VALUE }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: made.id, name: "byok-2", createdAt: made.createdAt, keyRedacted: redactValue(NEW_VALUE) });
    expect(JSON.stringify(r.body)).not.toContain(NEW_VALUE);
    expect((await call("POST", path, { value: NEW_VALUE })).status).toBe(400);
    expect((await call("POST", path, { name: "n", value: " " })).body).toMatchObject({ statusCode: 400, details: { field: "value" } });
    expect((await call("POST", "/provider-keys/aigpk_nope/rotate", { name: "n", value: NEW_VALUE })).status).toBe(404);
  });

  it("DELETE answers 204 without a body; the key is gone; unknown ids are 404", async () => {
    const { call } = await ngrok();
    const made = (await create(call)).body;
    const r = await call("DELETE", `/provider-keys/${made.id}`);
    expect(r).toMatchObject({ status: 204, body: undefined });
    expect((await call("GET", `/provider-keys/${made.id}`)).status).toBe(404);
    expect(conforms("DELETE", "/provider-keys/{id}", await call("DELETE", `/provider-keys/${made.id}`)).status).toBe(404);
  });

  it("a provider with keys cannot be deleted (409 naming them); without them it can", async () => {
    const { call } = await ngrok({ seed: "empty" });
    const provider = (await call("POST", "/providers", { providerId: "lab", name: "Lab", baseUrl: "https://lab.example.com" })).body;
    const keys = [(await create(call, { providerId: "lab", name: "k1" })).body, (await create(call, { providerId: "lab", name: "k2" })).body];
    await create(call, { name: "openai-key" });
    const refused = conforms("DELETE", "/providers/{id}", await call("DELETE", `/providers/${provider.id}`));
    expect(refused.status).toBe(409);
    expect(refused.body.msg).toMatch(/still referenced by 2 provider keys/);
    expect(refused.body.details).toEqual({ providerKeys: keys.map((k) => k.id).join(",") });
    for (const k of keys) expect((await call("DELETE", `/provider-keys/${k.id}`)).status).toBe(204);
    expect((await call("DELETE", `/providers/${provider.id}`)).status).toBe(204);
  });

  it("keeps keys across restarts (--state); a state file from before provider keys loads with none", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "gw-ngrok-pk-state-")), "state.json");
    const first = await ngrok({ stateFile, seed: "empty" });
    const made = (await create(first.call)).body;
    await first.api.sb.close();
    const second = await ngrok({ stateFile });
    const samePort = (body: unknown) => JSON.stringify(body).replace(/127\.0\.0\.1:\d+/g, "HOST");
    expect(samePort((await second.call("GET", `/provider-keys/${made.id}`)).body)).toBe(samePort(made));
    expect((await create(second.call, { name: "later" })).body.id > made.id).toBe(true);
    const old = deserialize({ accountId: "acct_sandbox", apiKeyId: "ak_sandbox", providers: [], references: [], clock: { ms: 0, seq: 0 } });
    expect(old.providerKeys.size).toBe(0);
    expect(serialize(old).providerKeys).toEqual([]);
  });
});

describe("the sandbox's redacted form", () => {
  it("shows a few characters of a long value and nothing of a short one", () => {
    expect(redactValue("sk-proj-abcdefghijklmnop")).toBe("sk-...mnop");
    expect(redactValue("short-value")).toBe("****");
  });
});
