import { MockAgent } from "undici";
import { describe, expect, it } from "vitest";
import { createBackend } from "../../src/backends/langwatch/adapter.js";
import { errorEnvelope, explainBindConflict, mapLangwatchError } from "../../src/backends/langwatch/errors.js";
import { bindingsFromListBody } from "../../src/backends/langwatch/from-wire.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { GwError } from "../../src/errors.js";
import { ApiError } from "../../src/http/api-error.js";
import type { HttpClient } from "../../src/http/client.js";
import { mockHttp } from "../helpers/mock-http.js";

/**
 * LangWatch's error bodies in both envelopes (under `error`, and at the root as newer servers send it), the
 * 500s that carry a client error, the bind conflict, and the action POSTs' bodies, through the adapter.
 */
const BASE = "https://langwatch.example";
const KEY = "sk-lw-errors-unit-0123456789abcdef";
const VK = "/api/gateway/v1/virtual-keys";
const PROVIDERS = "/api/gateway/v1/providers";
const mock = mockHttp(BASE, { headers: langwatch.authHeaders(KEY), secrets: [KEY] });

function setup() {
  const { http, pool } = mock.connect();
  return { http, parts: createBackend(http), pool };
}

async function failure(p: Promise<unknown>): Promise<GwError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(GwError);
    return err as GwError;
  }
  throw new Error("expected a failure");
}

const vkDto = (id = "vk_1") => ({ id, name: "ci", status: "active", routing_mode: "none", config: {} });
/** The first GET of a key write reads the era off the list (era b pages with next_cursor). */
const eraB = (pool: ReturnType<MockAgent["get"]>) =>
  pool.intercept({ path: `${VK}?limit=1`, method: "GET" }).reply(200, { data: [], next_cursor: null });
const eraA = (pool: ReturnType<MockAgent["get"]>) => pool.intercept({ path: `${VK}?limit=1`, method: "GET" }).reply(200, { data: [] });

const GONE_MESSAGE =
  "Gateway provider bindings folded into ModelProvider in iter 110. Use GET /api/gateway-platform/v1/model-providers or the Advanced (Gateway) tab in the dashboard.";
const nested = (type: string, code: string, message: string) => ({ error: { type, code, message } });
const root = (type: string, code: string, message: string, retryable = false) => ({ type, code, message, retryable });

