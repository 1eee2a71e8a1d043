import { expect, it } from "vitest";
import { runGw } from "../helpers/run-gw.js";
import type { TmuxSession } from "../helpers/tmux.js";
import { langwatchTerminalRig } from "../helpers/tty-rig.js";
import { describeNeeding, requireTool } from "../helpers/requires.js";

const rig = langwatchTerminalRig();
let term: TmuxSession;

describeNeeding(requireTool("tmux"), "gw providers disable in a terminal (LangWatch: permanent)", () => {
  it("asks, saying it is permanent and keeps the slot; no changes nothing, yes disables, and again says already disabled", async () => {
    const list = JSON.parse((await runGw(["providers", "list", "-o", "json"], { configDir: rig.configDir, env: rig.env })).stdout) as { id: string; provider: string; slot: string; status: string }[];
    const target = list.find((b) => b.provider === "openai" && b.slot === "batch")!;

    term = rig.start(["providers", "disable", "openai/batch"]);
    const asked = await term.waitFor(/for good\?/);
    expect(asked.replace(/\n/g, "")).toMatch(/Disable binding \S+ \(openai\/batch\) for good\? LangWatch has no re-enable, and slot batch stays taken/);
    term.send("n", "Enter");
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/Not disabled; nothing was changed/);
    term.kill();

    term = rig.start(["providers", "disable", "openai/batch"]);
    await term.waitFor(/for good\?/);
    term.send("y", "Enter");
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(new RegExp(`✓ Disabled binding ${target.id}`));
    term.kill();

    term = rig.start(["providers", "disable", "openai/batch"]);
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/is already disabled; nothing was changed/);
    expect(term.screen()).not.toMatch(/for good\?/);
  });
});
