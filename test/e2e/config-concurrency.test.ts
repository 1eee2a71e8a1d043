import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { faultFsEnv } from "../helpers/fault-fs.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";

describe("the config file under load and misuse", () => {
  it("50 concurrent `gw profile add` processes lose no profile and leave a 0600 file in a 0700 directory", async () => {
    const configDir = tempConfigDir();
    const names = Array.from({ length: 50 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    const runs = await Promise.all(
      names.map((name) =>
        runGw(["profile", "add", name, "--base-url", "https://gw.example.com", "--api-key-stdin"], {
          configDir,
          input: `sk-lw-concurrent-${name}-0123456789`,
          timeoutMs: 60_000,
        }),
      ),
    );
    for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
    const list = await runGw(["profile", "list", "-o", "json"], { configDir });
    const stored = (JSON.parse(list.stdout) as { name: string }[]).map((p) => p.name).sort();
    expect(stored).toEqual(names);
    // Exactly one became current: the first writer to take the lock.
    expect((JSON.parse(list.stdout) as { current: boolean }[]).filter((p) => p.current)).toHaveLength(1);
    const file = join(configDir, "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
    expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();
  }, 120_000);

  it("tightens a config directory that others can enter, with a warning", async () => {
    const configDir = tempConfigDir();
    await runGw(["profile", "add", "p", "--base-url", "https://gw.example.com", "--api-key-stdin"], { configDir, input: "sk-lw-abcdefghijklmnop" });
    chmodSync(configDir, 0o755);
    const r = await runGw(["profile", "list"], { configDir });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/warning: config directory .* was mode 755; tightened to 700/);
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
  });

  /** A crashed writer's lock, an hour old (the format of an older gw: an empty file). */
  function plantStaleLock(configDir: string): void {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    const lock = join(configDir, "config.json.lock");
    writeFileSync(lock, "", { mode: 0o600 });
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, anHourAgo, anHourAgo);
  }

  async function addConcurrently(configDir: string, count: number, env?: Record<string, string>): Promise<string[]> {
    const names = Array.from({ length: count }, (_, i) => `s${String(i).padStart(2, "0")}`);
    const runs = await Promise.all(
      names.map((name) =>
        runGw(["profile", "add", name, "--base-url", "https://gw.example.com", "--api-key-stdin"], {
          configDir,
          input: `sk-lw-stale-${name}-0123456789`,
          timeoutMs: 90_000,
          ...(env ? { env } : {}),
        }),
      ),
    );
    for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
    return names;
  }

  function storedNames(configDir: string): string[] {
    return Object.keys((JSON.parse(readFileSync(join(configDir, "config.json"), "utf8")) as { profiles: object }).profiles).sort();
  }

  it("30 concurrent adds that all find a stale lock keep all 30 profiles", async () => {
    const configDir = tempConfigDir();
    plantStaleLock(configDir);
    const names = await addConcurrently(configDir, 30);
    expect(storedNames(configDir)).toEqual(names);
    expect(readdirSync(configDir).sort()).toEqual(["config.json"]); // no lock or temp file left behind
  }, 180_000);

  it("writers that break the same stale lock at once on a slow disk still take turns", async () => {
    // Removing or renaming the lock takes 300 ms, so every writer that saw the stale lock is still breaking
    // it when the first one has already taken a new lock: a break that is not atomic deletes that lock.
    const configDir = tempConfigDir();
    plantStaleLock(configDir);
    const names = await addConcurrently(configDir, 6, faultFsEnv({ match: /config\.json\.lock/, slowMs: 300 }));
    expect(storedNames(configDir)).toEqual(names);
  }, 180_000);
});
