import { describe, expect, it } from "vitest";
import { createBackend } from "../../src/backends/ngrok/adapter.js";
import { ngrok } from "../../src/backends/ngrok/index.js";
import { valueSecrets } from "../../src/backends/ngrok/provider-keys.js";
import { rawOf } from "../../src/domain/binding.js";
import { GwError } from "../../src/errors.js";
import { dryRunClient, DryRunStop } from "../../src/http/dry-run.js";
import { mockHttp } from "../helpers/mock-http.js";

const BASE = "https://api.ngrok.ai";
const KEY = "ngrok-unit-test-key-0123456789";
const VALUE = "sk-upstream-unit-test-value-0000000001";
/** The trace lines of the current test's client. */
let trace: string[] = [];
const mock = mockHttp(BASE, { headers: ngrok.authHeaders(KEY), secrets: [KEY], trace: (line) => trace.push(line) });

/** The parts on the real HTTP client against a mock server; `trace` holds the client's trace lines. */
function setup() {
  trace = [];
  const { http, pool } = mock.connect();
  const parts = createBackend(http);
  return { keys: parts.providerKeys!, rotation: parts.providerKeyRotate!, pool, trace, http };
}

const ref = { id: "ak", uri: `${BASE}/api-keys/ak` };
const wireKey = (id: string, providerId: string, over: Record<string, unknown> = {}) => ({
  id, uri: `${BASE}/provider-keys/${id}`, createdAt: "2026-06-01T09:00:00Z", updatedAt: "2026-06-01T09:00:00Z",
  providerId, name: `key ${id}`, keyRedacted: "sk-...0001", createdBy: ref, lastUpdatedBy: ref, lastUsed: null, ...over,
});
const wireProvider = (id: string, providerId: string) => ({
  id, uri: `${BASE}/providers/${id}`, providerId, name: providerId, baseUrl: "https://up.example", createdAt: "2026-06-01T09:00:00Z",
  updatedAt: "2026-06-01T09:00:00Z", createdBy: ref, lastUpdatedBy: ref, models: [],
});
const error = (statusCode: number, msg: string, details: Record<string, string> = {}) => ({ statusCode, msg, details });
const list = (items: unknown[], next: string | null = null) => ({ aiGatewayProviderKeys: items, uri: `${BASE}/provider-keys`, nextPageUri: next });

async function failure(p: Promise<unknown>): Promise<GwError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(GwError);
    return err as GwError;
  }
  throw new Error("expected a failure");
}

describe("ngrok provider keys: reads", () => {
  it("lists every page of the account's keys; no provider needed", async () => {
    const { keys, pool } = setup();
    expect(keys.listNeedsProvider).toBe(false);
    pool.intercept({ path: "/provider-keys?limit=100", method: "GET" }).reply(200, list([wireKey("k3", "openai"), wireKey("k2", "my-ollama")], "/provider-keys?beforeId=k2&limit=100"));
    pool.intercept({ path: "/provider-keys?beforeId=k2&limit=100", method: "GET" }).reply(200, list([wireKey("k1", "openai")]));
    const all = await keys.list();
    expect(all.map((k) => [k.id, k.provider])).toEqual([["k3", "openai"], ["k2", "my-ollama"], ["k1", "openai"]]);
    expect(all[0]).toEqual({
      id: "k3", backend: "ngrok", provider: "openai", name: "key k3", weight: null, models: null, enabled: true,
      createdAt: "2026-06-01T09:00:00Z", updatedAt: "2026-06-01T09:00:00Z",
      details: { uri: `${BASE}/provider-keys/k3`, description: null, metadata: null, lastUsed: null, createdBy: "ak", lastUpdatedBy: "ak" },
    });
    // Not even the redacted form is part of the record; --raw has the server's body.
    expect(JSON.stringify(all)).not.toContain("sk-...0001");
    expect(rawOf(all[0]!)).toMatchObject({ keyRedacted: "sk-...0001" });
  });

  it("filters by providerId client-side; a custom provider's server id is looked up only when nothing matched", async () => {
    const { keys, pool } = setup();
    const page = () => pool.intercept({ path: "/provider-keys?limit=100", method: "GET" }).reply(200, list([wireKey("k2", "my-ollama"), wireKey("k1", "openai")]));
    page();
    expect((await keys.list("openai")).map((k) => k.id)).toEqual(["k1"]);
    page();
    pool.intercept({ path: "/providers/aigp_9", method: "GET" }).reply(200, wireProvider("aigp_9", "my-ollama"));
    expect((await keys.list("aigp_9")).map((k) => k.id)).toEqual(["k2"]);
    page();
    pool.intercept({ path: "/providers/anthropic", method: "GET" }).reply(404, error(404, "not found"));
    expect(await keys.list("anthropic")).toEqual([]);
  });

  it("a nextPageUri that points elsewhere than /provider-keys is an unexpected answer (exit 6)", async () => {
    const { keys, pool } = setup();
    pool.intercept({ path: "/provider-keys?limit=100", method: "GET" }).reply(200, list([], "/providers?beforeId=x"));
    const err = await failure(keys.list());
    expect(err.exitCode).toBe(6);
    expect(err.message).toMatch(/nextPageUri does not point at \/provider-keys/);
  });
});

