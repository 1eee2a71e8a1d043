import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir, type GwRun } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** gw's record of an ngrok access key (`gw vk ... -o json`). */
interface Key {
  id: string;
  backend: string;
  name: string;
  description: string | null;
  displayPrefix: string | null;
  providersAllowed: string[] | null;
  modelsAllowed: string[] | null;
  allowAllProviders: boolean;
  configuration: { id: string; name: string } | null;
}

/** The sandbox's own bodies, read with plain Bearer requests: the server side of a write. */
interface WireKey {
  id: string;
  name?: string;
  description?: string;
  keyRedacted: string;
  accessKeyConfiguration: { id: string; name: string } | null;
}
interface WireConfig {
  id: string;
  name: string;
  description?: string;
  access?: { providers?: { allow?: string[] }; models?: { allow?: string[] } };
  router?: unknown;
}

const TOKEN = /^ng-[A-Za-z0-9]{5}-g1-[A-Za-z0-9]{40}$/;

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
/** Tokens gw printed once: no later run may show them again (runGw fails the test if one does). */
const issued: string[] = [];
const gw = (args: string[]) => runGw(args, { configDir, env, secrets: issued });

async function server<T>(path: string): Promise<{ status: number; body: T }> {
  const r = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: `Bearer ${sandbox.apiKey}` } });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const wireKey = async (id: string) => (await server<WireKey>(`/access-keys/${id}`)).body;
const wireConfig = async (id: string) => (await server<WireConfig>(`/access-key-configurations/${id}`)).body;
const configCount = async () => (await server<{ aiGatewayAccessKeyConfigurations: unknown[] }>("/access-key-configurations")).body.aiGatewayAccessKeyConfigurations.length;

async function keyNamed(name: string): Promise<Key> {
  const r = await gw(["vk", "get", name, "-o", "json"]);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Key;
}

/** Waits until the sandbox's stderr log has caught up (lines arrive a little after the responses). */
async function settled(): Promise<void> {
  let seen = -1;
  while (seen !== sandbox.log.length) {
    seen = sandbox.log.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The run, and the writes the sandbox logged meanwhile. */
async function writesDuring(args: string[]): Promise<{ r: GwRun; writes: string[] }> {
  await settled();
  const before = sandbox.log.length;
  const r = await gw(args);
  await settled();
  return { r, writes: sandbox.log.slice(before).filter((l) => /^(POST|PATCH|DELETE) /.test(l)) };
}

/** The JSON bodies a --dry-run printed, in order. */
function printedBodies(stdout: string): unknown[] {
  return stdout
    .split(/^(?=POST|PATCH|DELETE)/m)
    .map((block) => block.slice(block.indexOf("\n") + 1).trim())
    .filter(Boolean)
    .map((json) => JSON.parse(json));
}

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "ngrok", "--seed", "demo"]);
  env = { GW_BACKEND: "ngrok", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  // Every request gw sent validated against contracts/ngrok.openapi.json.
  expect(sandbox.contractViolations()).toEqual([]);
  await sandbox?.stop();
});

