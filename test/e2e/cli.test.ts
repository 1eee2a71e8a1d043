import { describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";

const configDir = tempConfigDir();
const gw = (args: string[]) => runGw(args, { configDir });

describe("gw itself", () => {
  it("prints help on stdout and exits 0 with no arguments or --help", async () => {
    for (const args of [[], ["--help"], ["providers", "--help"]]) {
      const r = await gw(args);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/Usage: gw/);
    }
  });

  it("prints its version", async () => {
    const r = await gw(["--version"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("exits 2 on an unknown command or flag, with one line and a suggestion", async () => {
    const cmd = await gw(["provders"]);
    expect(cmd.exitCode).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command 'provders'/);
    expect(cmd.stderr).toMatch(/Did you mean providers/);
    const flag = await gw(["providers", "update", "x", "--rmp", "5"]);
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toMatch(/unknown option '--rmp'/);
  });

  it("treats a noun without its verb as a usage error (exit 2, help on stderr)", async () => {
    const r = await gw(["providers"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Usage: gw providers/);
    expect(r.stdout).toBe("");
  });

  it("rejects a bad -o value and a bad --timeout (exit 2)", async () => {
    expect((await gw(["providers", "list", "-o", "xml"])).exitCode).toBe(2);
    const t = await gw(["--timeout", "soon", "providers", "list"]);
    expect(t.exitCode).toBe(2);
    expect(t.stderr).toMatch(/--timeout/);
    // Above Node's timer limit (2^31-1 ms) a timeout would fire at once (issue 14).
    const huge = await gw(["--timeout", "3000000", "providers", "list"]);
    expect(huge.exitCode).toBe(2);
    expect(huge.stderr).toMatch(/--timeout.*at most \d+ seconds/);
  });

  it("prints the capability matrix", async () => {
    const r = await gw(["backends", "-o", "json"]);
    expect(r.exitCode).toBe(0);
    const rows = JSON.parse(r.stdout) as { backend: string; command: string; supported: boolean; note: string | null }[];
    const enable = rows.find((x) => x.backend === "langwatch" && x.command === "providers enable")!;
    expect(enable.supported).toBe(false);
    expect(enable.note).toMatch(/no re-enable/);
    expect(rows.find((x) => x.backend === "langwatch" && x.command === "providers update")!.supported).toBe(true);
  });
});