describe("the error envelope, under `error` or at the root", () => {
  it("reads type, code and message from either, and the flat {error, message}", () => {
    expect(errorEnvelope(nested("gone", "x_gone", "moved"))).toEqual({ type: "gone", code: "x_gone", message: "moved" });
    expect(errorEnvelope(root("gone", "x_gone", "moved", true))).toEqual({ type: "gone", code: "x_gone", message: "moved" });
    expect(errorEnvelope({ error: "Forbidden", message: "API Key does not grant required permission" })).toEqual({
      message: "API Key does not grant required permission",
    });
    expect(errorEnvelope({ error: "Unauthorized" })).toEqual({ message: "Unauthorized" });
    expect(errorEnvelope("<html>")).toEqual({});
  });

  it.each([
    ["under error", nested("gone", "gateway_provider_bindings_gone", GONE_MESSAGE)],
    ["at the root", root("gone", "gateway_provider_bindings_gone", GONE_MESSAGE)],
  ])("410 gateway_provider_bindings_gone %s: the dashboard explanation, no forwarding path (exit 5)", async (_shape, body) => {
    const { parts, pool } = setup();
    pool.intercept({ path: PROVIDERS, method: "GET" }).reply(410, body);
    const err = await failure(parts.bindings!.list());
    expect(err.exitCode).toBe(5);
    expect(err.message).toBe(
      "list bindings: this LangWatch server (v3.4 or later) manages provider rate limits, fallback priority and settings in " +
        "its dashboard (Settings > Model Providers > Advanced (Gateway)), not through the provider-binding API gw providers " +
        "uses (LangWatch v3.2-v3.3); it answered 410 gateway_provider_bindings_gone",
    );
    expect(err.message).not.toMatch(/\/api\/|gateway-platform/);
  });

  it("a 410 on a /providers route without the code is the same explanation, and quotes no path either", async () => {
    const { parts, pool } = setup();
    pool.intercept({ path: `${PROVIDERS}/b1`, method: "PATCH" }).reply(410, { message: "PATCH via PATCH /api/gateway-platform/v1/model-providers/:id." });
    const err = await failure(parts.bindings!.update("b1", { rpm: 5 }));
    expect(err.exitCode).toBe(5);
    expect(err.message).toMatch(/^update binding b1: this LangWatch server \(v3\.4 or later\) manages .* it answered 410 Gone$/);
    expect(err.message).not.toMatch(/gateway-platform/);
  });

  it("a root envelope's code is named as a nested one's is: the same line for either shape", async () => {
    const messages: string[] = [];
    const { parts, pool } = setup();
    eraB(pool);
    for (const body of [
      nested("conflict", "idempotency_error", "Idempotency-Key was already used with a different request body"),
      root("conflict", "idempotency_error", "Idempotency-Key was already used with a different request body"),
    ]) {
      pool.intercept({ path: VK, method: "POST" }).reply(409, body);
      const err = await failure(parts.virtualKeyWrites!.create({ name: "ci", chain: [] }));
      expect(err.exitCode).toBe(5);
      messages.push(err.message);
    }
    expect(messages[0]).toBe(
      "create virtual key ci: HTTP 409 Conflict: Idempotency-Key was already used with a different request body (idempotency_error)",
    );
    expect(messages[1]).toBe(messages[0]);
  });

  it("a root envelope's 404 and 401 keep their exit codes (4, 3) and messages", async () => {
    const { parts, pool } = setup();
    pool.intercept({ path: `${VK}/vk_x`, method: "GET" }).reply(404, root("not_found", "virtual_key_not_found", "virtual key not found"));
    pool.intercept({ path: `${VK}/vk_y`, method: "GET" }).reply(401, root("unauthenticated", "invalid_credentials", "Invalid credentials"));
    const notFound = await failure(parts.virtualKeys!.get("vk_x"));
    expect(notFound.exitCode).toBe(4);
    expect(notFound.message).toBe("get virtual key vk_x: HTTP 404 Not Found: virtual key not found (virtual_key_not_found)");
    const auth = await failure(parts.virtualKeys!.get("vk_y"));
    expect(auth.exitCode).toBe(3);
    expect(auth.message).toMatch(/^get virtual key vk_y: HTTP 401 Unauthorized: Invalid credentials \(invalid_credentials\)/);
  });

  it("500 NOT_FOUND (NOT_FOUND) [TRPCError] is still not found (exit 4), in either shape", async () => {
    const { parts, pool } = setup();
    for (const body of [
      { error: "Internal server error", message: "NOT_FOUND (NOT_FOUND) [TRPCError]" },
      root("internal_error", "internal_error", "NOT_FOUND (NOT_FOUND) [TRPCError]"),
    ]) {
      pool.intercept({ path: `${PROVIDERS}/nope`, method: "DELETE" }).reply(500, body);
      const err = await failure(parts.bindingDisable!.disable("nope"));
      expect(err.exitCode).toBe(4);
      expect(err.message).toBe("disable binding nope: binding not found");
    }
  });
});

