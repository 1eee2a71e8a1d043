import { describe, expect, it } from "vitest";
import { loadContract } from "../../src/sandbox/contract.js";
import { seedState } from "../../src/sandbox/ngrok/seed.js";
import { deserialize, serialize } from "../../src/sandbox/ngrok/state.js";
import { KEY, sandbox, type Res } from "./helpers.js";

const AUTH = { Authorization: `Bearer ${KEY}` };
const contract = loadContract("ngrok");
const KEYS = "/access-keys";
const CONFIGS = "/access-key-configurations";
const TOKEN = /^ng-[A-Za-z0-9]{5}-g1-[A-Za-z0-9]{40}$/;

/** The ngrok sandbox with its Bearer auth on every call. */
async function ngrok(opts: Parameters<typeof sandbox>[0] = {}) {
  const log: string[] = [];
  const api = await sandbox({ backend: "ngrok", log: (l) => log.push(l), ...opts });
  const call = (method: string, path: string, body?: unknown) => api.call(method, path, body, AUTH);
  return { api, log, call };
}

/** Every answer must match the documented response schema too. */
function conforms(method: string, route: string, r: Res): Res {
  expect(contract.checkResponse(method, route, r.status, r.body)).toBeUndefined();
  return r;
}

type Call = Awaited<ReturnType<typeof ngrok>>["call"];

async function keyNamed(call: Call, name: string): Promise<Record<string, any>> {
  const r = await call("GET", KEYS);
  const found = r.body.aiGatewayAccessKeys.find((k: { name?: string }) => k.name === name);
  if (!found) throw new Error(`no access key ${name}`);
  return found;
}

async function configNamed(call: Call, name: string): Promise<Record<string, any>> {
  const r = await call("GET", CONFIGS);
  const found = r.body.aiGatewayAccessKeyConfigurations.find((c: { name: string }) => c.name === name);
  if (!found) throw new Error(`no configuration ${name}`);
  return found;
}

async function providerKeyOf(call: Call, providerId: string): Promise<Record<string, any>> {
  const r = await call("GET", `/provider-keys?provider=${providerId}`);
  const found = r.body.aiGatewayProviderKeys[0];
  if (!found) throw new Error(`no provider key for ${providerId}`);
  return found;
}

describe("ngrok sandbox: the demo account's access keys and configurations", () => {
  it("lists four keys newest first, never with a token; each names its configuration or null (allow-all)", async () => {
    const { call } = await ngrok();
    const r = conforms("GET", KEYS, await call("GET", KEYS));
    const keys = r.body.aiGatewayAccessKeys as Record<string, any>[];
    expect(keys.map((k) => k.name)).toEqual(["CI smoke tests", "Batch jobs", "Staging web app", "Production web app"]);
    expect(keys.map((k) => k.id)).toEqual(keys.map((k) => k.id).sort().reverse());
    for (const k of keys) {
      expect(k.id).toMatch(/^aigk_/);
      expect(k).not.toHaveProperty("token");
      expect(k.keyRedacted).toMatch(/^ng-\w{5}-g1-\*{4}\w{4}$/);
    }
    expect(keys[3]!.accessKeyConfiguration).toMatchObject({ id: "akc_sandbox_default", name: "Default" });
    expect(keys[0]!.accessKeyConfiguration).toBeNull();
    expect(keys[3]!.lastUsed).toMatch(/Z$/);
    expect(r.body.nextPageUri).toBeNull();
  });

  it("lists three configurations; router step keys are named from /provider-keys", async () => {
    const { call } = await ngrok();
    const r = conforms("GET", CONFIGS, await call("GET", CONFIGS));
    const configs = r.body.aiGatewayAccessKeyConfigurations as Record<string, any>[];
    expect(configs.map((c) => c.name).sort()).toEqual(["Anthropic only", "Default", "Unused"]);
    const standard = configs.find((c) => c.name === "Default")!;
    const ollamaKey = await providerKeyOf(call, "my-ollama");
    expect(standard.access).toEqual({ providers: { allow: ["openai", "my-ollama"] } });
    expect(standard.router.rules).toEqual([
      { provider: "openai", steps: [{ type: "ngrok" }] },
      { provider: "my-ollama", steps: [{ type: "user", keys: [{ id: ollamaKey.id, name: ollamaKey.name, keyRedacted: ollamaKey.keyRedacted }], keySelectionStrategy: "ordered" }] },
    ]);
    const unused = configs.find((c) => c.name === "Unused")!;
    expect(unused).not.toHaveProperty("access");
    expect(unused).not.toHaveProperty("router");
    conforms("GET", `${CONFIGS}/{id}`, await call("GET", `${CONFIGS}/${standard.id}`));
  });

  it("is the same on every start, and survives a state file round trip", async () => {
    const a = serialize(seedState("demo"));
    const b = serialize(seedState("demo"));
    expect(a.accessKeys).toEqual(b.accessKeys);
    expect(a.configurations).toEqual(b.configurations);
    const back = serialize(deserialize(JSON.parse(JSON.stringify(a))));
    expect(back.accessKeys).toEqual(a.accessKeys);
    expect(back.configurations).toEqual(a.configurations);
    // A state file from before access keys were served still loads, with none.
    const { accessKeys: _k, configurations: _c, ...old } = a;
    expect(deserialize(JSON.parse(JSON.stringify(old))).accessKeys.size).toBe(0);
  });
});

