import { describe, expect, it } from "vitest";
import { bifrostRig } from "./bifrost-helpers.js";

describe("Bifrost auth modes", () => {
  it("none: no key at all, from the environment or a stored profile", async () => {
    const rig = await bifrostRig([], "none");
    try {
      expect((await rig.gw(["providers", "list"])).exitCode).toBe(0);
      const add = await rig.gw(["profile", "add", "local", "--backend", "bifrost", "--base-url", rig.sandbox.url, "--no-api-key"], { GW_BACKEND: "", GW_BASE_URL: "", GW_AUTH: "" });
      expect(add.exitCode, add.stderr).toBe(0);
      const list = await rig.gw(["providers", "list", "-o", "json"], { GW_BACKEND: "", GW_BASE_URL: "", GW_AUTH: "" });
      expect(list.exitCode, list.stderr).toBe(0);
      expect(JSON.parse(list.stdout)).toHaveLength(5);
      expect(rig.sandbox.contractViolations()).toEqual([]);
    } finally {
      await rig.sandbox.stop();
    }
  });

  it("basic: a profile with --auth basic and a user:password key; a wrong password exits 3", async () => {
    const rig = await bifrostRig([], "basic");
    try {
      const plain = { GW_BACKEND: "", GW_BASE_URL: "", GW_AUTH: "", GW_API_KEY: "" };
      const add = await rig.gw(["profile", "add", "dash", "--backend", "bifrost", "--base-url", rig.sandbox.url, "--auth", "basic", "--api-key-stdin"], plain, `admin:${rig.sandbox.apiKey}\n`);
      expect(add.exitCode, add.stderr).toBe(0);
      const ok = await rig.gw(["providers", "get", "openai"], plain);
      expect(ok.exitCode, ok.stderr).toBe(0);
      const wrong = await rig.gw(["providers", "list"], { GW_API_KEY: "admin:not-the-password" });
      expect(wrong.exitCode).toBe(3);
      expect(wrong.stderr).toMatch(/HTTP 401: Unauthorized: invalid username or password \(check the profile's key and its auth mode/);
      expect(wrong.stderr).not.toContain("not-the-password");
      const asBearer = await rig.gw(["providers", "list"], { GW_AUTH: "bearer", GW_API_KEY: rig.sandbox.apiKey });
      expect(asBearer.exitCode).toBe(3);
      expect(rig.sandbox.contractViolations()).toEqual([]);
    } finally {
      await rig.sandbox.stop();
    }
  });

  it("bearer: the key as a Bearer token; a wrong one, or none, exits 3", async () => {
    const rig = await bifrostRig([], "bearer");
    try {
      expect((await rig.gw(["vk", "list"])).exitCode).toBe(0);
      const wrong = await rig.gw(["providers", "list"], { GW_API_KEY: "sk-wrong-key-000000" });
      expect(wrong.exitCode).toBe(3);
      expect(wrong.stderr).toMatch(/list providers: HTTP 401: Unauthorized: invalid or expired token/);
      expect(wrong.stderr).not.toContain("sk-wrong-key-000000");
      const none = await rig.gw(["providers", "list"], { GW_AUTH: "none", GW_API_KEY: "" });
      expect(none.exitCode).toBe(3);
      // A basic profile needs a user:password key: refused before anything is stored.
      const bad = await rig.gw(["profile", "add", "x", "--backend", "bifrost", "--base-url", rig.sandbox.url, "--auth", "basic", "--api-key-stdin"], {}, "just-a-token\n");
      expect(bad.exitCode).toBe(2);
      expect(rig.sandbox.contractViolations()).toEqual([]);
    } finally {
      await rig.sandbox.stop();
    }
  });
});
