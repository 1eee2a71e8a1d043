import { execFileSync } from "node:child_process";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { GW_BIN } from "../helpers/paths.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";
import { TmuxSession } from "../helpers/tmux.js";
import { describeNeeding, itNeeding, requireTool } from "../helpers/requires.js";

let sandbox: SandboxProcess;
let env: Record<string, string>;
let term: TmuxSession | undefined;
const configDir = tempConfigDir();

// Slow enough transitions that the spinner is on screen for a while.
beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "coreweave", "--transition-ms", "2500"]);
  env = { GW_BACKEND: "coreweave", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey, GW_CONFIG_DIR: configDir };
});
afterAll(async () => {
  expect(sandbox.contractViolations()).toEqual([]);
  await sandbox?.stop();
});
afterEach(() => {
  term?.kill();
  term = undefined;
});

async function gateways(): Promise<{ id: string; name: string; status: string }[]> {
  const r = await runGw(["gateways", "list", "-o", "json"], { configDir, env });
  return JSON.parse(r.stdout);
}

describeNeeding(requireTool("tmux"), "gw gateways in a real terminal", () => {
  it("create --wait shows a spinner with the status, then the ready gateway", async () => {
    term = TmuxSession.start(["node", GW_BIN, "gateways", "create", "--name", "tty-wait", "--zone", "us-east-04a", "--wait"], { env });
    const screen = await term.waitFor(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Waiting for gateway [0-9a-f-]{36} to be ready: creating/);
    expect(screen).toMatch(/✓ Created gateway [0-9a-f-]{36} \(tty-wait\), status creating/);
    expect(await term.exitCode(15_000)).toBe(0);
    const done = term.screen();
    expect(done).toMatch(/✓ Gateway [0-9a-f-]{36} is ready \(\d+\.\ds\)/);
    expect(done).toMatch(/Status: +ready/);
    expect(done).not.toMatch(/Waiting for gateway/);
  });

  it("delete asks first; answering no deletes nothing", async () => {
    const chat = (await gateways()).find((g) => g.name === "chat-prod")!;
    term = TmuxSession.start(["node", GW_BIN, "gateways", "delete", chat.id], { env });
    await term.waitFor(new RegExp(`Delete gateway chat-prod \\(${chat.id}\\)\\? Its endpoints stop serving\\.`));
    term.send("n", "Enter");
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/Not deleted; nothing was changed\./);
    expect((await gateways()).find((g) => g.id === chat.id)?.status).toBe("ready");
    expect(sandbox.log.some((l) => l.startsWith(`DELETE /v1alpha1/inference/gateways/${chat.id}`))).toBe(false);
  });

  // Ctrl-C signals the terminal's whole foreground group, which here includes the helper's wrapper shell
  // (dash), which would die with it and take the pane along; so the SIGINT goes to gw's process alone.
  itNeeding(requireTool("pgrep"), "Ctrl-C (SIGINT) while waiting exits 130 and says the change itself was made", async () => {
    const name = `tty-interrupted-${process.pid}`;
    term = TmuxSession.start(["node", GW_BIN, "gateways", "create", "--name", name, "--zone", "us-east-04a", "--wait"], { env, width: 250 });
    await term.waitFor(/Waiting for gateway [0-9a-f-]{36} to be ready: creating/);
    const pid = Number(execFileSync("pgrep", ["-f", `^node .*--name ${name} `], { encoding: "utf8" }).trim());
    process.kill(pid, "SIGINT");
    expect(await term.exitCode()).toBe(130);
    expect(term.screen()).toMatch(/error: interrupted: gateway [0-9a-f-]{36} was created; gw stopped waiting for it to be ready \(status: creating\)/);
    expect((await gateways()).some((g) => g.name === name)).toBe(true);
  });
});
