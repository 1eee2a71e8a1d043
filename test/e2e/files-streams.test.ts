import { execa } from "execa";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GW_BIN } from "../helpers/paths.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** Issue 14, "Files and streams": each case failed before its fix. */
describe("files and streams", () => {
  let sandbox: SandboxProcess;
  let env: Record<string, string>;
  const configDir = tempConfigDir();
  const work = join(configDir, "..", "work");
  const gw = (args: string[], input?: string) => runGw(args, { configDir, env, ...(input !== undefined ? { input } : {}) });

  beforeAll(async () => {
    mkdirSync(work, { recursive: true });
    sandbox = await startSandboxProcess([]);
    env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
  });
  afterAll(async () => sandbox?.stop());

  it("export --file writes through a symlink instead of replacing it, and leaves no temporary file", async () => {
    const target = join(work, "real.yaml");
    const link = join(work, "link.yaml");
    writeFileSync(target, "old\n");
    symlinkSync(target, link);
    const r = await gw(["export", "--file", link]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toMatch(/^version: 1/);
    expect(readdirSync(work).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("export --file to a device is written to, not replaced (/dev/full: a clear error, no temp name)", async () => {
    const r = await gw(["export", "--file", "/dev/full"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("error: cannot write /dev/full: no space left on the device; it was left as it was");
    expect(existsSync("/dev/full") && !lstatSync("/dev/full").isFile()).toBe(true);
  });

  it("a write error on stdout is exit 6 with one line; a closed pipe stays quiet", async () => {
    const full = await execa("sh", ["-c", `node ${GW_BIN} export > /dev/full`], { env: { ...env, GW_CONFIG_DIR: configDir }, reject: false });
    expect(full.exitCode).toBe(6);
    expect(String(full.stderr)).toMatch(/^error: cannot write the output \(ENOSPC\); it is incomplete$/m);
    const piped = await execa("sh", ["-c", `node ${GW_BIN} backends | head -1`], { reject: false });
    expect(piped.exitCode).toBe(0);
    expect(String(piped.stderr)).toBe("");
  });
});

describe("gw sandbox --state with a corrupt file", () => {
  it("is a clear usage error (exit 2), and the file is left as it was", async () => {
    const dir = join(tempConfigDir(), "..");
    const file = join(dir, "state.json");
    writeFileSync(file, "{ not json");
    const r = await execa("node", [GW_BIN, "sandbox", "--port", "0", "--state", file], { reject: false, timeout: 15_000 });
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toBe(`error: state file ${file} is not valid JSON; delete it or pass another --state file`);
    expect(readFileSync(file, "utf8")).toBe("{ not json");
  });
});

describe("documents are bounded before parsing", () => {
  it("diff -f refuses a document over 4 MiB and /dev/zero, at once (exit 2)", async () => {
    const dir = join(tempConfigDir(), "..");
    const big = join(dir, "big.yaml");
    writeFileSync(big, `version: 1\nbackend: langwatch\n# ${"x".repeat(5 * 1024 * 1024)}\n`);
    const env = { GW_BACKEND: "langwatch", GW_BASE_URL: "http://127.0.0.1:9", GW_API_KEY: "sk-lw-unused-key-0123456789" };
    const configDir = tempConfigDir();
    const r = await runGw(["diff", "-f", big], { configDir, env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: ${big}: larger than 4 MiB; gw reads documents up to that size`);
    const zero = await runGw(["diff", "-f", "/dev/zero"], { configDir, env, timeoutMs: 10_000 });
    expect(zero.exitCode).toBe(2);
    expect(zero.stderr).toMatch(/\/dev\/zero: larger than 4 MiB/);
  });
});
