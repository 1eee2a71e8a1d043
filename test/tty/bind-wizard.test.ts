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

async function bindings(): Promise<{ id: string; provider: string; slot: string; rpm: number | null; tpm: number | null; rpd: number | null; fallbackPriority: number | null }[]> {
  const r = await runGw(["providers", "list", "-o", "json"], { configDir, env });
  return JSON.parse(r.stdout);
}

/** Move the select cursor (❯) to the line that mentions `text`. */
async function selectLine(t: TmuxSession, text: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const cursorLine = t.screen().split("\n").find((l) => l.includes("❯"));
    if (cursorLine?.includes(text)) {
      t.send("Enter");
      return;
    }
    t.send("Down");
    await new Promise((r) => setTimeout(r, 80));
  }
  throw new Error(`no choice mentioning ${text}:\n${t.screen()}`);
}

describeNeeding(requireTool("tmux"), "gw providers bind: the wizard in a real terminal", () => {
  it("walks through provider, slot, limits and priority, shows a summary, and creates the binding", async () => {
    term = TmuxSession.start(["node", GW_BIN, "providers", "bind"], { env });
    const first = await term.waitFor(/Model provider to bind/);
    expect(first).toMatch(/gemini.*disabled in Settings -> Model Providers/);
    await selectLine(term, "anthropic");
    await term.waitFor(/Slot/);
    term.send("fallback-3", "Enter");
    await term.waitFor(/RPM limit/);
    term.send("250", "Enter");
    await term.waitFor(/TPM limit/);
    term.send("Enter");
    await term.waitFor(/RPD limit/);
    term.send("lots", "Enter");
    await term.waitFor(/must be a positive integer, or blank/);
    term.send("BSpace", "BSpace", "BSpace", "BSpace", "5000", "Enter");
    await term.waitFor(/Fallback priority/);
    term.send("Enter");
    const summary = await term.waitFor(/Create this binding\?/);
    expect(summary).toMatch(/slot\s+fallback-3/);
    expect(summary).toMatch(/rpm \/ tpm \/ rpd\s+250 \/ inherit \/ 5000/);
    term.send("Enter");
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/Bound anthropic as binding/);

    const created = (await bindings()).find((b) => b.provider === "anthropic" && b.slot === "fallback-3");
    expect(created).toMatchObject({ rpm: 250, tpm: null, rpd: 5000, fallbackPriority: null });
  });

  it("does not offer a slot the provider is already bound in", async () => {
    term = TmuxSession.start(["node", GW_BIN, "providers", "bind", "--slot", "batch"], { env });
    const screen = await term.waitFor(/Model provider to bind/);
    expect(screen).toMatch(/- openai .*already bound in slot batch/);
    expect(screen).toMatch(/❯ anthropic/);
    term.send("C-c");
    expect(await term.exitCode()).toBe(130);
  });

  it("asks only for what the flags did not give", async () => {
    term = TmuxSession.start(["node", GW_BIN, "providers", "bind", "--slot", "canary", "--rpm", "5", "--tpm", "6", "--rpd", "7",
      "--fallback-priority", "90"], { env });
    await term.waitFor(/Model provider to bind/);
    await selectLine(term, "openai");
    const summary = await term.waitFor(/Create this binding\?/);
    expect(summary).not.toMatch(/RPM limit|Slot \(/);
    expect(summary).toMatch(/rpm \/ tpm \/ rpd\s+5 \/ 6 \/ 7/);
    term.send("n", "Enter");
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/Not bound; nothing was created/);
    expect((await bindings()).some((b) => b.slot === "canary")).toBe(false);
  });

  it("Ctrl-C creates nothing and exits 130 with one line saying so", async () => {
    const before = (await bindings()).length;
    term = TmuxSession.start(["node", GW_BIN, "providers", "bind"], { env });
    await term.waitFor(/Model provider to bind/);
    await selectLine(term, "openai");
    await term.waitFor(/Slot/);
    term.send("C-c");
    expect(await term.exitCode()).toBe(130);
    expect(term.screen()).toMatch(/cancelled; no binding was created/);
    expect((await bindings()).length).toBe(before);
  });
});

