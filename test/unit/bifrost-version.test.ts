import { MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { bifrostReads } from "../../src/backends/bifrost/reads.js";
import { generationFromProvider, generationOf, versionFromBody } from "../../src/backends/bifrost/version.js";
import { AuthError } from "../../src/errors.js";
import { createHttpClient } from "../../src/http/client.js";

/**
 * Which Bifrost gw talks to: GET /api/version (public, a JSON string, research §2.10) first; without it, the
 * shape of a provider body (v1.4 carries its keys). GET /api/config has no version field and is not read.
 */
const BASE = "http://127.0.0.1:4997";
let agent: MockAgent | undefined;

afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

function setup() {
  agent = new MockAgent();
  agent.disableNetConnect();
  const http = createHttpClient({ baseUrl: BASE, userAgent: "gw/test", timeoutMs: 1000, retries: 0, dispatcher: agent });
  const pool = agent.get(BASE);
  const seen: string[] = [];
  const reply = (path: string, status: number, body: unknown, raw = false) =>
    pool.intercept({ path, method: "GET" }).reply(status, () => {
      seen.push(`GET ${path}`);
      return raw ? String(body) : JSON.stringify(body);
    }, { headers: { "content-type": raw ? "text/plain" : "application/json" } });
  return { reads: bifrostReads(http), reply, seen, pending: () => agent!.pendingInterceptors() };
}

const notFound = { is_bifrost_error: false, status_code: 404, error: { message: "Route not found" } };

describe("Bifrost generations", () => {
  it("maps a release to the generation whose behaviour gw follows", () => {
    expect(generationOf("v1.3.2")).toBe("1.4");
    expect(generationOf("v1.4.9")).toBe("1.4");
    expect(generationOf("1.5.0-prerelease1")).toBe("1.5");
    expect(generationOf("v1.5.3")).toBe("1.5");
    expect(generationOf("v2.0.1")).toBe("2");
    expect(generationOf("v2.5.0")).toBe("2");
    expect(generationOf("v3.0.0")).toBe("2"); // the newest behaviour gw knows
    expect(generationOf("latest")).toBeUndefined();
  });

  it("reads /api/version's body: a JSON string (or plain text) that looks like a release, nothing else", () => {
    expect(versionFromBody("v2.5.0")).toBe("v2.5.0");
    expect(versionFromBody(" 1.5.2\n")).toBe("1.5.2");
    expect(versionFromBody("v1.5.0-prerelease1")).toBe("v1.5.0-prerelease1");
    expect(versionFromBody({ version: "v1.4.9" })).toBe("v1.4.9");
    expect(versionFromBody("<!doctype html><html>v1.0 dashboard</html>")).toBeUndefined();
    expect(versionFromBody("")).toBeUndefined();
    expect(versionFromBody(15)).toBeUndefined();
    expect(versionFromBody(null)).toBeUndefined();
  });

  it("tells v1.4 from v1.5 by a provider's shape when no release can be read", () => {
    expect(generationFromProvider({ name: "x", keys: [] })).toBe("1.4");
    expect(generationFromProvider({ name: "x" })).toBe("1.5");
  });
});

describe("Bifrost version detection", () => {
  it("asks /api/version once and keeps the release and generation (for gw status)", async () => {
    const t = setup();
    t.reply("/api/version", 200, "v2.5.0");
    expect(await t.reads.version("t")).toEqual({ release: "v2.5.0", generation: "2" });
    expect(await t.reads.generation("t")).toBe("2");
    expect(await t.reads.version("t")).toEqual({ release: "v2.5.0", generation: "2" });
    expect(t.seen).toEqual(["GET /api/version"]);
  });

  it.each([["v1.4.9", "1.4"], ["v1.5.3", "1.5"]] as const)("keeps v1.4 and v1.5 as they were: %s is generation %s", async (release, generation) => {
    const t = setup();
    t.reply("/api/version", 200, release);
    expect(await t.reads.version("t")).toEqual({ release, generation });
  });

  it("takes a plain-text release too", async () => {
    const t = setup();
    t.reply("/api/version", 200, "v1.5.2", true);
    expect(await t.reads.version("t")).toEqual({ release: "v1.5.2", generation: "1.5" });
  });

  it("without /api/version (404), falls back to the shape: a provider that carries keys is v1.4", async () => {
    const t = setup();
    t.reply("/api/version", 404, notFound);
    t.reply("/api/providers", 200, { providers: [{ name: "openai", keys: [] }], total: 1 });
    expect(await t.reads.version("t")).toEqual({ release: null, generation: "1.4" });
    expect(t.seen).toEqual(["GET /api/version", "GET /api/providers"]);
  });

  it("falls back to the sample provider it is given, without listing; no keys there = v1.5", async () => {
    const t = setup();
    t.reply("/api/version", 500, { error: { message: "boom" } });
    expect(await t.reads.generation("t", { name: "openai" })).toBe("1.5");
    expect(await t.reads.version("t")).toEqual({ release: null, generation: "1.5" });
    expect(t.seen).toEqual(["GET /api/version"]);
  });

  it("assumes the current behaviour (v1.5) on a server with no provider to look at", async () => {
    const t = setup();
    t.reply("/api/version", 200, "<html>dashboard</html>", true);
    t.reply("/api/providers", 200, { providers: [], total: 0 });
    expect(await t.reads.version("t")).toEqual({ release: null, generation: "1.5" });
  });

  it("never reads /api/config (it has no version field)", async () => {
    const t = setup();
    t.reply("/api/version", 404, notFound);
    t.reply("/api/providers", 200, { providers: [{ name: "openai" }], total: 1 });
    await t.reads.version("t");
    expect(t.seen.some((l) => l.includes("/api/config"))).toBe(false);
  });

  it("a refused key on /api/version is an auth error (exit 3), named after the operation", async () => {
    const t = setup();
    t.reply("/api/version", 401, { is_bifrost_error: false, status_code: 401, error: { message: "Unauthorized" } });
    const err = await t.reads.version("list virtual keys").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).message).toMatch(/^list virtual keys: HTTP 401: Unauthorized/);
  });
});
