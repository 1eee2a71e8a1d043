import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BackendInit } from "../../src/sandbox/backend.js";
import { createBifrostSandbox } from "../../src/sandbox/bifrost/index.js";
import { startEmulator } from "../helpers/emulators.js";
import { bifrost, errorBody, KEY } from "./bifrost-helpers.js";

/**
 * `gw sandbox --backend bifrost --bifrost-version 2`: /api/version on every generation; on v2 routing rules at
 * /api/routing/rules (the governance path an alias), allow_all_providers and rotation on virtual keys.
 */
const VK = "/api/governance/virtual-keys";
const NEW = "/api/routing/rules";
const LEGACY = "/api/governance/routing-rules";
type Version = "1.4" | "1.5" | "2";

const contract = (version: Version) =>
  createBifrostSandbox({ apiKey: KEY, seed: "empty", langwatchEra: "a", bifrostVersion: version, bifrostAuth: "bearer", transitionMs: 0 } as BackendInit).contract!;
const conforms = (version: Version, method: string, route: string, r: { status: number; body: unknown }) =>
  expect(contract(version).checkResponse(method, route, r.status, r.body), `${method} ${route} ${r.status}`).toBeUndefined();

describe("Bifrost sandbox: GET /api/version", () => {
  it.each([["1.4", "v1.4.9"], ["1.5", "v1.5.3"], ["2", "v2.5.0"]] as const)("v%s answers %s, without auth (it is public)", async (version, release) => {
    const api = await bifrost({ bifrostVersion: version });
    const open = await api.get("/api/version", {});
    expect(open).toEqual({ status: 200, body: release });
    expect(await api.get("/api/version")).toEqual(open);
    conforms(version, "GET", "/api/version", open);
  });

  it("/api/config carries no version field on any generation (the release is at /api/version)", async () => {
    for (const version of ["1.4", "1.5", "2"] as const) {
      const r = await (await bifrost({ bifrostVersion: version })).get("/api/config");
      expect(r.status).toBe(200);
      expect(r.body, `v${version}`).not.toHaveProperty("version");
      conforms(version, "GET", "/api/config", r);
    }
  });
});

describe("Bifrost sandbox: routing rules at /api/routing/rules", () => {
  it("v2 serves the same rules on both paths, in the documented shape", async () => {
    const api = await bifrost({ bifrostVersion: "2" });
    const fresh = await api.get(NEW);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual((await api.get(LEGACY)).body);
    expect(fresh.body.rules.map((r: { name: string }) => r.name)).toEqual(["prod-gpt4o-split", "prod-free-tier", "data-team-batch", "global-default"]);
    conforms("2", "GET", NEW, fresh);
    expect((await api.get(`${NEW}?scope=team&scope_id=team-data`)).body.count).toBe(1);
  });

  it("v2: a rule written on one path is read, changed and deleted on the other", async () => {
    const api = await bifrost({ bifrostVersion: "2" });
    const created = await api.post(NEW, { name: "new-path", cel_expression: "true", targets: [{ provider: "openai", weight: 1 }], fallbacks: ["anthropic/claude"] });
    expect(created.status).toBe(200);
    conforms("2", "POST", NEW, created);
    const id = created.body.rule.id;
    const old = await api.get(`${LEGACY}/${id}`);
    expect(old.body.rule).toMatchObject({ name: "new-path", fallbacks: ["anthropic/claude"] });
    const one = await api.get(`${NEW}/${id}`);
    conforms("2", "GET", `${NEW}/:rule_id`, one);
    const updated = await api.put(`${NEW}/${id}`, { priority: 7, fallbacks: ["groq/llama"] });
    expect(updated.body.rule).toMatchObject({ priority: 7, fallbacks: ["groq/llama"] });
    conforms("2", "PUT", `${NEW}/:rule_id`, updated);
    expect((await api.get(`${LEGACY}/${id}`)).body.rule.priority).toBe(7);
    const legacyCreated = await api.post(LEGACY, { name: "old-path", cel_expression: "true", targets: [{ provider: "openai", weight: 1 }] });
    expect((await api.get(`${NEW}/${legacyCreated.body.rule.id}`)).status).toBe(200);
    const deleted = await api.del(`${NEW}/${id}`);
    expect(deleted).toEqual({ status: 200, body: { message: "Routing rule deleted successfully" } });
    conforms("2", "DELETE", `${NEW}/:rule_id`, deleted);
    expect(await api.get(`${LEGACY}/${id}`)).toEqual({ status: 404, body: errorBody(404, `Routing rule not found: ${id}`) });
    expect(api.violations()).toEqual([]);
  });

  it("v2 refuses object fallbacks on write, as the contract does (strings only)", async () => {
    const api = await bifrost({ bifrostVersion: "2" });
    const r = await api.post(NEW, { name: "x", cel_expression: "true", targets: [{ provider: "openai", weight: 1 }], fallbacks: [{ provider: "anthropic", model: "claude" }] });
    expect(r.status).toBe(400);
  });

  it.each(["1.4", "1.5"] as const)("v%s has only the governance path: the new one is not found", async (version) => {
    const api = await bifrost({ bifrostVersion: version });
    expect(await api.get(NEW)).toEqual({ status: 404, body: errorBody(404, `Route not found: GET ${NEW}`) });
    expect((await api.post(NEW, { name: "x", cel_expression: "true", targets: [{ provider: "openai", weight: 1 }] })).status).toBe(404);
    expect((await api.get(LEGACY)).body.count).toBe(4);
  });
});