describe("ngrok sandbox: access keys", () => {
  it("answers 201 with the token once; GET and list never show it again", async () => {
    const { call } = await ngrok({ seed: "empty" });
    const r = conforms("POST", KEYS, await call("POST", KEYS, { name: "app", description: "d", metadata: "m" }));
    expect(r.status).toBe(201);
    expect(r.body.token).toMatch(TOKEN);
    expect(r.body).toMatchObject({ name: "app", description: "d", metadata: "m", accessKeyConfiguration: null, lastUsed: null });
    expect(r.body.keyRedacted).not.toContain(r.body.token.slice(12, -4));
    expect(r.body.keyRedacted.endsWith(r.body.token.slice(-4))).toBe(true);
    const got = conforms("GET", `${KEYS}/{id}`, await call("GET", `${KEYS}/${r.body.id}`));
    expect(got.body).not.toHaveProperty("token");
    const { token: _t, ...rest } = r.body;
    expect(got.body).toEqual(rest);
    expect(JSON.stringify((await call("GET", KEYS)).body)).not.toContain(r.body.token);
    // An empty body is a key with no name, allow-all.
    const bare = conforms("POST", KEYS, await call("POST", KEYS, {}));
    expect(bare.status).toBe(201);
    expect(bare.body).not.toHaveProperty("name");
  });

  it("links a configuration at create and by PATCH; null unlinks (allow-all); an unknown one is a 400", async () => {
    const { call } = await ngrok();
    const unused = await configNamed(call, "Unused");
    const made = conforms("POST", KEYS, await call("POST", KEYS, { name: "linked", accessKeyConfigurationId: unused.id }));
    expect(made.body.accessKeyConfiguration).toEqual({ id: unused.id, uri: unused.uri, name: "Unused" });
    const path = `${KEYS}/${made.body.id}`;
    const unlinked = conforms("PATCH", `${KEYS}/{id}`, await call("PATCH", path, { accessKeyConfigurationId: null }));
    expect(unlinked.body.accessKeyConfiguration).toBeNull();
    const relinked = await call("PATCH", path, { accessKeyConfigurationId: "akc_sandbox_default" });
    expect(relinked.body.accessKeyConfiguration.name).toBe("Default");
    for (const r of [await call("POST", KEYS, { accessKeyConfigurationId: "aigac_nope" }), await call("PATCH", path, { accessKeyConfigurationId: "aigac_nope" })]) {
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual({ field: "accessKeyConfigurationId", id: "aigac_nope" });
    }
  });

  it("PATCH: absent keeps, a value sets, null clears name, description and metadata", async () => {
    const { call } = await ngrok({ seed: "empty" });
    const made = await call("POST", KEYS, { name: "a", description: "d", metadata: "m" });
    const path = `${KEYS}/${made.body.id}`;
    const renamed = conforms("PATCH", `${KEYS}/{id}`, await call("PATCH", path, { name: "b" }));
    expect(renamed.body).toMatchObject({ name: "b", description: "d", metadata: "m" });
    const cleared = await call("PATCH", path, { name: null, description: null, metadata: null });
    expect(cleared.body).not.toHaveProperty("name");
    expect(cleared.body).not.toHaveProperty("description");
    expect(cleared.body).not.toHaveProperty("metadata");
    expect(cleared.body.keyRedacted).toBe(made.body.keyRedacted);
  });

  it("refuses what the schema refuses (400, logged as a contract violation); unknown ids are 404", async () => {
    const { call, log } = await ngrok({ seed: "empty" });
    const bad = conforms("POST", KEYS, await call("POST", KEYS, { name: "x", token: "ng-mine" }));
    expect(bad.status).toBe(400);
    expect(bad.body.msg).toMatch(/additional properties \(token\)/);
    expect((await call("POST", KEYS, { name: "n".repeat(256) })).status).toBe(400);
    expect(log.filter((l) => l.startsWith("contract: POST /access-keys"))).toHaveLength(2);
    for (const [method, body] of [["GET", undefined], ["PATCH", { name: "x" }], ["DELETE", undefined]] as const) {
      const r = await call(method, `${KEYS}/aigk_nope`, body);
      expect(r.status, method).toBe(404);
      expect(r.body).toEqual({ statusCode: 404, msg: "AI Gateway access key aigk_nope not found", details: { id: "aigk_nope" } });
    }
  });

  it("DELETE answers 204; the key is gone", async () => {
    const { call } = await ngrok();
    const ci = await keyNamed(call, "CI smoke tests");
    const r = await call("DELETE", `${KEYS}/${ci.id}`);
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expect((await call("GET", `${KEYS}/${ci.id}`)).status).toBe(404);
  });

  it("pages with beforeId and limit; nextPageUri walks every key once", async () => {
    const { call, log } = await ngrok({ seed: "empty" });
    for (let i = 0; i < 5; i++) await call("POST", KEYS, { name: `k${i}` });
    const seen: string[] = [];
    let next: string | null = `${KEYS}?limit=2`;
    while (next) {
      const r = conforms("GET", KEYS, await call("GET", next.replace(/^http:\/\/[^/]+/, "")));
      expect(r.body.aiGatewayAccessKeys.length).toBeLessThanOrEqual(2);
      seen.push(...r.body.aiGatewayAccessKeys.map((k: { name: string }) => k.name));
      next = r.body.nextPageUri;
    }
    expect(seen).toEqual(["k4", "k3", "k2", "k1", "k0"]);
    expect((await call("GET", `${KEYS}?limit=0`)).status).toBe(400);
    expect((await call("GET", `${CONFIGS}?limit=101`)).status).toBe(400);
    expect(log.filter((l) => l.startsWith("contract: GET"))).toHaveLength(2);
  });
});

