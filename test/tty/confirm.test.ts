import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { GW_BIN } from "../helpers/paths.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";
import { TmuxSession } from "../helpers/tmux.js";
import { describeNeeding, requireTool } from "../helpers/requires.js";

let sandbox: SandboxProcess;
let env: Record<string, string>;
let term: TmuxSession | undefined;
const configDir = tempConfigDir();

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--seed", "demo"]);
  env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey, GW_CONFIG_DIR: configDir };
});
afterAll(async () => sandbox?.stop());
afterEach(() => {
  term?.kill();
  term = undefined;
});

describeNeeding(requireTool("tmux"), "gw providers disable in a terminal (LangWatch: permanent)", () => {
  it("asks, saying it is permanent and keeps the slot; no changes nothing, yes disables, and again says already disabled", async () => {
    const list = JSON.parse((await runGw(["providers", "list", "-o", "json"], { configDir, env })).stdout) as { id: string; provider: string; slot: string; status: string }[];
    const target = list.find((b) => b.provider === "openai" && b.slot === "batch")!;

    term = TmuxSession.start(["node", GW_BIN, "providers", "disable", "openai/batch"], { env });
    const asked = await term.waitFor(/for good\?/);
    expect(asked.replace(/\n/g, "")).toMatch(/Disable binding \S+ \(openai\/batch\) for good\? LangWatch has no re-enable, and slot batch stays taken/);
    term.send("n", "Enter");
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/Not disabled; nothing was changed/);
    term.kill();

    term = TmuxSession.start(["node", GW_BIN, "providers", "disable", "openai/batch"], { env });
    await term.waitFor(/for good\?/);
    term.send("y", "Enter");
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(new RegExp(`✓ Disabled binding ${target.id}`));
    term.kill();

    term = TmuxSession.start(["node", GW_BIN, "providers", "disable", "openai/batch"], { env });
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/is already disabled; nothing was changed/);
    expect(term.screen()).not.toMatch(/for good\?/);
  });
});