describe("Bifrost sandbox: allow_all_providers (v2.1+)", () => {
  it("v2 seeds a key that may use every provider, with no provider config; the others say false", async () => {
    const api = await bifrost({ bifrostVersion: "2" });
    const list = await api.get(VK);
    conforms("2", "GET", VK, list);
    const keys = list.body.virtual_keys as { name: string; allow_all_providers: boolean; provider_configs: unknown[]; rotated_at: unknown }[];
    expect(keys.map((k) => [k.name, k.allow_all_providers])).toEqual([
      ["prod-chat", false], ["batch-jobs", false], ["support-bot", false], ["legacy-app", false], ["platform-admin", true],
    ]);
    const admin = keys.find((k) => k.name === "platform-admin")!;
    expect(admin.provider_configs).toEqual([]);
    expect(admin.rotated_at).toBeNull();
  });

  it("v2 stores it on create and update", async () => {
    const api = await bifrost({ bifrostVersion: "2" });
    const created = await api.post(VK, { name: "all", allow_all_providers: true });
    expect(created.body.virtual_key).toMatchObject({ allow_all_providers: true, provider_configs: [], rotated_at: null, previous_value_expires_at: null });
    conforms("2", "POST", VK, created);
    const id = created.body.virtual_key.id;
    const off = await api.put(`${VK}/${id}`, { allow_all_providers: false });
    expect(off.body.virtual_key.allow_all_providers).toBe(false);
    expect((await api.get(`${VK}/${id}`)).body.virtual_key.allow_all_providers).toBe(false);
    expect((await api.post(VK, { name: "default" })).body.virtual_key.allow_all_providers).toBe(false);
  });

  it.each(["1.4", "1.5"] as const)("v%s has no such field: absent on read, ignored on write", async (version) => {
    const api = await bifrost({ bifrostVersion: version });
    const created = await api.post(VK, { name: "all", allow_all_providers: true });
    expect(created.status).toBe(200);
    for (const field of ["allow_all_providers", "rotated_at", "previous_value_expires_at"]) expect(created.body.virtual_key).not.toHaveProperty(field);
    const listed = (await api.get(VK)).body.virtual_keys as Record<string, unknown>[];
    expect(listed.some((k) => "allow_all_providers" in k)).toBe(false);
  });
});

describe("Bifrost sandbox: POST /api/governance/virtual-keys/{vk_id}/rotate (v2)", () => {
  it("issues a new sk-bf- value; the old one stays valid until previous_value_expires_at, and is never shown", async () => {
    const api = await bifrost({ bifrostVersion: "2" });
    const before = (await api.get(VK)).body.virtual_keys[0];
    const started = Date.now();
    const r = await api.call("POST", `${VK}/${before.id}/rotate`);
    expect(r.status).toBe(200);
    conforms("2", "POST", `${VK}/:vk_id/rotate`, r);
    expect(r.body.message).toBe("Virtual key rotated successfully");
    const after = r.body.virtual_key;
    expect(after.id).toBe(before.id);
    expect(after.value).toMatch(/^sk-bf-[0-9a-f-]{36}$/);
    expect(after.value).not.toBe(before.value);
    expect(Date.parse(after.rotated_at)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(after.previous_value_expires_at) - Date.parse(after.rotated_at)).toBe(60 * 60 * 1000);
    const read = (await api.get(`${VK}/${before.id}`)).body.virtual_key;
    expect(read.value).toBe(after.value);
    expect(JSON.stringify((await api.get(VK)).body)).not.toContain(before.value);
    expect(api.violations()).toEqual([]);
  });

  it("404 for an unknown key; on v1.x the route does not exist", async () => {
    const api = await bifrost({ bifrostVersion: "2" });
    const missing = await api.call("POST", `${VK}/nope/rotate`);
    expect(missing).toEqual({ status: 404, body: errorBody(404, "Virtual key not found: nope") });
    conforms("2", "POST", `${VK}/:vk_id/rotate`, missing);
    for (const version of ["1.4", "1.5"] as const) {
      const old = await bifrost({ bifrostVersion: version });
      const id = (await old.get(VK)).body.virtual_keys[0].id;
      expect((await old.call("POST", `${VK}/${id}/rotate`)).status, `v${version}`).toBe(404);
    }
  });
});

describe("Bifrost sandbox v2: state files", () => {
  it("saves allow_all_providers and rotation, loads them back, and still loads files written before them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gw-bifrost-v2-"));
    const file = join(dir, "state.json");
    const api = await bifrost({ bifrostVersion: "2", stateFile: file });
    const id = (await api.post(VK, { name: "all", allow_all_providers: true })).body.virtual_key.id;
    const rotated = (await api.call("POST", `${VK}/${id}/rotate`)).body.virtual_key;
    await api.sb.close();
    const again = await bifrost({ bifrostVersion: "2", stateFile: file });
    expect((await again.get(`${VK}/${id}`)).body.virtual_key).toMatchObject({ allow_all_providers: true, value: rotated.value, rotated_at: rotated.rotated_at });
    await again.sb.close();
    await expect(startEmulator({ backend: "bifrost", apiKey: KEY, stateFile: file, bifrostVersion: "1.5" })).rejects.toThrow(/v2 sandbox, but v1.5 was asked for/);

    // A v2 file whose key rows predate the new fields (as a v1.5 row looks): the fields read as their defaults.
    const doc = JSON.parse(readFileSync(file, "utf8"));
    for (const row of doc.state.virtualKeys) {
      delete row.allow_all_providers;
      delete row.rotated_at;
      delete row.previous_value_expires_at;
      delete row.previous_value;
    }
    const old = join(dir, "old.json");
    writeFileSync(old, JSON.stringify(doc));
    const loaded = await bifrost({ bifrostVersion: "2", stateFile: old });
    expect((await loaded.get(`${VK}/${id}`)).body.virtual_key).toMatchObject({ allow_all_providers: false, rotated_at: null, previous_value_expires_at: null });
  });
});