describe("ngrok sandbox: access key configurations", () => {
  it("creates one with scope and rules (existing and inline keys); the answer names the keys, never a value", async () => {
    const { call } = await ngrok();
    const together = await providerKeyOf(call, "together-proxy");
    const r = conforms("POST", CONFIGS, await call("POST", CONFIGS, {
      name: "Mixed",
      description: "d",
      access: { providers: { allow: ["openai", "together-proxy"] }, models: { allow: [] } },
      router: {
        rules: [
          { provider: "openai", steps: [{ type: "user", keys: [{ name: "inline", value: "sk-inline-value-0123456789" }] }, { type: "ngrok" }] },
          { model: "together-proxy:Qwen/Qwen2.5-72B-Instruct-Turbo", steps: [{ type: "user", keys: [{ id: together.id }], keySelectionStrategy: "ordered" }] },
        ],
      },
    }));
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^aigac_/);
    expect(r.body.access).toEqual({ providers: { allow: ["openai", "together-proxy"] }, models: { allow: [] } });
    const [openai, qwen] = r.body.router.rules;
    expect(openai.steps[0].keys[0]).toEqual({ id: expect.stringMatching(/^aigpk_/), name: "inline", keyRedacted: expect.any(String) });
    expect(JSON.stringify(r.body)).not.toContain("sk-inline-value-0123456789");
    expect((await call("GET", `/provider-keys/${openai.steps[0].keys[0].id}`)).body).toMatchObject({ providerId: "openai", name: "inline" });
    expect(qwen).toEqual({ model: "together-proxy:Qwen/Qwen2.5-72B-Instruct-Turbo", steps: [{ type: "user", keys: [{ id: together.id, name: together.name, keyRedacted: together.keyRedacted }], keySelectionStrategy: "ordered" }] });
  });

  it("refuses scopes and rules the server would (400 naming the field)", async () => {
    const { call } = await ngrok();
    const together = await providerKeyOf(call, "together-proxy");
    const rule = (r: Record<string, unknown>) => ({ name: "bad", router: { rules: [r] } });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: "bad", access: { providers: { allow: ["nobody"] } } }, /"nobody" is neither a catalog provider/],
      [rule({ steps: [{ type: "ngrok" }] }), /a rule needs a provider, a model, or both/],
      [rule({ provider: "nobody", steps: [{ type: "ngrok" }] }), /router\.rules\[0\]\.provider: "nobody"/],
      [rule({ model: "gpt-4o", steps: [{ type: "ngrok" }] }), /not provider-qualified/],
      [rule({ provider: "openai", model: "together-proxy:x", steps: [{ type: "ngrok" }] }), /is not a model of provider "openai"/],
      [rule({ provider: "openai", steps: [{ type: "user" }] }), /a user step needs at least one provider key/],
      [rule({ provider: "my-ollama", steps: [{ type: "ngrok" }] }), /an ngrok step is for built-in providers only/],
      [rule({ provider: "openai", steps: [{ type: "ngrok", keys: [{ id: together.id }] }] }), /an ngrok step takes no keys/],
      [rule({ provider: "openai", steps: [{ type: "user", keys: [{ id: "aigpk_nope" }] }] }), /provider key aigpk_nope does not exist/],
      [rule({ provider: "openai", steps: [{ type: "user", keys: [{ id: together.id }] }] }), /is for together-proxy, not openai/],
      [rule({ provider: "openai", steps: [{ type: "user", keys: [{ name: "half" }] }] }), /a new key needs both name and value/],
      [{ name: "bad", router: { rules: [{ provider: "openai", steps: [{ type: "ngrok" }] }, { provider: "openai", steps: [{ type: "ngrok" }] }] } }, /a second rule for provider openai/],
    ];
    for (const [body, problem] of cases) {
      const r = conforms("POST", CONFIGS, await call("POST", CONFIGS, body));
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.msg).toMatch(problem);
      expect(Object.keys(r.body.details)).toEqual(["field"]);
    }
    // The schema's own bounds: at least one step; only ordered selection.
    expect((await call("POST", CONFIGS, rule({ provider: "openai", steps: [] }))).body.msg).toMatch(/steps must NOT have fewer than 1 items/);
    expect((await call("POST", CONFIGS, rule({ provider: "openai", steps: [{ type: "ngrok", keySelectionStrategy: "random" }] }))).status).toBe(400);
  });

  it("PATCH: absent keeps, a value replaces access or the whole router, null clears them; a null name is refused", async () => {
    const { call } = await ngrok();
    const standard = await configNamed(call, "Default");
    const path = `${CONFIGS}/${standard.id}`;
    const renamed = conforms("PATCH", `${CONFIGS}/{id}`, await call("PATCH", path, { name: "Renamed" }));
    expect(renamed.body).toMatchObject({ name: "Renamed", access: standard.access, router: standard.router });
    const replaced = await call("PATCH", path, { router: { rules: [{ provider: "anthropic", steps: [{ type: "ngrok" }] }] } });
    expect(replaced.body.router).toEqual({ rules: [{ provider: "anthropic", steps: [{ type: "ngrok" }] }] });
    const cleared = conforms("PATCH", `${CONFIGS}/{id}`, await call("PATCH", path, { access: null, router: null, description: null }));
    expect(cleared.body).not.toHaveProperty("access");
    expect(cleared.body).not.toHaveProperty("router");
    expect(cleared.body).not.toHaveProperty("description");
    expect((await call("PATCH", path, { name: null })).status).toBe(400);
    expect((await call("PATCH", `${CONFIGS}/aigac_nope`, { name: "x" })).status).toBe(404);
  });

  it("DELETE: 409 naming the keys still linked; 204 once none is", async () => {
    const { call } = await ngrok();
    const r = conforms("DELETE", `${CONFIGS}/{id}`, await call("DELETE", `${CONFIGS}/akc_sandbox_default`));
    expect(r.status).toBe(409);
    const production = await keyNamed(call, "Production web app");
    const staging = await keyNamed(call, "Staging web app");
    expect(r.body.msg).toMatch(/is still linked to 2 access keys/);
    expect(r.body.details.accessKeys.split(",").sort()).toEqual([production.id, staging.id].sort());
    for (const k of [production, staging]) await call("PATCH", `${KEYS}/${k.id}`, { accessKeyConfigurationId: null });
    expect((await call("DELETE", `${CONFIGS}/akc_sandbox_default`)).status).toBe(204);
    expect((await call("GET", `${CONFIGS}/akc_sandbox_default`)).status).toBe(404);
  });

  it("a provider that a configuration names (scope or rule) cannot be deleted: the 409 lists the configurations", async () => {
    const { call } = await ngrok();
    const providers = (await call("GET", "/providers")).body.aiGatewayProviders as { id: string; providerId: string }[];
    const id = (providerId: string) => providers.find((p) => p.providerId === providerId)!.id;
    const scoped = await call("POST", CONFIGS, { name: "vllm scope", access: { models: { allow: ["internal-vllm:qwen2.5-7b-instruct"] } } });
    const r = await call("DELETE", `/providers/${id("internal-vllm")}`);
    expect(r.status).toBe(409);
    expect(r.body.details).toEqual({ accessKeyConfigurations: scoped.body.id });
    // A rule names it by its aigp_ id: the same.
    const ruled = await call("POST", CONFIGS, { name: "relay", router: { rules: [{ provider: id("claude-relay"), steps: [{ type: "user", keys: [{ name: "k", value: "relay-key-0123456789" }] }] }] } });
    expect(ruled.status).toBe(201);
    const relay = await call("DELETE", `/providers/${id("claude-relay")}`);
    expect(relay.status).toBe(409);
    expect(relay.body.details.accessKeyConfigurations).toBe(ruled.body.id);
    const ollama = await call("DELETE", `/providers/${id("my-ollama")}`);
    expect(ollama.body.details.accessKeyConfigurations).toBe("akc_sandbox_default");
  });
});
