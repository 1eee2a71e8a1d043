import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir, type GwRun } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** `gw chain <key> -o json` on ngrok. */
interface ChainJson {
  virtualKeyId: string;
  name: string;
  configuration: { id: string; name: string } | null;
  sharedWith: string[];
  access: { providers: string[] | null; models: string[] | null } | null;
  rules: { provider: string | null; model: string | null; steps: { type: string; keys: { id: string; name: string; keyRedacted: string }[] }[] }[] | null;
}
interface WireRule {
  provider?: string;
  model?: string;
  steps: { type: string; keys?: { id: string; name: string }[]; keySelectionStrategy?: string }[];
}
interface WireConfig {
  id: string;
  name: string;
  access?: unknown;
  router?: { rules?: WireRule[] };
}

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[]) => runGw(args, { configDir, env });

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sandbox.apiKey}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const wireConfig = async (id: string) => (await api<WireConfig>("GET", `/access-key-configurations/${id}`)).body;

async function chainOf(key: string): Promise<ChainJson> {
  const r = await gw(["chain", key, "-o", "json"]);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ChainJson;
}

async function keyId(name: string): Promise<string> {
  return (await chainOf(name)).virtualKeyId;
}

async function providerKey(providerId: string): Promise<{ id: string; name: string }> {
  const r = await api<{ aiGatewayProviderKeys: { id: string; name: string }[] }>("GET", `/provider-keys?provider=${providerId}`);
  return r.body.aiGatewayProviderKeys[0]!;
}

async function settled(): Promise<void> {
  let seen = -1;
  while (seen !== sandbox.log.length) {
    seen = sandbox.log.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function writesDuring(args: string[]): Promise<{ r: GwRun; writes: string[] }> {
  await settled();
  const before = sandbox.log.length;
  const r = await gw(args);
  await settled();
  return { r, writes: sandbox.log.slice(before).filter((l) => /^(POST|PATCH|DELETE) /.test(l)) };
}

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "ngrok", "--seed", "demo"]);
  env = { GW_BACKEND: "ngrok", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey, COLUMNS: "400" };
});
afterAll(async () => {
  expect(sandbox.contractViolations()).toEqual([]);
  await sandbox?.stop();
});

