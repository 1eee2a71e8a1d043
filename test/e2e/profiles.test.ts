import { readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

let sandbox: SandboxProcess;
beforeAll(async () => {
  sandbox = await startSandboxProcess(["--seed", "demo"]);
});
afterAll(async () => sandbox?.stop());

const masked = (key: string) => `${key.slice(0, 4)}****${key.slice(-4)}`;

describe("gw profile", () => {
  it("adds a profile from stdin, makes the first one current, stores it 0600 in a 0700 directory", async () => {
    const configDir = tempConfigDir();
    const r = await runGw(["profile", "add", "dev", "--backend", "langwatch", "--base-url", sandbox.url, "--api-key-stdin"], {
      configDir,
      input: `${sandbox.apiKey}\n`,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Added profile dev.*current profile/);
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(configDir, "config.json")).mode & 0o777).toBe(0o600);

    const list = await runGw(["providers", "list", "-o", "json"], { configDir });
    expect(list.exitCode, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).length).toBeGreaterThan(0);
  });

  it("lists and shows profiles with the key masked, in tables and in JSON", async () => {
    const configDir = tempConfigDir();
    for (const name of ["one", "two"]) {
      await runGw(["profile", "add", name, "--base-url", sandbox.url, "--api-key-stdin"], { configDir, input: sandbox.apiKey });
    }
    const table = await runGw(["profile", "list"], { configDir });
    expect(table.stdout).toContain(masked(sandbox.apiKey));
    expect(table.stdout).not.toContain(sandbox.apiKey);
    expect(table.stdout.split("\n")[1]).toMatch(/^\*\tone\tlangwatch/);

    const json = JSON.parse((await runGw(["profile", "list", "-o", "json"], { configDir })).stdout);
    expect(json).toEqual([
      { name: "one", backend: "langwatch", baseUrl: sandbox.url, apiKey: masked(sandbox.apiKey), auth: null, current: true, keyStore: "file" },
      { name: "two", backend: "langwatch", baseUrl: sandbox.url, apiKey: masked(sandbox.apiKey), auth: null, current: false, keyStore: "file" },
    ]);

    const show = await runGw(["profile", "show", "two"], { configDir });
    expect(show.stdout).toMatch(/API key:\s+sk-l\*\*\*\*/);
    expect(show.stdout).not.toContain(sandbox.apiKey);
  });

  it("switches with use, selects with --profile and GW_PROFILE, and removes", async () => {
    const configDir = tempConfigDir();
    await runGw(["profile", "add", "good", "--base-url", sandbox.url, "--api-key-stdin"], { configDir, input: sandbox.apiKey });
    await runGw(["profile", "add", "bad", "--base-url", sandbox.url, "--api-key-stdin"], { configDir, input: "sk-lw-not-the-key-12345" });

    expect((await runGw(["providers", "list"], { configDir })).exitCode).toBe(0);
    expect((await runGw(["providers", "list", "--profile", "bad"], { configDir })).exitCode).toBe(3);
    expect((await runGw(["providers", "list"], { configDir, env: { GW_PROFILE: "bad" } })).exitCode).toBe(3);
    // the flag wins over the environment
    expect((await runGw(["--profile", "good", "providers", "list"], { configDir, env: { GW_PROFILE: "bad" } })).exitCode).toBe(0);

    expect((await runGw(["profile", "use", "bad"], { configDir })).exitCode).toBe(0);
    expect((await runGw(["providers", "list"], { configDir })).exitCode).toBe(3);

    const rm = await runGw(["profile", "remove", "bad"], { configDir });
    expect(rm.exitCode).toBe(0);
    expect(rm.stderr).toMatch(/no profile is current/);
    const names = JSON.parse((await runGw(["profile", "list", "--json"], { configDir })).stdout).map((p: { name: string }) => p.name);
    expect(names).toEqual(["good"]);
  });

  it("never hangs without a key off a TTY: exit 2 with a hint", async () => {
    const configDir = tempConfigDir();
    const r = await runGw(["profile", "add", "x", "--base-url", sandbox.url], { configDir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no API key: .*--api-key-stdin/);
    expect(() => statSync(join(configDir, "config.json"))).toThrow();
  });

  it("takes the key from GW_API_KEY when there is no stdin flag and no TTY", async () => {
    const configDir = tempConfigDir();
    const r = await runGw(["profile", "add", "ci", "--base-url", sandbox.url], { configDir, env: { GW_API_KEY: sandbox.apiKey } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(join(configDir, "config.json"), "utf8")).toContain(sandbox.apiKey);
  });

  it("refuses duplicates without --force, bad names, bad URLs and plain http to remote hosts", async () => {
    const configDir = tempConfigDir();
    const add = (args: string[]) => runGw(["profile", "add", ...args, "--api-key-stdin"], { configDir, input: "sk-lw-abcdefghijklmnop" });
    expect((await add(["p", "--base-url", sandbox.url])).exitCode).toBe(0);
    const dup = await add(["p", "--base-url", sandbox.url]);
    expect([dup.exitCode, dup.stderr]).toEqual([2, expect.stringMatching(/already exists/)]);
    expect((await add(["p", "--base-url", sandbox.url, "--force"])).exitCode).toBe(0);
    expect((await add(["bad name", "--base-url", sandbox.url])).exitCode).toBe(2);
    expect((await add(["q", "--base-url", "not a url"])).stderr).toMatch(/--base-url/);
    const remote = await add(["q", "--base-url", "http://gateway.example.com"]);
    expect([remote.exitCode, remote.stderr]).toEqual([2, expect.stringMatching(/plain http/)]);
    expect((await add(["q", "--backend", "nope", "--base-url", sandbox.url])).exitCode).toBe(2);
  });

  it("does not send a stored key to a URL overridden by GW_BASE_URL", async () => {
    const configDir = tempConfigDir();
    await runGw(["profile", "add", "p", "--base-url", sandbox.url, "--api-key-stdin"], { configDir, input: sandbox.apiKey });
    const r = await runGw(["providers", "list"], { configDir, env: { GW_BASE_URL: "http://127.0.0.2:9" } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/set GW_API_KEY as well/);
  });

  it("reports a damaged config file by name and leaves it as it was", async () => {
    const configDir = tempConfigDir();
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    const file = join(configDir, "config.json");
    writeFileSync(file, "{ not json", { mode: 0o600 });
    for (const args of [["profile", "list"], ["profile", "add", "x", "--base-url", sandbox.url, "--api-key-stdin"]]) {
      const r = await runGw(args, { configDir, input: "sk-lw-abcdefghijklmnop" });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(/damaged/);
    }
    expect(readFileSync(file, "utf8")).toBe("{ not json");
  });

  it("tightens a config file that is readable by others, with a warning", async () => {
    const configDir = tempConfigDir();
    await runGw(["profile", "add", "p", "--base-url", sandbox.url, "--api-key-stdin"], { configDir, input: sandbox.apiKey });
    const { chmodSync } = await import("node:fs");
    chmodSync(join(configDir, "config.json"), 0o644);
    const r = await runGw(["profile", "list"], { configDir });
    expect(r.stderr).toMatch(/warning: .*mode 644; tightened to 600/);
    expect(statSync(join(configDir, "config.json")).mode & 0o777).toBe(0o600);
  });
});

describe("env-only CI mode", () => {
  it("needs no stored profile: GW_BACKEND + GW_BASE_URL + GW_API_KEY", async () => {
    const configDir = tempConfigDir();
    const r = await runGw(["providers", "list", "-o", "json"], {
      configDir,
      env: { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
    expect(() => statSync(join(configDir, "config.json"))).toThrow(); // nothing written
  });

  it("GW_API_KEY overrides the stored key of the selected profile", async () => {
    const configDir = tempConfigDir();
    await runGw(["profile", "add", "p", "--base-url", sandbox.url, "--api-key-stdin"], { configDir, input: "sk-lw-stale-key-123456" });
    expect((await runGw(["providers", "list"], { configDir })).exitCode).toBe(3);
    expect((await runGw(["providers", "list"], { configDir, env: { GW_API_KEY: sandbox.apiKey } })).exitCode).toBe(0);
  });

  it("rejects an unknown GW_BACKEND (exit 2)", async () => {
    const r = await runGw(["providers", "list"], {
      configDir: tempConfigDir(),
      env: { GW_BACKEND: "nope", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/GW_BACKEND/);
  });
});