describeNeeding(requireTool("tmux"), "colour in a real terminal", () => {
  it("dims disabled bindings on a TTY, and drops colour with NO_COLOR", async () => {
    term = TmuxSession.start(["node", GW_BIN, "providers", "list"], { env });
    expect(await term.exitCode()).toBe(0);
    const coloured = term.screenWithEscapes();
    const disabledLine = coloured.split("\n").find((l) => l.includes("disabled"));
    expect(disabledLine).toMatch(/\u001b\[2m/);
    term.kill();

    term = TmuxSession.start(["node", GW_BIN, "providers", "list"], { env: { ...env, NO_COLOR: "1" } });
    expect(await term.exitCode()).toBe(0);
    expect(term.screenWithEscapes()).not.toMatch(/\u001b\[(1|2)m/);
    expect(term.screen()).toMatch(/ID\s+PROVIDER\s+SLOT/);
  });
});

describeNeeding(requireTool("tmux"), "gw providers bind: Enter through the wizard always binds", () => {
  let empty: SandboxProcess;
  let emptyEnv: Record<string, string>;
  beforeAll(async () => {
    empty = await startSandboxProcess(["--seed", "empty"]);
    emptyEnv = { GW_BACKEND: "langwatch", GW_BASE_URL: empty.url, GW_API_KEY: empty.apiKey, GW_CONFIG_DIR: configDir };
  });
  afterAll(async () => empty?.stop());

  async function enterThrough(t: TmuxSession): Promise<string> {
    await t.waitFor(/Slot/);
    const slotScreen = t.screen();
    for (const prompt of [/RPM limit/, /TPM limit/, /RPD limit/, /Fallback priority/, /Create this binding\?/]) {
      t.send("Enter");
      await t.waitFor(prompt);
    }
    t.send("Enter");
    expect(await t.exitCode()).toBe(0);
    return slotScreen;
  }

  it("twice for the same provider: primary, then fallback-1, no error; providers with a free primary come first", async () => {
    term = TmuxSession.start(["node", GW_BIN, "providers", "bind"], { env: emptyEnv });
    await term.waitFor(/Model provider to bind/);
    await selectLine(term, "openai");
    expect(await enterThrough(term)).toMatch(/Slot \(primary\)/);
    expect(term.screen()).toMatch(/Bound openai as binding/);
    term.kill();

    term = TmuxSession.start(["node", GW_BIN, "providers", "bind"], { env: emptyEnv });
    const list = await term.waitFor(/Model provider to bind/);
    expect(list).toMatch(/❯ anthropic/);
    const lines = list.split("\n");
    const openaiLine = lines.findIndex((l) => /openai .*\(bound: primary\)/.test(l));
    expect(openaiLine).toBeGreaterThan(lines.findIndex((l) => l.includes("azure")));
    await selectLine(term, "openai");
    expect(await enterThrough(term)).toMatch(/Slot \(fallback-1\)/);
    expect(term.screen()).not.toMatch(/error/i);
    const r = await runGw(["providers", "list", "-o", "json"], { configDir, env: emptyEnv });
    const slots = (JSON.parse(r.stdout) as { provider: string; slot: string }[]).filter((b) => b.provider === "openai").map((b) => b.slot);
    expect(slots.sort()).toEqual(["fallback-1", "primary"]);
  });

  it("marks disabled bindings in the bound hint and skips their slot", async () => {
    term = TmuxSession.start(["node", GW_BIN, "providers", "bind"], { env });
    const list = await term.waitFor(/Model provider to bind/);
    expect(list).toMatch(/azure .*\(bound: fallback-1, primary disabled\)/);
    await selectLine(term, "azure");
    expect(await term.waitFor(/Slot/)).toMatch(/Slot \(fallback-2\)/);
    term.send("C-c");
    expect(await term.exitCode()).toBe(130);
  });
});