describe("gw backends (ngrok access keys and chains)", () => {
  it("lists vk list/get/create/update/delete, chain and chain set as supported, with the flags ngrok honours", async () => {
    const r = await gw(["backends", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { backend: string; command: string; supported: boolean; flags: string[]; note: string | null }[]).filter((x) => x.backend === "ngrok");
    const supported = (command: string) => rows.find((x) => x.command === command);
    for (const command of ["vk list", "vk get", "vk create", "vk update", "vk delete", "chain", "chain set"]) expect(supported(command)?.supported, command).toBe(true);
    for (const command of ["vk rotate", "vk revoke", "vk disable", "vk enable"]) expect(supported(command)?.supported, command).toBe(false);
    expect(supported("vk create")?.flags).toEqual(["--name", "--description", "--provider", "--allow-all-providers"]);
    expect(supported("vk update")?.flags).toEqual(["--name", "--description", "--provider", "--allow-all-providers"]);
    expect(supported("vk list")?.note).toMatch(/^access key = virtual key/);
    expect(supported("chain")?.note).toMatch(/^router rule = chain/);
    expect(supported("vk rotate")?.note).toMatch(/cannot be rotated/);
  });
});

describe("gw vk list / get (ngrok)", () => {
  it("lists the access keys; JSON carries each key's configuration and scope, never a token", async () => {
    const r = await gw(["vk", "list", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const keys = JSON.parse(r.stdout) as Key[];
    expect(keys.map((k) => k.name)).toEqual(["CI smoke tests", "Batch jobs", "Staging web app", "Production web app"]);
    const production = keys.find((k) => k.name === "Production web app")!;
    expect(production).toMatchObject({
      backend: "ngrok",
      configuration: { id: "akc_sandbox_default", name: "Default" },
      providersAllowed: ["openai", "my-ollama"],
      modelsAllowed: null,
      allowAllProviders: false,
    });
    expect(keys.find((k) => k.name === "Batch jobs")).toMatchObject({ providersAllowed: ["anthropic"], modelsAllowed: ["anthropic:claude-sonnet-4-6", "anthropic:claude-haiku-4-5"] });
    expect(keys.find((k) => k.name === "CI smoke tests")).toMatchObject({ configuration: null, providersAllowed: null, allowAllProviders: true });
    expect(r.stdout).not.toMatch(/"token"/);
    const table = await gw(["vk", "list"]);
    expect(table.exitCode, table.stderr).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\tNAME\tSTATUS/);
    expect(table.stdout).toMatch(/aigk_\w+\tProduction web app\tactive/);
  });

  it("gets a key by id or name; the table shows its scope and redacted form; --raw is the server's body without a token", async () => {
    const byName = await keyNamed("Production web app");
    const byId = await gw(["vk", "get", byName.id]);
    expect(byId.exitCode, byId.stderr).toBe(0);
    expect(byId.stdout).toMatch(/^Name:\s+Production web app$/m);
    expect(byId.stdout).toMatch(/^Providers:\s+openai, my-ollama$/m);
    expect(byId.stdout).toMatch(/^Prefix:\s+ng-\w{5}-g1-\*{4}\w{4}$/m);
    const raw = await gw(["vk", "get", byName.id, "-o", "json", "--raw"]);
    expect(JSON.parse(raw.stdout)).toEqual(await wireKey(byName.id));
  });

  it("exits 4 for an unknown key, naming it", async () => {
    const r = await gw(["vk", "get", "no-such-key"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/no-such-key/);
  });
});

describe("gw vk create (ngrok)", () => {
  it("--name alone: an allow-all key; the token goes to stdout once, the rest to stderr", async () => {
    const r = await gw(["vk", "create", "--name", "e2e app", "--description", "made by e2e"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(TOKEN);
    issued.push(r.stdout.trim());
    expect(r.stderr).toMatch(/✓ Created virtual key aigk_\w+ \(e2e app\)/);
    expect(r.stderr).toMatch(/shown only this once/);
    const key = await keyNamed("e2e app");
    expect(key).toMatchObject({ description: "made by e2e", configuration: null, allowAllProviders: true });
    expect((await wireKey(key.id)).accessKeyConfiguration).toBeNull();
    expect((await wireKey(key.id)).keyRedacted.endsWith(r.stdout.trim().slice(-4))).toBe(true);
  });

  it("--quiet prints the id and the token, tab-separated; -o json the record and the secret", async () => {
    const q = await gw(["vk", "create", "--name", "e2e quiet", "-q"]);
    expect(q.exitCode, q.stderr).toBe(0);
    const [id, token] = q.stdout.trim().split("\t");
    expect(id).toMatch(/^aigk_/);
    expect(token).toMatch(TOKEN);
    issued.push(token!);
    const j = await gw(["vk", "create", "--name", "e2e json", "-o", "json", "--debug"]);
    const out = JSON.parse(j.stdout) as { virtualKey: Key; secret: string };
    expect(out.secret).toMatch(TOKEN);
    issued.push(out.secret);
    // The --debug trace masks the token in the create's answer: it is on stdout only.
    expect(j.stderr).toMatch(/< 201/);
    expect(j.stderr).not.toContain(out.secret);
    expect(out.virtualKey).toMatchObject({ name: "e2e json", backend: "ngrok" });
  });

  it("--provider makes a configuration holding the scope and links it: providers, and NAME::MODEL,... as provider-qualified models", async () => {
    const r = await gw(["vk", "create", "--name", "e2e scoped", "--provider", "openai::gpt-4o,gpt-4o-mini", "--provider", "anthropic::claude-sonnet-4-6", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const { virtualKey, secret } = JSON.parse(r.stdout) as { virtualKey: Key; secret: string };
    issued.push(secret);
    expect(virtualKey).toMatchObject({
      providersAllowed: ["openai", "anthropic"],
      modelsAllowed: ["openai:gpt-4o", "openai:gpt-4o-mini", "anthropic:claude-sonnet-4-6"],
      allowAllProviders: false,
      configuration: { name: "e2e scoped" },
    });
    const config = await wireConfig(virtualKey.configuration!.id);
    expect(config.access).toEqual({
      providers: { allow: ["openai", "anthropic"] },
      models: { allow: ["openai:gpt-4o", "openai:gpt-4o-mini", "anthropic:claude-sonnet-4-6"] },
    });
    expect(config).not.toHaveProperty("router");
    expect((await wireKey(virtualKey.id)).accessKeyConfiguration?.id).toBe(config.id);
  });

  it("--dry-run prints both POSTs (the key names the configuration it would get) and sends nothing", async () => {
    const before = await configCount();
    const { r, writes } = await writesDuring(["vk", "create", "--name", "e2e dry", "--provider", "openai", "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`POST ${sandbox.url}/access-key-configurations\n`);
    expect(r.stdout).toContain(`POST ${sandbox.url}/access-keys\n`);
    expect(printedBodies(r.stdout)).toEqual([
      { name: "e2e dry", description: "Scope of access key e2e dry (created by gw vk create)", access: { providers: { allow: ["openai"] } } },
      { name: "e2e dry", accessKeyConfigurationId: "<id of the new configuration>" },
    ]);
    expect(writes).toEqual([]);
    expect(await configCount()).toBe(before);
  });

  it("refuses what ngrok keys cannot take before any request (exit 2)", async () => {
    const cases: [string[], RegExp][] = [
      [["--provider", "openai:0.7"], /ngrok does not weight providers/],
      [["--provider", "openai", "--provider", "anthropic::claude-sonnet-4-6"], /the model list applies to every provider of the key, so openai would be allowed no model/],
      [["--provider", "openai", "--allow-all-providers"], /--allow-all-providers and --provider exclude each other/],
      [["--rpm", "60"], /the ngrok backend does not support --rpm on `gw vk create`/],
      [["--budget", "10/1M"], /the ngrok backend does not support --budget on `gw vk create`/],
      [["--chain", "b1"], /the ngrok backend does not support --chain on `gw vk create`/],
    ];
    for (const [flags, message] of cases) {
      const { r, writes } = await writesDuring(["vk", "create", "--name", "e2e refused", ...flags]);
      expect(r.exitCode, flags.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(writes).toEqual([]);
    }
    expect((await gw(["vk", "create"])).exitCode).toBe(2);
  });

  it("passes the server's refusal on as exit 5 with its reason (a provider ngrok does not know); no key is made", async () => {
    const { r, writes } = await writesDuring(["vk", "create", "--name", "e2e unknown", "--provider", "nobody"]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr.trim()).toBe(
      'error: create access key configuration e2e unknown: HTTP 400 Bad Request: access.providers.allow[0]: "nobody" is neither a catalog provider nor one of this account\'s providers',
    );
    expect(writes).toEqual(["POST /access-key-configurations 400"].map((w) => expect.stringMatching(new RegExp(`^${w}`))));
    expect(r.stdout).toBe("");
  });
});

describe("gw vk update (ngrok)", () => {
  it("changes name and description, sending only those fields", async () => {
    const key = await keyNamed("e2e app");
    const r = await gw(["vk", "update", key.id, "--name", "e2e app 2", "--description", "renamed", "-o", "json", "--debug"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('{"name":"e2e app 2","description":"renamed"}');
    expect(await wireKey(key.id)).toMatchObject({ name: "e2e app 2", description: "renamed" });
    expect(JSON.parse(r.stdout)).toMatchObject({ id: key.id, name: "e2e app 2" });
  });

  it("--provider on a key without a configuration makes one and links it; on its own one it replaces the scope; --allow-all-providers clears it", async () => {
    const key = await keyNamed("e2e app 2");
    const scoped = await gw(["vk", "update", key.id, "--provider", "my-ollama", "-o", "json"]);
    expect(scoped.exitCode, scoped.stderr).toBe(0);
    const after = JSON.parse(scoped.stdout) as Key;
    expect(after).toMatchObject({ providersAllowed: ["my-ollama"], configuration: { name: "e2e app 2" } });
    const configId = after.configuration!.id;
    expect((await wireConfig(configId)).access).toEqual({ providers: { allow: ["my-ollama"] } });

    const replaced = await gw(["vk", "update", key.id, "--provider", "openai::gpt-4o", "-o", "json"]);
    expect(replaced.exitCode, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ providersAllowed: ["openai"], modelsAllowed: ["openai:gpt-4o"], configuration: { id: configId } });
    expect((await wireConfig(configId)).access).toEqual({ providers: { allow: ["openai"] }, models: { allow: ["openai:gpt-4o"] } });

    const cleared = await gw(["vk", "update", key.id, "--allow-all-providers", "-q"]);
    expect(cleared.exitCode, cleared.stderr).toBe(0);
    expect(cleared.stdout).toBe(key.id);
    expect(await wireConfig(configId)).not.toHaveProperty("access");
    expect((await keyNamed(key.id)).allowAllProviders).toBe(true);
  });

  it("refuses to change the scope of a configuration other keys share (exit 2, naming them), sending nothing", async () => {
    const staging = await keyNamed("Staging web app");
    const production = await keyNamed("Production web app");
    const { r, writes } = await writesDuring(["vk", "update", "Production web app", "--provider", "openai"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`configuration akc_sandbox_default \\(Default\\) is shared with access key ${staging.id}, so changing its scope would change theirs too`));
    expect(writes).toEqual([]);
    expect((await wireConfig("akc_sandbox_default")).access).toEqual({ providers: { allow: ["openai", "my-ollama"] } });
    // Its own fields are its own: a rename goes through.
    const renamed = await gw(["vk", "update", production.id, "--description", "the web app"]);
    expect(renamed.exitCode, renamed.stderr).toBe(0);
  });

  it("--dry-run prints the PATCH of the configuration and of the key, and sends none", async () => {
    const key = await keyNamed("e2e scoped");
    const { r, writes } = await writesDuring(["vk", "update", key.id, "--provider", "anthropic", "--name", "e2e scoped 2", "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`PATCH ${sandbox.url}/access-key-configurations/${key.configuration!.id}\n`);
    expect(r.stdout).toContain(`PATCH ${sandbox.url}/access-keys/${key.id}\n`);
    expect(printedBodies(r.stdout)).toEqual([{ access: { providers: { allow: ["anthropic"] } } }, { name: "e2e scoped 2" }]);
    expect(writes).toEqual([]);
    expect((await keyNamed(key.id)).name).toBe("e2e scoped");
  });

  it("refuses flags ngrok keys do not have, --no-allow-all-providers alone and an empty update (exit 2); an unknown key is exit 4", async () => {
    const cases: [string[], RegExp][] = [
      [["--rpm", "5"], /the ngrok backend does not support --rpm on `gw vk update`/],
      [["--unset", "rpm"], /the ngrok backend does not support --unset on `gw vk update`/],
      [["--team", "t1"], /the ngrok backend does not support --team/],
      [["--no-allow-all-providers"], /name the providers the key may use with --provider/],
      [[], /nothing to update/],
    ];
    for (const [flags, message] of cases) {
      const { r, writes } = await writesDuring(["vk", "update", "e2e scoped", ...flags]);
      expect(r.exitCode, flags.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(writes).toEqual([]);
    }
    const unknown = await gw(["vk", "update", "no-such-key", "--name", "x"]);
    expect(unknown.exitCode).toBe(4);
  });

  it("exit 5 with the server's reason for a scope it refuses", async () => {
    const r = await gw(["vk", "update", "e2e scoped", "--provider", "nobody"]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/HTTP 400 Bad Request: access\.providers\.allow\[0\]: "nobody" is neither a catalog provider/);
  });
});

describe("gw vk delete (ngrok)", () => {
  it("asks for --yes when not in a terminal (exit 2) and deletes nothing", async () => {
    const key = await keyNamed("e2e quiet");
    const { r, writes } = await writesDuring(["vk", "delete", key.id]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--yes required/);
    expect(writes).toEqual([]);
  });

  it("--dry-run prints the DELETE and sends none", async () => {
    const key = await keyNamed("e2e quiet");
    const { r, writes } = await writesDuring(["vk", "delete", key.id, "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`DELETE ${sandbox.url}/access-keys/${key.id}`);
    expect(writes).toEqual([]);
  });

  it("deletes by id or name (204): the key is gone; its configuration stays; -q prints the id", async () => {
    const scoped = await keyNamed("e2e scoped");
    const r = await gw(["vk", "delete", "e2e scoped", "--yes"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`✓ Deleted virtual key ${scoped.id}`));
    expect((await server(`/access-keys/${scoped.id}`)).status).toBe(404);
    expect((await server(`/access-key-configurations/${scoped.configuration!.id}`)).status).toBe(200);

    const quiet = await keyNamed("e2e quiet");
    const q = await gw(["vk", "delete", quiet.id, "--yes", "-q"]);
    expect(q.exitCode, q.stderr).toBe(0);
    expect(q.stdout).toBe(quiet.id);
  });

  it("exits 4 for an unknown key", async () => {
    const r = await gw(["vk", "delete", "aigk_nope", "--yes"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/aigk_nope/);
  });

  it("never printed a token after its creation (every run above checked the output for it)", () => {
    expect(issued.length).toBeGreaterThanOrEqual(4);
    for (const t of issued) expect(t).toMatch(TOKEN);
  });
});