describe("a 500 that carries a client error is a rejection (exit 5), not an unknown outcome", () => {
  const trpc500 = (message: string) => ({ error: "Internal server error", message });

  it("TRPCError BAD_REQUEST on a key create: exit 5 with the server's reason", async () => {
    const { parts, pool } = setup();
    eraA(pool);
    pool
      .intercept({ path: VK, method: "POST" })
      .reply(500, trpc500("One or more provider credentials do not belong to this project or are disabled (BAD_REQUEST) [TRPCError]"));
    const err = await failure(parts.virtualKeyWrites!.create({ name: "ci", chain: ["b_disabled"] }));
    expect(err.exitCode).toBe(5);
    expect(err.message).toBe(
      "create virtual key ci: refused by the server: One or more provider credentials do not belong to this project or are disabled (HTTP 500 BAD_REQUEST)",
    );
  });

  it.each([
    ["a bare BAD_REQUEST", "BAD_REQUEST (BAD_REQUEST) [TRPCError]", "bind provider mp_1: refused by the server (HTTP 500 BAD_REQUEST)"],
    [
      "a disabled model provider",
      "ModelProvider is disabled. Enable it in Settings → Model Providers first. (BAD_REQUEST) [TRPCError]",
      "bind provider mp_1: refused by the server: ModelProvider is disabled. Enable it in Settings → Model Providers first. (HTTP 500 BAD_REQUEST)",
    ],
    ["a CONFLICT", "Slot already taken (CONFLICT) [TRPCError]", "bind provider mp_1: refused by the server: Slot already taken (HTTP 500 CONFLICT)"],
    [
      "a Prisma validation error",
      "Invalid value for argument `rateLimitRpm`: Expected Int or Null [PrismaClientValidationError]",
      "bind provider mp_1: refused by the server: Invalid value for argument `rateLimitRpm`: Expected Int or Null (HTTP 500 validation error)",
    ],
    [
      "a zod issue list",
      '[{"code": "invalid_type", "expected": "number", "received": "string", "path": ["rate_limit_rpm"], "message": "Expected number"}] [ZodError]',
      'bind provider mp_1: refused by the server: [{"code": "invalid_type", "expected": "number", "received": "string", "path": ["rate_limit_rpm"], "message": "Expected number"}] (HTTP 500 validation error)',
    ],
  ])("%s on a bind", async (_case, message, expected) => {
    const { parts, pool } = setup();
    pool.intercept({ path: PROVIDERS, method: "POST" }).reply(500, trpc500(message));
    const err = await failure(parts.bindings!.bind({ providerId: "mp_1" }));
    expect(err.exitCode).toBe(5);
    expect(err.message).toBe(expected);
    expect(err.message).not.toMatch(/may or may not/);
  });

  it("a client-error code in a root envelope's 500 is read too", async () => {
    const { parts, pool } = setup();
    pool.intercept({ path: `${VK}/vk_1/rotate`, method: "POST" }).reply(500, root("bad_request", "bad_request", "Cannot rotate a revoked virtual key"));
    const err = await failure(parts.virtualKeyRotate!.rotate("vk_1"));
    expect(err.exitCode).toBe(5);
    expect(err.message).toBe("rotate virtual key vk_1: refused by the server: Cannot rotate a revoked virtual key (HTTP 500 bad_request)");
  });

  it("a plain 500 on a write is still an unknown outcome (exit 6); on a read, exit 6 without that", async () => {
    const { parts, pool } = setup();
    pool.intercept({ path: `${PROVIDERS}/b1`, method: "PATCH" }).reply(500, { error: "Internal server error", message: "db down" });
    pool.intercept({ path: PROVIDERS, method: "GET" }).reply(500, root("internal_error", "internal_error", "An unknown error occurred"));
    const write = await failure(parts.bindings!.update("b1", { rpm: 5 }));
    expect(write.exitCode).toBe(6);
    expect(write.message).toBe(
      "update binding b1: HTTP 500 Internal Server Error: Internal server error: db down; the change may or may not have been applied, check before retrying",
    );
    const read = await failure(parts.bindings!.list());
    expect(read.exitCode).toBe(6);
    expect(read.message).toBe("list bindings: HTTP 500 Internal Server Error: An unknown error occurred (internal_error)");
  });

  it("prose that merely mentions a conflict is not taken for a tRPC code", async () => {
    const { parts, pool } = setup();
    pool.intercept({ path: PROVIDERS, method: "POST" }).reply(500, trpc500("deadlock: conflict with another transaction [PrismaClientKnownRequestError]"));
    expect((await failure(parts.bindings!.bind({ providerId: "mp_1" }))).exitCode).toBe(6);
  });
});

