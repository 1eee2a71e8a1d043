import { chmodSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
});
