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
});
