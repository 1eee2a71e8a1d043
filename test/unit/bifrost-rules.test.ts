import { MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { bifrostReads } from "../../src/backends/bifrost/reads.js";
import { parseFallback, toRoutingRule } from "../../src/backends/bifrost/rules-from-wire.js";
import { bifrostVirtualKeys } from "../../src/backends/bifrost/virtual-keys.js";
import { toVirtualKey } from "../../src/backends/bifrost/vk-from-wire.js";
import type { VirtualKey } from "../../src/domain/virtual-key.js";
import { AuthError } from "../../src/errors.js";
import { createHttpClient } from "../../src/http/client.js";

/**
 * Bifrost v2: routing rules moved to /api/routing/rules (the governance path stays as a deprecated alias, and is
 * the only one on v1.x); a rule's fallbacks may be objects; a key may allow every provider.
 */
const BASE = "http://127.0.0.1:4996";
let agent: MockAgent | undefined;

afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

const NEW = "/api/routing/rules";
const LEGACY = "/api/governance/routing-rules";
const notFound = { is_bifrost_error: false, status_code: 404, error: { message: "Route not found" } };
const rule = (id: string, over: Record<string, unknown> = {}) => ({
  id, name: id, cel_expression: "true", targets: [{ provider: "openai", weight: 1 }], fallbacks: ["anthropic/claude"], scope: "global", priority: 0, ...over,
});
const key = { id: "vk1", teamId: null, customerId: null } as VirtualKey;

function setup(release: string | null) {
  agent = new MockAgent();
  agent.disableNetConnect();
  const http = createHttpClient({ baseUrl: BASE, userAgent: "gw/test", timeoutMs: 1000, retries: 0, dispatcher: agent });
  const pool = agent.get(BASE);
  const seen: string[] = [];
  const reply = (path: string, status: number, body: unknown) =>
    pool.intercept({ path, method: "GET" }).reply(status, () => {
      seen.push(`GET ${path} ${status}`);
      return JSON.stringify(body);
    }, { headers: { "content-type": "application/json" } });
  if (release) reply("/api/version", 200, release);
  else reply("/api/version", 404, notFound);
  if (!release) reply("/api/providers", 200, { providers: [], total: 0 });
  const keys = bifrostVirtualKeys(http, bifrostReads(http));
  return { keys, reply, seen: () => seen.filter((l) => l.includes("rules")) };
}

describe("Bifrost routing rules: where they are read", () => {
  it("v2: reads /api/routing/rules, and only that", async () => {
    const t = setup("v2.5.0");
    t.reply(NEW, 200, { rules: [rule("r1")], count: 1 });
    expect((await t.keys.routingRules(key))!.map((r) => r.id)).toEqual(["r1"]);
    expect(t.seen()).toEqual([`GET ${NEW} 200`]);
  });

  it("v1.x by its release: the governance path, the only one there", async () => {
    const t = setup("v1.5.3");
    t.reply(LEGACY, 200, { rules: [rule("r1")], count: 1 });
    expect((await t.keys.routingRules(key))!.map((r) => r.id)).toEqual(["r1"]);
    expect(t.seen()).toEqual([`GET ${LEGACY} 200`]);
  });

  it("release unknown: the new path first, the governance path on 404; the path that answered is kept", async () => {
    const t = setup(null);
    t.reply(NEW, 404, notFound);
    t.reply(LEGACY, 200, { rules: [rule("r1")], count: 1 });
    t.reply(LEGACY, 200, { rules: [rule("r2")], count: 1 });
    expect((await t.keys.routingRules(key))!.map((r) => r.id)).toEqual(["r1"]);
    expect((await t.keys.routingRules(key))!.map((r) => r.id)).toEqual(["r2"]);
    expect(t.seen()).toEqual([`GET ${NEW} 404`, `GET ${LEGACY} 200`, `GET ${LEGACY} 200`]);
  });

  it("null when neither path exists (a server without the routing plugin)", async () => {
    const t = setup(null);
    t.reply(NEW, 404, notFound);
    t.reply(LEGACY, 404, notFound);
    expect(await t.keys.routingRules(key)).toBeNull();
  });

  it("other failures are not taken for a missing path: a 401 is an auth error", async () => {
    const t = setup("v2.5.0");
    t.reply(NEW, 401, { is_bifrost_error: false, status_code: 401, error: { message: "Unauthorized" } });
    await expect(t.keys.routingRules(key)).rejects.toBeInstanceOf(AuthError);
    expect(t.seen()).toEqual([`GET ${NEW} 401`]);
  });
});

describe("Bifrost routing rules: fallbacks", () => {
  it("accepts \"provider/model\" strings and {provider, model} objects, in order; drops what names nothing", () => {
    const [r] = toRoutingRule(
      rule("r", {
        fallbacks: ["openai/gpt-4o", { provider: "anthropic", model: "claude-3-5-haiku" }, { provider: "groq" }, { model: "gpt-4o-mini" }, {}, { provider: "", model: "" }, 7, "", null],
      }),
    );
    expect(r!.fallbacks).toEqual([
      { provider: "openai", model: "gpt-4o" },
      { provider: "anthropic", model: "claude-3-5-haiku" },
      { provider: "groq", model: null },
      { provider: null, model: "gpt-4o-mini" },
    ]);
  });

  it("an object's model is taken as it is (model ids may hold slashes); a string splits at the first slash", () => {
    expect(toRoutingRule(rule("r", { fallbacks: [{ provider: "openrouter", model: "meta-llama/llama-3" }] }))[0]!.fallbacks).toEqual([
      { provider: "openrouter", model: "meta-llama/llama-3" },
    ]);
    expect(parseFallback("openrouter/meta-llama/llama-3")).toEqual({ provider: "openrouter", model: "meta-llama/llama-3" });
  });

  it("the same rule read from either path maps to the same record", () => {
    const wire = rule("r", { fallbacks: ["anthropic/claude"] });
    const objects = rule("r", { fallbacks: [{ provider: "anthropic", model: "claude" }] });
    expect(toRoutingRule(objects)).toEqual(toRoutingRule(wire));
  });
});

describe("Bifrost virtual keys: allow_all_providers (v2.1+)", () => {
  const wire = (over: Record<string, unknown>) => ({ id: "vk", name: "k", value: "sk-bf-0000", is_active: true, provider_configs: [], ...over });

  it("true: every provider, whatever provider_configs lists (providersAllowed null = all)", () => {
    const k = toVirtualKey(wire({ allow_all_providers: true }), "t", "2");
    expect(k).toMatchObject({ allowAllProviders: true, providersAllowed: null, providerConfigs: [] });
  });

  it("absent (v1.x) or false: only the configured providers, [] = none", () => {
    expect(toVirtualKey(wire({}), "t", "1.5")).toMatchObject({ allowAllProviders: false, providersAllowed: [] });
    const k = toVirtualKey(wire({ allow_all_providers: false, provider_configs: [{ provider: "openai", weight: 1, allowed_models: ["*"] }] }), "t", "2");
    expect(k).toMatchObject({ allowAllProviders: false, providersAllowed: ["openai"] });
    expect(toVirtualKey(wire({ allow_all_providers: "yes" }), "t", "2").allowAllProviders).toBe(false);
  });
});