describe("ngrok provider keys: writes", () => {
  it("add: a providerId as given (GET /providers/<it> is a 404), the value in the body and in the request's secrets", async () => {
    const { keys, pool, trace } = setup();
    let sent: unknown;
    pool.intercept({ path: "/providers/openai", method: "GET" }).reply(404, error(404, "not found"));
    pool.intercept({ path: "/provider-keys", method: "POST" }).reply(201, (opts) => {
      sent = JSON.parse(String(opts.body));
      return wireKey("k1", "openai", { name: "byok" });
    });
    const made = await keys.add("openai", { name: "byok", value: VALUE });
    expect(sent).toEqual({ providerId: "openai", name: "byok", value: VALUE });
    expect(made).toMatchObject({ id: "k1", provider: "openai", name: "byok" });
    expect(trace.join("\n")).not.toContain(VALUE);
    expect(trace.some((l) => l.startsWith("> POST"))).toBe(true);
  });

  it("add: a custom provider's server id becomes its providerId", async () => {
    const { keys, pool } = setup();
    let sent: Record<string, unknown> = {};
    pool.intercept({ path: "/providers/aigp_9", method: "GET" }).reply(200, wireProvider("aigp_9", "my-ollama"));
    pool.intercept({ path: "/provider-keys", method: "POST" }).reply(201, (opts) => {
      sent = JSON.parse(String(opts.body)) as Record<string, unknown>;
      return wireKey("k1", "my-ollama");
    });
    await keys.add("aigp_9", { name: "n", value: VALUE });
    expect(sent.providerId).toBe("my-ollama");
  });

  it("a server that echoes the value back: masked in the record and in the raw body", async () => {
    const { keys, pool } = setup();
    pool.intercept({ path: "/providers/openai", method: "GET" }).reply(404, error(404, "not found"));
    pool.intercept({ path: "/provider-keys", method: "POST" }).reply(201, wireKey("k1", "openai", { keyRedacted: VALUE, description: `value ${VALUE}` }));
    const made = await keys.add("openai", { name: "byok", value: VALUE });
    expect(JSON.stringify(made)).not.toContain(VALUE);
    expect(JSON.stringify(rawOf(made))).not.toContain(VALUE);
  });

  it("refuses what ngrok keys do not have and an over-long name, before any request (exit 2)", async () => {
    const { keys } = setup();
    expect((await failure(keys.add("openai", { name: "n", value: VALUE, weight: 1 }))).message).toMatch(/cannot set weight on `gw providers keys add`/);
    expect((await failure(keys.update("openai", "k1", { models: ["a"], enabled: false }))).message).toMatch(/cannot set models, enabled/);
    expect((await failure(keys.add("openai", { name: "n".repeat(256), value: VALUE }))).message).toBe("invalid value for --name: 256 characters, at most 255 allowed");
    expect((await failure(keys.add("openai", { name: " ", value: VALUE }))).exitCode).toBe(2);
  });

  it("update: --name is a PATCH of the name alone; a value is a rotation carrying the new name or the current one", async () => {
    const { keys, pool } = setup();
    const bodies: [string, unknown][] = [];
    const answer = (method: string, path: string) =>
      pool.intercept({ path, method }).reply(200, (opts) => {
        bodies.push([`${method} ${path}`, JSON.parse(String(opts.body))]);
        return wireKey("k1", "openai");
      });
    const current = () => pool.intercept({ path: "/provider-keys/k1", method: "GET" }).reply(200, wireKey("k1", "openai", { name: "old" }));
    current();
    answer("PATCH", "/provider-keys/k1");
    await keys.update("openai", "k1", { name: "new" });
    current();
    answer("POST", "/provider-keys/k1/rotate");
    await keys.update("openai", "k1", { value: VALUE });
    current();
    answer("POST", "/provider-keys/k1/rotate");
    await keys.update("openai", "k1", { value: VALUE, name: "both" });
    expect(bodies).toEqual([
      ["PATCH /provider-keys/k1", { name: "new" }],
      ["POST /provider-keys/k1/rotate", { name: "old", value: VALUE }],
      ["POST /provider-keys/k1/rotate", { name: "both", value: VALUE }],
    ]);
  });

  it("rotate keeps the name; a key of another provider is refused (exit 4) without a write", async () => {
    const { rotation, pool } = setup();
    let rotated: unknown;
    pool.intercept({ path: "/provider-keys/k1", method: "GET" }).reply(200, wireKey("k1", "my-ollama", { name: "kept" }));
    pool.intercept({ path: "/providers/aigp_9", method: "GET" }).reply(200, wireProvider("aigp_9", "my-ollama"));
    pool.intercept({ path: "/provider-keys/k1/rotate", method: "POST" }).reply(200, (opts) => {
      rotated = JSON.parse(String(opts.body));
      return wireKey("k1", "my-ollama", { name: "kept" });
    });
    await rotation.rotate("aigp_9", "k1", VALUE);
    expect(rotated).toEqual({ name: "kept", value: VALUE });

    pool.intercept({ path: "/provider-keys/k1", method: "GET" }).reply(200, wireKey("k1", "my-ollama"));
    pool.intercept({ path: "/providers/openai", method: "GET" }).reply(404, error(404, "not found"));
    const err = await failure(rotation.rotate("openai", "k1", VALUE));
    expect(err.exitCode).toBe(4);
    expect(err.message).toBe("rotate provider key k1: provider openai has no key k1: that key is for provider my-ollama; nothing was changed");
  });

  it("an unknown key is exit 4; a server refusal is exit 5 with its reason, the value masked in it", async () => {
    const { rotation, pool } = setup();
    pool.intercept({ path: "/provider-keys/nope", method: "GET" }).reply(404, error(404, "AI Gateway provider key nope not found"));
    const missing = await failure(rotation.rotate("openai", "nope", VALUE));
    expect(missing.exitCode).toBe(4);
    expect(missing.message).toBe("rotate provider key nope: no provider key nope (see gw providers keys list)");

    pool.intercept({ path: "/provider-keys/k1", method: "GET" }).reply(200, wireKey("k1", "openai"));
    pool.intercept({ path: "/provider-keys/k1/rotate", method: "POST" }).reply(400, error(400, `value ${VALUE} is not a valid OpenAI key`, { value: VALUE }));
    const refused = await failure(rotation.rotate("openai", "k1", VALUE));
    expect(refused.exitCode).toBe(5);
    expect(refused.message).toMatch(/^rotate provider key k1: HTTP 400 Bad Request: value \S+ is not a valid OpenAI key/);
    expect(refused.message).not.toContain(VALUE);
  });

  it("remove: DELETE after the provider check; a 409 names what still refers to the key (exit 5)", async () => {
    const { keys, pool } = setup();
    pool.intercept({ path: "/provider-keys/k1", method: "GET" }).reply(200, wireKey("k1", "openai", { name: "prod" }));
    pool.intercept({ path: "/provider-keys/k1", method: "DELETE" }).reply(204, "");
    await expect(keys.remove("openai", "k1")).resolves.toBeUndefined();

    pool.intercept({ path: "/provider-keys/k1", method: "GET" }).reply(200, wireKey("k1", "openai", { name: "prod" }));
    pool.intercept({ path: "/provider-keys/k1", method: "DELETE" }).reply(409, error(409, "provider key k1 is in use", { accessKeyConfigurations: "aigac_1,aigac_2" }));
    const inUse = await failure(keys.remove("openai", "k1"));
    expect(inUse.exitCode).toBe(5);
    expect(inUse.message).toBe(
      "remove provider key k1 (prod): still in use (HTTP 409): referenced by access key configurations aigac_1, aigac_2. Detach it first: " +
        "take the key out of those access key configurations' routing rules (app.ngrok.ai, or the /access-key-configurations API), then remove it again",
    );

    pool.intercept({ path: "/provider-keys/k1", method: "GET" }).reply(200, wireKey("k1", "openai", { name: "prod" }));
    pool.intercept({ path: "/provider-keys/k1", method: "DELETE" }).reply(409, error(409, "still used by a routing rule"));
    expect((await failure(keys.remove("openai", "k1"))).message).toMatch(/still in use \(HTTP 409\): still used by a routing rule\. Detach it first/);
  });

  it("--dry-run: the reads go through, the write is printed with the value masked (both forms) and not sent", async () => {
    const { pool, http } = setup();
    const printed: string[] = [];
    const parts = createBackend(dryRunClient(http, (t) => printed.push(t), [KEY]));
    const quoted = 'sk-"quoted"-unit-test-value-000000002';
    pool.intercept({ path: "/provider-keys/k1", method: "GET" }).reply(200, wireKey("k1", "openai", { name: "prod" }));
    await expect(parts.providerKeyRotate!.rotate("openai", "k1", quoted)).rejects.toBeInstanceOf(DryRunStop);
    expect(printed.join("")).toMatch(/^POST https:\/\/api\.ngrok\.ai\/provider-keys\/k1\/rotate\n/);
    expect(printed.join("")).not.toContain(quoted);
    expect(printed.join("")).not.toContain(JSON.stringify(quoted).slice(1, -1));
  });
});

describe("valueSecrets", () => {
  it("is the value and its JSON-escaped form when they differ", () => {
    expect(valueSecrets("plain")).toEqual(["plain"]);
    expect(valueSecrets('a"b\\c')).toEqual(['a"b\\c', 'a\\"b\\\\c']);
    expect(valueSecrets("")).toEqual([]);
  });
});