describe("409 of the binding's unique key (project, model provider, slot)", () => {
  const conflict = { error: "Conflict", message: "Unique constraint violated on (projectId, modelProviderId, slot)" };
  const row = (id: string, provider: string, providerId: string, slot: string) => ({
    id, model_provider_id: providerId, model_provider_name: provider, slot, rate_limit_rpm: null, rate_limit_tpm: null,
    rate_limit_rpd: null, rotation_policy: "manual", fallback_priority_global: null, health_status: "healthy", disabled_at: null,
    created_at: "2026-05-01T10:00:00.000Z",
  });
  const list = (http: HttpClient) => async () => bindingsFromListBody((await http.request("GET", PROVIDERS)).body, "list bindings");

  it("a bind through the adapter says the slot is taken and both ways out (exit 5)", async () => {
    const { parts, pool } = setup();
    pool.intercept({ path: PROVIDERS, method: "POST" }).reply(409, conflict);
    pool.intercept({ path: PROVIDERS, method: "GET" }).reply(200, { data: [row("bnd_p", "openai", "mp_openai", "primary")] });
    const err = await failure(parts.bindings!.bind({ providerId: "mp_openai" }));
    expect(err.exitCode).toBe(5);
    expect(err.message).toMatch(/^bind provider mp_openai: .*already bound in .*slot.* \(.*HTTP 409\); change .*`gw providers update .*` .*or bind another slot with --slot$/);
  });

  it("without the bind input (the mapper alone): what the 409 tells", () => {
    const err = new ApiError({
      message: "HTTP 409", status: 409, category: "http", method: "POST", url: `${BASE}${PROVIDERS}`, body: conflict,
      serverMessage: "Conflict: Unique constraint violated on (projectId, modelProviderId, slot)",
    });
    const mapped = mapLangwatchError(err, "bind provider mp_openai") as GwError;
    expect(mapped.exitCode).toBe(5);
    expect(mapped.message).toBe(
      "bind provider mp_openai: this model provider is already bound in that slot (HTTP 409); change that binding with " +
        "`gw providers update <id>` (gw providers list shows it) or bind another slot with --slot",
    );
  });

  it("with the bind input: names the provider, the slot and the binding that holds it", async () => {
    const { http, pool } = setup();
    pool.intercept({ path: PROVIDERS, method: "POST" }).reply(409, conflict);
    pool.intercept({ path: PROVIDERS, method: "GET" }).reply(200, {
      data: [row("bnd_fb", "openai", "mp_openai", "fallback-1"), row("bnd_p", "openai", "mp_openai", "primary"), row("bnd_a", "anthropic", "mp_a", "primary")],
    });
    const what = "bind provider mp_openai";
    const input = { providerId: "mp_openai" };
    const err = await explainBindConflict(await http.request("POST", PROVIDERS, { body: {} }).catch((e: unknown) => e), what, input, list(http));
    expect(err).toBeInstanceOf(GwError);
    expect((err as GwError).exitCode).toBe(5);
    expect((err as GwError).message).toBe(
      "bind provider mp_openai: provider openai is already bound in slot primary (binding bnd_p, HTTP 409); " +
        "change it with `gw providers update bnd_p` or bind another slot with --slot",
    );
  });

  it("when the list cannot be read, says what it knows", async () => {
    const { http, pool } = setup();
    pool.intercept({ path: PROVIDERS, method: "POST" }).reply(409, conflict);
    pool.intercept({ path: PROVIDERS, method: "GET" }).reply(503, { error: "Service Unavailable" });
    const err = await explainBindConflict(
      await http.request("POST", PROVIDERS, { body: {} }).catch((e: unknown) => e),
      "bind provider mp_openai",
      { providerId: "mp_openai", slot: "fallback-1" },
      list(http),
    );
    expect((err as GwError).message).toBe(
      "bind provider mp_openai: provider mp_openai is already bound in slot fallback-1 (HTTP 409); " +
        "change it with `gw providers update <id>` (gw providers list shows it) or bind another slot with --slot",
    );
  });

  it("any other error of a bind is mapped as usual", async () => {
    const { http, pool } = setup();
    pool.intercept({ path: PROVIDERS, method: "POST" }).reply(404, { error: "ModelProvider not found for this project", message: "ModelProvider not found for this project" });
    const err = await explainBindConflict(await http.request("POST", PROVIDERS, { body: {} }).catch((e: unknown) => e), "bind provider mp_x", { providerId: "mp_x" }, async () => []);
    expect((err as GwError).exitCode).toBe(4);
  });

  it("a slot change that collides (PATCH): pick another --slot", async () => {
    const { parts, pool } = setup();
    pool.intercept({ path: `${PROVIDERS}/b1`, method: "PATCH" }).reply(409, conflict);
    const err = await failure(parts.bindings!.update("b1", { slot: "primary" }));
    expect(err.exitCode).toBe(5);
    expect(err.message).toBe("update binding b1: another binding of the same model provider already uses that slot (HTTP 409); pick another --slot");
  });
});

describe("virtual-key writes on the wire", () => {
  it("rotate, revoke, enable and disable POST `{}` as JSON", async () => {
    const { parts, pool } = setup();
    eraB(pool);
    const seen: Record<string, { body: string; type: string }> = {};
    for (const action of ["rotate", "revoke", "enable", "disable"]) {
      pool.intercept({ path: `${VK}/vk_1/${action}`, method: "POST" }).reply(200, (opts) => {
        seen[action] = { body: String(opts.body), type: (opts.headers as Record<string, string>)["content-type"] ?? "" };
        return action === "rotate" ? { virtual_key: vkDto(), secret: "vk-lw-new" } : { virtual_key: vkDto() };
      });
    }
    await parts.virtualKeyRotate!.rotate("vk_1");
    await parts.virtualKeyRevoke!.revoke("vk_1");
    await parts.virtualKeyStatus!.enable("vk_1");
    await parts.virtualKeyStatus!.disable("vk_1");
    for (const action of ["rotate", "revoke", "enable", "disable"]) {
      expect(seen[action], action).toEqual({ body: "{}", type: "application/json" });
    }
  });

  it("a create answered without a secret succeeds with an empty secret", async () => {
    const { parts, pool } = setup();
    eraB(pool);
    pool.intercept({ path: VK, method: "POST" }).reply(201, { virtual_key: vkDto("vk_new"), reveal_once: true });
    const issued = await parts.virtualKeyWrites!.create({ name: "ci", chain: [] });
    expect(issued.key.id).toBe("vk_new");
    expect(issued.secret).toBe("");
  });

  it("a rotate answered with a secret that is not a string: no secret, the key still comes back", async () => {
    const { parts, pool } = setup();
    pool.intercept({ path: `${VK}/vk_1/rotate`, method: "POST" }).reply(200, { virtual_key: vkDto(), secret: null });
    const issued = await parts.virtualKeyRotate!.rotate("vk_1");
    expect(issued).toMatchObject({ key: { id: "vk_1" }, secret: "" });
  });
});
