import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { faultFsEnv } from "../helpers/fault-fs.js";
import { runGw, tempConfigDir, type GwRun } from "../helpers/run-gw.js";

/** Issue 14: the config cannot be tricked into following links, changing modes it does not own, or failing as a bug. */
const KEY = "sk-lw-safety-0123456789abcdef";
const STORED = JSON.stringify({ current: "keep", profiles: { keep: { backend: "langwatch", baseUrl: "https://keep.example.com", apiKey: "sk-lw-kept-0123456789" } } }, null, "\t");
const ROOT = process.getuid?.() === 0;

function add(configDir: string, name = "p", env?: Record<string, string>): Promise<GwRun> {
  return runGw(["profile", "add", name, "--base-url", "https://gw.example.com", "--api-key-stdin"], { configDir, input: KEY, secrets: [KEY], ...(env ? { env } : {}) });
}
const list = (configDir: string, env?: Record<string, string>) => runGw(["profile", "list"], { configDir, ...(env ? { env } : {}) });

/** A config dir holding one profile, as gw writes it. */
function storedConfig(): string {
  const dir = tempConfigDir();
  mkdirSync(dir, { mode: 0o700 });
  writeFileSync(join(dir, "config.json"), STORED, { mode: 0o600 });
  return dir;
}

function oneLine(r: GwRun, pattern: RegExp, code: number): void {
  expect(r.exitCode, r.stderr).toBe(code);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
}

describe("a config file that is a symbolic link", () => {
  function linked(): { configDir: string; target: string } {
    const configDir = tempConfigDir();
    mkdirSync(configDir, { mode: 0o700 });
    const target = join(mkdtempSync(join(tmpdir(), "gw-target-")), "elsewhere.json");
    writeFileSync(target, STORED, { mode: 0o644 });
    symlinkSync(target, join(configDir, "config.json"));
    return { configDir, target };
  }

  it("is refused by read-only commands, which leave the link's target and its mode alone (exit 2)", async () => {
    const { configDir, target } = linked();
    oneLine(await list(configDir), /config file .*config\.json is a symbolic link; gw does not follow it/, 2);
    expect(statSync(target).mode & 0o777).toBe(0o644);
  });

  it("is refused by profile add, which writes no key through it (exit 2)", async () => {
    const { configDir, target } = linked();
    oneLine(await add(configDir), /is a symbolic link/, 2);
    expect(readFileSync(target, "utf8")).toBe(STORED);
    expect(lstatSync(join(configDir, "config.json")).isSymbolicLink()).toBe(true);
  });
});

describe.skipIf(!ROOT)("config owned by another user (needs root to chown)", () => {
  it("refuses a config directory another user owns, and changes nothing in it (exit 2)", async () => {
    const configDir = storedConfig();
    chmodSync(configDir, 0o755);
    chownSync(configDir, 65534, 65534);
    oneLine(await list(configDir), /config directory .* is owned by uid 65534, not by you \(uid 0\)/, 2);
    oneLine(await add(configDir), /is owned by uid 65534/, 2);
    expect(statSync(configDir).mode & 0o7777).toBe(0o755);
    expect(readFileSync(join(configDir, "config.json"), "utf8")).toBe(STORED);
  });

  it("refuses a config file another user owns", async () => {
    const configDir = storedConfig();
    chmodSync(join(configDir, "config.json"), 0o644);
    chownSync(join(configDir, "config.json"), 65534, 65534);
    oneLine(await list(configDir), /config file .* is owned by uid 65534/, 2);
    expect(statSync(join(configDir, "config.json")).mode & 0o777).toBe(0o644);
  });
});

describe("a shared directory named by GW_CONFIG_DIR", () => {
  it("keeps its sticky bit and mode 1777; gw warns and stores a 0600 file", async () => {
    const shared = mkdtempSync(join(tmpdir(), "gw-shared-"));
    chmodSync(shared, 0o1777);
    const r = await add(shared);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: config directory .* is shared \(mode 1777\); gw leaves its mode alone/);
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(statSync(join(shared, "config.json")).mode & 0o777).toBe(0o600);
    expect((await list(shared)).exitCode).toBe(0);
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
  });
});

describe("a config location gw cannot use", () => {
  it("GW_CONFIG_DIR naming a regular file: exit 2, the file untouched", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "gw-file-")), "not-a-dir");
    writeFileSync(file, "hello\n");
    oneLine(await list(file), /config directory .*not-a-dir \(GW_CONFIG_DIR\) is not a directory/, 2);
    oneLine(await add(file), /is not a directory/, 2);
    expect(readFileSync(file, "utf8")).toBe("hello\n");
  });

  for (const [what, text] of [["empty", ""], ["whitespace-only", "  \n\t\n"]] as const) {
    it(`an ${what} config.json: exit 2, left as it was`, async () => {
      const configDir = storedConfig();
      const file = join(configDir, "config.json");
      writeFileSync(file, text);
      oneLine(await list(configDir), /config file .*config\.json is empty; restore it from a backup or remove it \(it was left unchanged\)/, 2);
      oneLine(await add(configDir), /is empty/, 2);
      expect(readFileSync(file, "utf8")).toBe(text);
    });
  }

  it("a full disk (ENOSPC) while writing: exit 6, the old file intact, no temporary file or lock left", async () => {
    const configDir = storedConfig();
    const r = await add(configDir, "p", faultFsEnv({ match: /config\.json\.tmp/, code: "ENOSPC" }));
    oneLine(r, /cannot write config file .*config\.json: no space left on device \(ENOSPC\); nothing was changed/, 6);
    expect(readFileSync(join(configDir, "config.json"), "utf8")).toBe(STORED);
    expect(readdirSync(configDir)).toEqual(["config.json"]);
  });

  it("a read-only file system (EROFS): exit 2, the old file intact", async () => {
    const configDir = storedConfig();
    const r = await add(configDir, "p", faultFsEnv({ match: /config\.json/, code: "EROFS" }));
    oneLine(r, /cannot write config file .*: read-only file system \(EROFS\); set GW_CONFIG_DIR to a writable directory/, 2);
    expect(readFileSync(join(configDir, "config.json"), "utf8")).toBe(STORED);
  });

  // Injected rather than a real 0500 directory: CI runs as root, which no directory mode stops, and a test
  // skipped there would be a test CI never runs.
  it("permission denied (EACCES, injected): exit 2, the old file intact", async () => {
    const configDir = storedConfig();
    const r = await add(configDir, "p", faultFsEnv({ match: /config\.json/, code: "EACCES" }));
    oneLine(r, /cannot write config file .*: permission denied \(EACCES\)/, 2);
    expect(readFileSync(join(configDir, "config.json"), "utf8")).toBe(STORED);
  });

  it("a lock held by a live process past the wait: exit 6, names the lock, the file untouched", async () => {
    const configDir = storedConfig();
    const lock = join(configDir, "config.json.lock");
    // This test's own process plays the other gw: alive, and its lock fresh.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), token: "other", created: Date.now() }), { mode: 0o600 });
    const r = await runGw(["profile", "use", "keep"], { configDir, timeoutMs: 40_000 });
    oneLine(r, /config is locked by another gw process \(pid \d+\) for more than 15 s: .*config\.json\.lock; try again/, 6);
    expect(readFileSync(join(configDir, "config.json"), "utf8")).toBe(STORED);
    expect(existsSync(lock)).toBe(true); // not ours to remove
  }, 60_000);
});
