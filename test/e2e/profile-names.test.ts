import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** Issue 14: names of Object.prototype members are profile names like any other. */
describe("profile names valueOf, toString, constructor", () => {
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    sandbox = await startSandboxProcess([]);
  });
  afterAll(async () => sandbox?.stop());

  it("adds, uses, shows, lists and removes them", async () => {
    const configDir = tempConfigDir();
    const gw = (args: string[], input?: string) => runGw(args, { configDir, ...(input !== undefined ? { input } : {}) });
    for (const name of ["valueOf", "toString", "constructor"]) {
      const added = await gw(["profile", "add", name, "--base-url", sandbox.url, "--api-key-stdin"], sandbox.apiKey);
      expect(added.exitCode, added.stderr).toBe(0);
    }
    const listed = JSON.parse((await gw(["profile", "list", "-o", "json"])).stdout) as { name: string }[];
    expect(listed.map((p) => p.name).sort()).toEqual(["constructor", "toString", "valueOf"]);
    expect((await gw(["profile", "use", "constructor"])).exitCode).toBe(0);
    const used = await gw(["--profile", "toString", "providers", "list", "-o", "json"]);
    expect(used.exitCode, used.stderr).toBe(0);
    expect((await gw(["profile", "show", "valueOf"])).exitCode).toBe(0);
    expect((await gw(["profile", "remove", "valueOf"])).exitCode).toBe(0);
    const unknown = await gw(["profile", "use", "hasOwnProperty"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/profile "hasOwnProperty" does not exist/);
  });

  it("__proto__ is refused by the name rule at add (exit 2); one in a hand-written config is an ordinary profile", async () => {
    const configDir = tempConfigDir();
    const refused = await runGw(["profile", "add", "__proto__", "--base-url", sandbox.url, "--api-key-stdin"], { configDir, input: sandbox.apiKey });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/invalid profile name "__proto__" \(starts with a letter or digit/);

    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    const file = join(configDir, "config.json");
    writeFileSync(file, `{"profiles": {"__proto__": {"backend": "langwatch", "baseUrl": "${sandbox.url}", "apiKey": "${sandbox.apiKey}"}}}`, { mode: 0o600 });
    const gw = (args: string[]) => runGw(args, { configDir });
    const listed = JSON.parse((await gw(["profile", "list", "-o", "json"])).stdout) as { name: string }[];
    expect(listed.map((p) => p.name)).toEqual(["__proto__"]);
    const used = await gw(["--profile", "__proto__", "providers", "list", "-o", "json"]);
    expect(used.exitCode, used.stderr).toBe(0);
    expect((await gw(["profile", "use", "__proto__"])).exitCode).toBe(0);
    expect((JSON.parse(readFileSync(file, "utf8")) as { current: string }).current).toBe("__proto__");
    expect((await gw(["profile", "remove", "__proto__"])).exitCode).toBe(0);
    expect(Object.keys((JSON.parse(readFileSync(file, "utf8")) as { profiles: object }).profiles)).toEqual([]);
  });
});
