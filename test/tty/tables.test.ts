import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { GW_BIN } from "../helpers/paths.js";
import { describeNeeding, requireTool } from "../helpers/requires.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";
import { TmuxSession } from "../helpers/tmux.js";

/**
 * Issue 13: `gw providers list` in a real terminal fits it. A line wider than the pane would wrap onto a
 * second screen row, so the screen must hold exactly the header and one row per record, each starting
 * with the record's id, every row within the width.
 */
let ngrok: SandboxProcess;
let bifrost: SandboxProcess;
let term: TmuxSession | undefined;
const configDir = tempConfigDir();
const envs: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  [ngrok, bifrost] = await Promise.all([
    startSandboxProcess(["--backend", "ngrok", "--seed", "demo"]),
    startSandboxProcess(["--backend", "bifrost", "--seed", "demo"]),
  ]);
  envs.ngrok = { GW_BACKEND: "ngrok", GW_BASE_URL: ngrok.url, GW_API_KEY: ngrok.apiKey, GW_CONFIG_DIR: configDir };
  envs.bifrost = { GW_BACKEND: "bifrost", GW_BASE_URL: bifrost.url, GW_API_KEY: bifrost.apiKey, GW_AUTH: "bearer", GW_CONFIG_DIR: configDir };
});
afterAll(async () => {
  for (const sb of [ngrok, bifrost]) expect(sb?.contractViolations() ?? []).toEqual([]);
  await Promise.all([ngrok?.stop(), bifrost?.stop()]);
});
afterEach(() => {
  term?.kill();
  term = undefined;
});

async function ids(backend: string): Promise<string[]> {
  const r = await runGw(["providers", "list", "-o", "json"], { configDir, env: envs[backend]! });
  expect(r.exitCode, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { id: string }[]).map((p) => p.id);
}

/** The rows gw printed, up to the wrapper's "[exit N]" line. */
async function table(backend: string, width: number, args: string[] = []): Promise<string[]> {
  term = TmuxSession.start(["node", GW_BIN, "providers", "list", ...args], { env: envs[backend]!, width, height: 50 });
  expect(await term.exitCode()).toBe(0);
  const screen = term.screen().split("\n");
  return screen.slice(0, screen.findIndex((line) => /^\[exit \d+\]/.test(line)));
}

describeNeeding(requireTool("tmux"), "tables fit the terminal", () => {
  for (const backend of ["ngrok", "bifrost"]) {
    for (const width of [80, 140]) {
      it(`gw providers list (${backend}) at ${width} columns: one screen row per record, none wider than the terminal`, async () => {
        const expected = await ids(backend);
        const rows = await table(backend, width);
        expect(rows[0]).toMatch(backend === "ngrok" ? /^ID\s+PROVIDER ID\s/ : /^NAME\s+BASE URL\s/);
        expect(rows.slice(1).map((row) => row.split(/\s+/)[0])).toEqual(expected);
        for (const row of rows) expect([...row.trimEnd()].length).toBeLessThanOrEqual(width);
      });
    }
  }

  it("at 140 columns the ngrok names and base URLs are whole; at 80 long cells end in …", async () => {
    const wide = (await table("ngrok", 140)).join("\n");
    expect(wide).toContain("Together AI via egress proxy");
    expect(wide).toContain("https://scratch.example.com/v1");
    const narrow = (await table("ngrok", 80)).join("\n");
    expect(narrow).toContain("…");
    expect(narrow).not.toMatch(/\bUPDATED\b/);
  });

  it("-o wide shows every column however wide; --no-headers drops the header", async () => {
    const expected = await ids("ngrok");
    const wide = await table("ngrok", 80, ["-o", "wide"]);
    expect(wide.length).toBeGreaterThan(expected.length + 1); // rows wrap: nothing was left out
    const bare = await table("ngrok", 140, ["--no-headers"]);
    expect(bare.map((row) => row.split(/\s+/)[0])).toEqual(expected);
  });
});
