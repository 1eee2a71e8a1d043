import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { parse, stringify } from "yaml";
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
  sandbox = await startSandboxProcess();
  env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey, GW_CONFIG_DIR: configDir };
});
afterAll(async () => sandbox?.stop());
afterEach(() => {
  term?.kill();
  term = undefined;
});

async function editedDocument(name: string, rpm: number): Promise<string> {
  const doc = parse((await runGw(["export"], { configDir, env })).stdout) as { bindings: { rpm: number | null; status: string }[] };
  for (const b of doc.bindings) if (b.status === "active") b.rpm = rpm;
  const file = join(configDir, "..", name);
  writeFileSync(file, stringify(doc));
  return file;
}

describeNeeding(requireTool("tmux"), "gw apply in a real terminal", () => {
  it("shows the coloured plan, asks, applies and summarises", async () => {
    const file = await editedDocument("tty-apply.yaml", 111);
    term = TmuxSession.start(["node", GW_BIN, "apply", "-f", file], { env });
    const screen = await term.waitFor(/Apply \d+ changes? to/);
    expect(screen).toMatch(/~ update binding openai\/primary\n\s+rpm: 600 -> 111/);
    expect(term.screenWithEscapes()).toMatch(/\u001b\[33m~ update binding/); // yellow on a TTY
    term.send("y", "Enter");
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/✓ Applied \d+ changes?\./);
    const list = JSON.parse((await runGw(["providers", "list", "-o", "json"], { configDir, env })).stdout) as { rpm: number; status: string }[];
    expect(list.filter((b) => b.status === "active").every((b) => b.rpm === 111)).toBe(true);
  });

  it("declining changes nothing", async () => {
    const file = await editedDocument("tty-decline.yaml", 222);
    term = TmuxSession.start(["node", GW_BIN, "apply", "-f", file], { env });
    await term.waitFor(/Apply \d+ changes? to/);
    term.send("n", "Enter");
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/Not applied; nothing was changed\./);
    const list = JSON.parse((await runGw(["providers", "list", "-o", "json"], { configDir, env })).stdout) as { rpm: number }[];
    expect(list.some((b) => b.rpm === 222)).toBe(false);
  });
});