describe("gw chain (ngrok)", () => {
  it("renders the configuration's router rules: provider/model -> steps -> ordered keys, with the scope and who shares it", async () => {
    const staging = await keyId("Staging web app");
    const ollama = await providerKey("my-ollama");
    const r = await gw(["chain", "Production web app"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Access key aigk_\w+ \(Production web app\)$/);
    expect(lines[1]).toBe(`Configuration akc_sandbox_default (Default), shared with access key ${staging}`);
    expect(lines[2]).toBe("Access: providers openai, my-ollama; models any");
    expect(lines).toContain("1. provider openai: ngrok.ai inference");
    expect(lines.find((l) => l.startsWith("2. "))).toMatch(new RegExp(`^2\\. provider my-ollama: ollama-bearer \\(${ollama.id}, [^)]+\\)$`));
  });

  it("-o json: the key, its configuration, the keys sharing it, the scope and the rules as records", async () => {
    const chain = await chainOf("Production web app");
    expect(chain).toMatchObject({
      name: "Production web app",
      configuration: { id: "akc_sandbox_default", name: "Default" },
      access: { providers: ["openai", "my-ollama"], models: null },
    });
    expect(chain.sharedWith).toHaveLength(1);
    expect(chain.rules?.[0]).toEqual({ provider: "openai", model: null, steps: [{ type: "ngrok", keys: [] }] });
    expect(chain.rules?.[1]?.steps[0]?.keys[0]).toMatchObject({ name: "ollama-bearer", id: expect.stringMatching(/^aigpk_/) });
  });

  it("a key without a configuration says so in one line and exits 0", async () => {
    const r = await gw(["chain", "CI smoke tests"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Access key aigk_\w+ \(CI smoke tests\)\nNo access key configuration: allow-all scope and ngrok's default routing \(.*\)\.$/); // execa strips the final newline
    expect(await chainOf("CI smoke tests")).toMatchObject({ configuration: null, rules: null, access: null });
  });

  it("exits 4 for an unknown key", async () => {
    const r = await gw(["chain", "no-such-key"]);
    expect(r.exitCode).toBe(4);
  });
});

describe("gw chain set (ngrok)", () => {
  it("--dry-run on a key without a configuration prints the POST and the PATCH that links it, and sends nothing", async () => {
    const ci = await keyId("CI smoke tests");
    const { r, writes } = await writesDuring(["chain", "set", "CI smoke tests", "openai", "ngrok", "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`POST ${sandbox.url}/access-key-configurations\n`);
    expect(r.stdout).toContain(`PATCH ${sandbox.url}/access-keys/${ci}\n`);
    expect(r.stdout).toContain('"accessKeyConfigurationId": "<id of the new configuration>"');
    expect(writes).toEqual([]);
  });

  it("on a key without a configuration: creates one with the rule, links it, and shows the chain", async () => {
    const ollama = await providerKey("my-ollama");
    const r = await gw(["chain", "set", "CI smoke tests", "my-ollama", "ollama-bearer"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/✓ Set the chain of virtual key aigk_\w+/);
    expect(r.stdout).toMatch(/^Configuration aigac_\w+ \(CI smoke tests\)$/m);
    expect(r.stdout).toMatch(new RegExp(`^1\\. provider my-ollama: ollama-bearer \\(${ollama.id}`, "m"));
    const chain = await chainOf("CI smoke tests");
    const config = await wireConfig(chain.configuration!.id);
    expect(config.router?.rules).toEqual([
      { provider: "my-ollama", steps: [{ type: "user", keys: [{ id: ollama.id, name: "ollama-bearer", keyRedacted: expect.any(String) }], keySelectionStrategy: "ordered" }] },
    ]);
    expect(config).not.toHaveProperty("access"); // chain set leaves the scope (allow-all) alone
  });

  it("replaces only the rule for that provider/model: others and the scope stay; keys in a row are one step, tried in order", async () => {
    const second = await api<{ id: string }>("POST", "/provider-keys", { providerId: "my-ollama", name: "ollama-backup", value: "ollama-backup-value-0123456789" });
    expect(second.status).toBe(201);
    const added = await gw(["chain", "set", "CI smoke tests", "openai/gpt-4o", "ngrok", "-q"]);
    expect(added.exitCode, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^aigk_\w+$/);
    const replaced = await gw(["chain", "set", "CI smoke tests", "my-ollama", second.body.id, "ollama-bearer", "-o", "json"]);
    expect(replaced.exitCode, replaced.stderr).toBe(0);
    const chain = JSON.parse(replaced.stdout) as ChainJson;
    expect(chain.rules?.map((r) => [r.provider, r.model])).toEqual([["my-ollama", null], [null, "openai:gpt-4o"]]);
    expect(chain.rules?.[0]?.steps).toHaveLength(1);
    expect(chain.rules?.[0]?.steps[0]?.keys.map((k) => k.name)).toEqual(["ollama-backup", "ollama-bearer"]);
    const rules = (await wireConfig(chain.configuration!.id)).router?.rules;
    expect(rules?.[1]).toEqual({ model: "openai:gpt-4o", steps: [{ type: "ngrok" }] });
  });

  it("--dry-run on a key with its own configuration prints the PATCH of the whole rule list and sends nothing", async () => {
    const chain = await chainOf("CI smoke tests");
    const { r, writes } = await writesDuring(["chain", "set", "CI smoke tests", "anthropic", "ngrok", "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`PATCH ${sandbox.url}/access-key-configurations/${chain.configuration!.id}`);
    const body = JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as { router: { rules: WireRule[] } };
    expect(body.router.rules.map((x) => x.provider ?? x.model)).toEqual(["my-ollama", "openai:gpt-4o", "anthropic"]);
    expect(writes).toEqual([]);
  });

  it("refuses a configuration other keys share (exit 2, naming them) and sends nothing", async () => {
    const production = await keyId("Production web app");
    const { r, writes } = await writesDuring(["chain", "set", "Staging web app", "openai", "ngrok"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`shared with access key ${production}, so changing its router rules would change theirs too`));
    expect(writes).toEqual([]);
  });

  it("refuses bad hops before any request (exit 2), an unknown provider key (exit 4), and passes the server's refusal on (exit 5)", async () => {
    for (const [hops, message] of [
      [["openai"], /name the rule's steps after its provider\[\/model\]/],
      [["open ai", "ngrok"], /invalid rule target "open ai"/],
      [["openai/", "ngrok"], /invalid rule target "openai\/"/],
      [["openai", "ngrok", "ngrok"], /appears twice/],
    ] as const) {
      const { r, writes } = await writesDuring(["chain", "set", "CI smoke tests", ...hops]);
      expect(r.exitCode, hops.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(writes).toEqual([]);
    }
    const unknown = await writesDuring(["chain", "set", "CI smoke tests", "openai", "no-such-provider-key"]);
    expect(unknown.r.exitCode).toBe(4);
    expect(unknown.r.stderr).toMatch(/provider openai has no key with the id or name "no-such-provider-key"/);
    expect(unknown.writes).toEqual([]);
    const refused = await gw(["chain", "set", "CI smoke tests", "my-ollama", "ngrok"]);
    expect(refused.exitCode).toBe(5);
    expect(refused.stderr).toMatch(/HTTP 400 Bad Request: router\.rules\[0\]\.steps\[0\]: an ngrok step is for built-in providers only, not "my-ollama"/);
    expect((await chainOf("CI smoke tests")).rules?.[0]?.steps[0]?.type).toBe("user"); // nothing changed
  });

  it("exits 4 for an unknown access key", async () => {
    const r = await gw(["chain", "set", "no-such-key", "openai", "ngrok"]);
    expect(r.exitCode).toBe(4);
  });
});
