import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { main } from "../../src/main.js";
import { startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { fakeIO } from "../helpers/fake-io.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/**
 * Issue 14: names the server or a document sent, and `gw api` text bodies, carry terminal escape sequences
 * (a colour, an OSC that retitles the window). On a terminal and in `name<TAB>secret` lines none survive.
 */
const EVIL = "evil\u001b[31mred\u001b]0;title\u0007";
const ESC = /[\u001b\u0007\u009b]/;

let sandbox: SandboxProcess;
let text: FaultServer;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[]) => runGw(args, { configDir, env });

/** gw in-process on a terminal (no colour, so any ESC in the output came from the server). */
async function onTty(args: string[], over: Record<string, string> = {}) {
  const io = fakeIO({ tty: true, columns: 200 });
  const exitCode = await main(args, { io, env: { GW_CONFIG_DIR: configDir, ...env, ...over } });
  return { exitCode, stdout: io.out(), stderr: io.err() };
}

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--seed", "demo"]);
  env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
  text = await startFaultServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`line one ${EVIL}\n\tindented\n`);
  });
});
afterAll(async () => {
  await sandbox?.stop();
  await text?.close();
});

describe("terminal escape sequences from servers and documents are neutralised", () => {
  it("a virtual key named with escapes: create, list, get, chain and revoke print none on a terminal", async () => {
    const [binding] = JSON.parse((await gw(["providers", "list", "-o", "json"])).stdout) as { id: string }[];
    const created = await onTty(["vk", "create", "--name", EVIL, "--chain", binding!.id]);
    expect(created.exitCode, created.stderr).toBe(0);
    expect(created.stderr).toMatch(/✓ Created virtual key \S+ \(evilred\)/);
    const keys = JSON.parse((await gw(["vk", "list", "-o", "json"])).stdout) as { id: string; name: string }[];
    const key = keys.find((k) => k.name === EVIL)!;
    expect(key, "the sandbox keeps the name as sent").toBeDefined();

    for (const args of [["vk", "list"], ["vk", "get", key.id], ["chain", key.id], ["vk", "revoke", key.id, "--yes"]]) {
      const r = await onTty(args);
      expect(r.exitCode, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      expect(r.stdout + r.stderr, args.join(" ")).toContain("evilred");
      expect(r.stdout, args.join(" ")).not.toMatch(ESC);
      expect(r.stderr, args.join(" ")).not.toMatch(ESC);
    }
  });

  it("`gw api` with a text body: control sequences stripped on a terminal (newlines and tabs kept), bytes as sent when piped", async () => {
    const tty = await onTty(["api", "GET", "/text"], { GW_BASE_URL: text.url });
    expect(tty.exitCode, tty.stderr).toBe(0);
    expect(tty.stdout).toBe("line one evilred\n\tindented\n");
    const piped = await runGw(["api", "GET", "/text"], { configDir, env: { ...env, GW_BASE_URL: text.url } });
    expect(piped.stdout).toBe(`line one ${EVIL}\n\tindented`); // execa drops the final newline
  });

  it("a document's virtual key name with escapes and a tab: the plan and the name<TAB>secret line carry neither", async () => {
    const dir = join(configDir, "..");
    const exported = await gw(["export", "--file", join(dir, "doc.yaml")]);
    expect(exported.exitCode, exported.stderr).toBe(0);
    const { parse } = await import("yaml");
    const { readFileSync } = await import("node:fs");
    const doc = parse(readFileSync(join(dir, "doc.yaml"), "utf8")) as { virtualKeys: Record<string, unknown>[] };
    const chain = (doc.virtualKeys.find((k) => Array.isArray(k.chain) && (k.chain as unknown[]).length > 0)!.chain as string[]).slice(0, 1);
    doc.virtualKeys.push({ name: `doc\u001b[2J\tkey${EVIL}`, description: null, chain, rpm: null, tpm: null, rpd: null, status: "active" });
    const file = join(dir, "evil.yaml");
    writeFileSync(file, stringify(doc));

    const diff = await onTty(["diff", "-f", file]);
    expect(diff.stdout).toContain("+ create virtual-key doc keyevilred");
    expect(diff.stdout).not.toMatch(ESC);
    const applied = await gw(["apply", "-f", file, "--yes"]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/^doc keyevilred\tlw_vk_live_\S+$/m);
    expect(applied.stdout + applied.stderr).not.toMatch(ESC);
  });
});
