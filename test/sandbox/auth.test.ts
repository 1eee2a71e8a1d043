import { describe, expect, it } from "vitest";
import { KEY, PROVIDERS, sandbox, VKS } from "./helpers.js";

const basic = (user: string) => `Basic ${Buffer.from(user).toString("base64")}`;
const REQUIRED =
  "Authentication required. Use Authorization: Basic base64(projectId:token), Authorization: Bearer <token>, or X-Auth-Token header.";

describe("auth, era A (research §1.2)", () => {
  it("accepts the three header forms", async () => {
    const api = await sandbox();
    expect(api.sb.projectId).toBe("proj_sandbox");
    const forms: Record<string, string>[] = [
      { Authorization: basic(`proj_sandbox:${KEY}`) },
      { Authorization: `Bearer ${KEY}` },
      { Authorization: `Bearer ${KEY}`, "X-Project-Id": "proj_sandbox" },
      { "X-Auth-Token": KEY },
    ];
    for (const headers of forms) {
      expect((await api.get(PROVIDERS, headers)).status, JSON.stringify(Object.keys(headers))).toBe(200);
    }
  });

  it("answers 401 'Authentication required' without any credential", async () => {
    const api = await sandbox();
    const r = await api.get(PROVIDERS, {});
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: "Unauthorized", message: REQUIRED });
  });

  it("answers 401 'Invalid credentials' for a wrong token in any form", async () => {
    const api = await sandbox();
    const wrong: Record<string, string>[] = [
      { "X-Auth-Token": "sk-lw-wrong" },
      { Authorization: "Bearer sk-lw-wrong" },
      { Authorization: basic("proj_sandbox:sk-lw-wrong") },
      { Authorization: basic(`proj_other:${KEY}`) },
      { Authorization: `Bearer ${KEY}`, "X-Project-Id": "proj_other" },
    ];
    for (const headers of wrong) {
      const r = await api.get(VKS, headers);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: "Unauthorized", message: "Invalid credentials" });
    }
  });

  it("prefers Basic over X-Auth-Token: a valid Basic wins over a bad X-Auth-Token, a bad Basic loses", async () => {
    const api = await sandbox();
    expect((await api.get(PROVIDERS, { Authorization: basic(`proj_sandbox:${KEY}`), "X-Auth-Token": "nope" })).status).toBe(200);
    expect((await api.get(PROVIDERS, { Authorization: basic("proj_sandbox:nope"), "X-Auth-Token": KEY })).status).toBe(401);
  });

  it("falls through to X-Auth-Token on a malformed Basic or an empty Bearer", async () => {
    const api = await sandbox();
    expect((await api.get(PROVIDERS, { Authorization: "Basic !!!not-base64-pair", "X-Auth-Token": KEY })).status).toBe(200);
    expect((await api.get(PROVIDERS, { Authorization: "Bearer ", "X-Auth-Token": KEY })).status).toBe(200);
    const r = await api.get(PROVIDERS, { Authorization: "Bearer " });
    expect(r.body.message).toBe(REQUIRED);
  });

  it("checks auth before routing: an unknown path without a key is 401, with a key 404", async () => {
    const api = await sandbox();
    expect((await api.get("/api/gateway/v1/nope", {})).status).toBe(401);
    const r = await api.get("/api/gateway/v1/nope");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error: "Not Found" });
    expect(typeof r.body.error).toBe("string");
  });

  it("generates an sk-lw- key when none is given", async () => {
    const { startEmulator } = await import("../helpers/emulators.js");
    const sb = await startEmulator({ backend: "langwatch" });
    try {
      expect(sb.generatedKey).toBe(true);
      expect(sb.apiKey).toMatch(/^sk-lw-[A-Za-z0-9_-]{32}$/);
      const r = await fetch(`${sb.url}${PROVIDERS}`, { headers: { "X-Auth-Token": sb.apiKey } });
      expect(r.status).toBe(200);
    } finally {
      await sb.close();
    }
  });
});

describe("a generated key has its control plane's form", () => {
  it.each([
    ["bifrost", /^[A-Za-z0-9_-]{43}$/],
    ["ngrok", /^2[A-Za-z0-9]{26}_[A-Za-z0-9]{32}$/],
    ["coreweave", /^CW-SECRET-[A-Za-z0-9]{32}$/],
  ] as const)("%s", async (backend, form) => {
    const { startEmulator } = await import("../helpers/emulators.js");
    const sb = await startEmulator({ backend, ...(backend === "bifrost" ? { bifrostAuth: "bearer" as const } : {}) });
    try {
      expect(sb.generatedKey).toBe(true);
      expect(sb.apiKey).toMatch(form);
      expect(sb.apiKey).not.toMatch(/^sk-lw-/);
    } finally {
      await sb.close();
    }
  });
});

describe("auth, era B (canonical envelope)", () => {
  it("answers missing_credentials and invalid_credentials", async () => {
    const api = await sandbox({ langwatchEra: "b" });
    const missing = await api.get(VKS, {});
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: { type: "unauthenticated", code: "missing_credentials", message: REQUIRED } });
    const invalid = await api.get(VKS, { Authorization: "Bearer sk-lw-wrong" });
    expect(invalid.body).toEqual({ error: { type: "unauthenticated", code: "invalid_credentials", message: "Invalid credentials" } });
    expect((await api.get(VKS, { Authorization: basic(`proj_sandbox:${KEY}`) })).status).toBe(200);
  });

  it("serves the OpenAPI document without auth, listing the emulated paths", async () => {
    const api = await sandbox({ langwatchEra: "b" });
    const r = await api.get("/api/gateway/v1/openapi.json", {});
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(["/api/gateway/v1/virtual-keys/{id}/disable", "/api/gateway/v1/providers"]));
  });
});
