import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir, type GwRun } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** gw's record of an ngrok provider key (docs/backends/ngrok.md, "Provider keys"). */
interface Key {
  id: string;
  backend: string;
  provider: string;
  name: string;
  weight: number | null;
  models: string[] | null;
  enabled: boolean;
  createdAt: string | null;
  updatedAt: string | null;
  details: Record<string, unknown>;
}

/** The sandbox's own body for a key, read with a plain Bearer request: the server side of a write. */
interface Wire {
  id: string;
  providerId: string;
  name: string;
  keyRedacted: string;
  updatedAt: string;
}

/**
 * Every value this file sends. Each gw run is checked against all of them (runGw fails the test when one
 * appears in stdout or stderr), so a value of one test cannot show up in another's output either.
 */
const VALUES = {
  stdin: "sk-e2e-stdin-value-0000000000000001",
  env: "sk-e2e-env-value-00000000000000000002",
  rotated: "sk-e2e-rotated-value-000000000000003",
  envRotated: "sk-e2e-env-rotated-000000000000000004",
  updated: "sk-e2e-updated-value-000000000000005",
  dry: "sk-e2e-dry-run-value-000000000000006",
  debug: 'sk-e2e-"debug"-value-00000000000007',
};
const ALL_VALUES = Object.values(VALUES);

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) =>
  runGw(args, { configDir, env: { ...env, ...opts.env }, secrets: ALL_VALUES, ...(opts.input !== undefined ? { input: opts.input } : {}) });

const auth = () => ({ Authorization: `Bearer ${sandbox.apiKey}` });

async function server(id: string): Promise<Wire> {
  const r = await fetch(`${sandbox.url}/provider-keys/${encodeURIComponent(id)}`, { headers: auth() });
  expect(r.status).toBe(200);
  return (await r.json()) as Wire;
}

async function serverStatus(id: string): Promise<number> {
  const r = await fetch(`${sandbox.url}/provider-keys/${encodeURIComponent(id)}`, { headers: auth() });
  await r.body?.cancel();
  return r.status;
}

async function providerServerId(providerId: string): Promise<string> {
  const r = await fetch(`${sandbox.url}/providers`, { headers: auth() });
  const body = (await r.json()) as { aiGatewayProviders: { id: string; providerId: string }[] };
  return body.aiGatewayProviders.find((p) => p.providerId === providerId)!.id;
}

/** Waits until the sandbox's stderr log has caught up (lines arrive a little after the responses). */
async function settled(): Promise<void> {
  let seen = -1;
  while (seen !== sandbox.log.length) {
    seen = sandbox.log.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The run and the sandbox log lines written while it ran. */
async function logged(run: () => Promise<GwRun>): Promise<{ r: GwRun; lines: string[] }> {
  await settled();
  const before = sandbox.log.length;
  const r = await run();
  await settled();
  return { r, lines: sandbox.log.slice(before) };
}

const writesIn = (lines: string[]) => lines.filter((l) => /^(POST|PATCH|DELETE) /.test(l));

async function listed(args: string[] = []): Promise<Key[]> {
  const r = await gw(["providers", "keys", "list", ...args, "-o", "json"]);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Key[];
}

/** A fresh key to change, so the tests do not depend on each other's order. */
async function added(provider: string, name: string): Promise<string> {
  const r = await gw(["providers", "keys", "add", provider, "--name", name, "-q"], { env: { GW_PROVIDER_KEY: VALUES.env } });
  expect(r.exitCode, r.stderr).toBe(0);
  return r.stdout.trim();
}

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "ngrok", "--seed", "demo"]);
  env = { GW_BACKEND: "ngrok", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  // Every request gw sent validated against contracts/ngrok.openapi.json.
  expect(sandbox.contractViolations()).toEqual([]);
  // Not one of the values reached the sandbox's log either (it logs method, path and status only).
  for (const value of ALL_VALUES) expect(sandbox.log.join("\n")).not.toContain(value);
  await sandbox?.stop();
});

describe("gw providers keys list (ngrok)", () => {
  it("lists every key of the account without a provider: a table with no value column", async () => {
    const r = await gw(["providers", "keys", "list"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("ID\tPROVIDER\tNAME\tWEIGHT\tMODELS\tSTATUS");
    expect(lines.some((l) => /^aigpk_\w+\tmy-ollama\tollama-bearer\t-\tall\tenabled$/.test(l))).toBe(true);
    expect(lines.some((l) => /^aigpk_\w+\ttogether-proxy\ttogether-prod\t-\tall\tenabled$/.test(l))).toBe(true);
  });

  it("-o json: gw's record, without the value or even its redacted form", async () => {
    const keys = await listed();
    const ollama = keys.find((k) => k.provider === "my-ollama")!;
    expect(ollama).toEqual({
      id: expect.stringMatching(/^aigpk_/),
      backend: "ngrok",
      provider: "my-ollama",
      name: "ollama-bearer",
      weight: null,
      models: null,
      enabled: true,
      createdAt: "2026-06-01T09:25:00Z",
      updatedAt: "2026-06-01T09:25:00Z",
      details: {
        uri: `${sandbox.url}/provider-keys/${ollama.id}`,
        description: "Bearer token of the lab Ollama proxy",
        metadata: null,
        lastUsed: "2026-06-01T10:30:00Z",
        createdBy: "ak_sandbox",
        lastUpdatedBy: "ak_sandbox",
      },
    });
    const wire = await server(ollama.id);
    expect(JSON.stringify(keys)).not.toContain(wire.keyRedacted);
  });

  it("with a provider: only its keys, by providerId or by the provider's server id", async () => {
    const byProviderId = await listed(["my-ollama"]);
    expect(byProviderId.length).toBeGreaterThan(0);
    expect(new Set(byProviderId.map((k) => k.provider))).toEqual(new Set(["my-ollama"]));
    expect(await listed([await providerServerId("my-ollama")])).toEqual(byProviderId);
    const none = await gw(["providers", "keys", "list", "anthropic"]);
    expect(none.exitCode).toBe(0);
    expect(none.stdout).toBe("");
    expect(none.stderr).toMatch(/^No provider keys\. Add one: gw providers keys add/);
  });
});

describe("gw providers keys add (ngrok)", () => {
  it("--value-stdin: the key is created for the provider, its value only on the server (as a redacted form)", async () => {
    const r = await gw(["providers", "keys", "add", "openai", "--name", "openai-byok", "--value-stdin", "-o", "json"], { input: `${VALUES.stdin}\n` });
    expect(r.exitCode, r.stderr).toBe(0);
    const key = JSON.parse(r.stdout) as Key;
    expect(key).toMatchObject({ provider: "openai", name: "openai-byok", backend: "ngrok", enabled: true });
    expect(r.stderr).toBe(`✓ Added key ${key.id} (openai-byok) to provider openai`);
    const wire = await server(key.id);
    expect(wire).toMatchObject({ providerId: "openai", name: "openai-byok" });
    expect(wire).not.toHaveProperty("value");
    expect(JSON.stringify(wire)).not.toContain(VALUES.stdin);
    expect((await listed(["openai"])).map((k) => k.id)).toContain(key.id);
  });

  it("GW_PROVIDER_KEY, -q: prints only the new id; a custom provider's server id names it by its providerId", async () => {
    const r = await gw(["providers", "keys", "add", await providerServerId("my-ollama"), "--name", "ollama-second", "-q"], {
      env: { GW_PROVIDER_KEY: VALUES.env },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^aigpk_\w+$/);
    expect(await server(r.stdout)).toMatchObject({ providerId: "my-ollama", name: "ollama-second" });
  });

  it("--dry-run prints the POST with the value masked and creates nothing", async () => {
    const { r, lines } = await logged(() =>
      gw(["providers", "keys", "add", "openai", "--name", "dry", "--value-stdin", "--dry-run"], { input: VALUES.dry }),
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`POST ${sandbox.url}/provider-keys\n`);
    const body = JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as Record<string, string>;
    expect(body).toEqual({ providerId: "openai", name: "dry", value: expect.stringMatching(/\*{4}/) });
    expect(writesIn(lines)).toEqual([]);
  });

  it("refuses before any request: no value (exit 2, never argv), flags ngrok keys do not have, an empty stdin", async () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [["providers", "keys", "add", "openai", "--name", "n"], undefined, /the key's value is needed: pipe it with --value-stdin or set GW_PROVIDER_KEY/],
      [["providers", "keys", "add", "openai", "--name", "n", "--weight", "0.5"], VALUES.stdin, /the ngrok backend does not support --weight on `gw providers keys add`/],
      [["providers", "keys", "add", "openai", "--name", "n", "--model", "gpt-4o"], VALUES.stdin, /the ngrok backend does not support --model/],
      [["providers", "keys", "add", "openai", "--name", "n", "--value-stdin"], "", /--value-stdin: stdin was empty/],
      [["providers", "keys", "add", "openai", "--value-stdin"], VALUES.stdin, /required option '--name <name>' not specified/],
    ];
    for (const [args, input, message] of cases) {
      const { r, lines } = await logged(() => gw(args, input === undefined ? {} : { input }));
      expect(r.exitCode, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(writesIn(lines)).toEqual([]);
    }
  });

  it("a provider the server does not know: exit 5 with the server's reason", async () => {
    const r = await gw(["providers", "keys", "add", "no-such-provider", "--name", "n", "--value-stdin"], { input: VALUES.stdin });
    expect(r.exitCode).toBe(5);
    expect(r.stderr.trim()).toBe(
      'error: add a key to provider no-such-provider: HTTP 400 Bad Request: providerId "no-such-provider" is neither a catalog provider nor a custom provider of this account',
    );
  });
});

describe("gw providers keys update (ngrok)", () => {
  it("--name sends only the name (PATCH); the value is kept", async () => {
    const id = await added("together-proxy", "to-rename");
    const before = await server(id);
    const { r, lines } = await logged(() => gw(["providers", "keys", "update", "together-proxy", id, "--name", "renamed", "-o", "json", "--debug"]));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('{"name":"renamed"}');
    expect(writesIn(lines)).toEqual([expect.stringMatching(new RegExp(`^PATCH /provider-keys/${id} 200`))]);
    expect((JSON.parse(r.stdout) as Key).name).toBe("renamed");
    const after = await server(id);
    expect(after.name).toBe("renamed");
    expect(after.keyRedacted).toBe(before.keyRedacted);
  });

  it("--value-stdin rotates the value in place (POST .../rotate), with a new --name if given", async () => {
    const id = await added("together-proxy", "to-update");
    const before = await server(id);
    const { r, lines } = await logged(() =>
      gw(["providers", "keys", "update", "together-proxy", id, "--value-stdin", "--name", "updated", "-q"], { input: VALUES.updated }),
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(id);
    expect(writesIn(lines)).toEqual([expect.stringMatching(new RegExp(`^POST /provider-keys/${id}/rotate 200`))]);
    const after = await server(id);
    expect(after.name).toBe("updated");
    expect(after.keyRedacted).not.toBe(before.keyRedacted);
  });

  it("refuses flags ngrok keys do not have and an update that names nothing (exit 2)", async () => {
    const id = await added("together-proxy", "untouched");
    for (const [flag, message] of [
      [["--disable"], /the ngrok backend does not support --disable/],
      [["--weight", "1"], /the ngrok backend does not support --weight/],
      [[], /nothing to update/],
    ] as const) {
      const { r, lines } = await logged(() => gw(["providers", "keys", "update", "together-proxy", id, ...flag]));
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(writesIn(lines)).toEqual([]);
    }
  });
});

describe("gw providers keys rotate (ngrok)", () => {
  it("--value-stdin: a new value, same id and name; the record never shows it", async () => {
    const id = await added("my-ollama", "to-rotate");
    const before = await server(id);
    const { r, lines } = await logged(() => gw(["providers", "keys", "rotate", "my-ollama", id, "--value-stdin", "-o", "json"], { input: VALUES.rotated }));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe(`✓ Rotated key ${id} (to-rotate) of provider my-ollama`);
    expect(writesIn(lines)).toEqual([expect.stringMatching(new RegExp(`^POST /provider-keys/${id}/rotate 200`))]);
    expect(JSON.parse(r.stdout)).toMatchObject({ id, name: "to-rotate", provider: "my-ollama" });
    const after = await server(id);
    expect(after).toMatchObject({ id, name: "to-rotate" });
    expect(after.keyRedacted).not.toBe(before.keyRedacted);
  });

  it("GW_PROVIDER_KEY and -q; the provider may be named by its server id", async () => {
    const id = await added("my-ollama", "env-rotate");
    const r = await gw(["providers", "keys", "rotate", await providerServerId("my-ollama"), id, "-q"], { env: { GW_PROVIDER_KEY: VALUES.envRotated } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(id);
  });

  it("--dry-run prints the rotation with the value masked and sends it not; --debug masks it too", async () => {
    const id = await added("my-ollama", "dry-rotate");
    const before = await server(id);
    const { r, lines } = await logged(() => gw(["providers", "keys", "rotate", "my-ollama", id, "--value-stdin", "--dry-run"], { input: VALUES.dry }));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^POST ${sandbox.url}/provider-keys/${id}/rotate\n`));
    expect(JSON.parse(r.stdout.slice(r.stdout.indexOf("{")))).toEqual({ name: "dry-rotate", value: expect.stringMatching(/\*{4}/) });
    expect(writesIn(lines)).toEqual([]);
    expect((await server(id)).keyRedacted).toBe(before.keyRedacted);

    // A value with quotes travels JSON-escaped in the body: masked in that form as well.
    const debug = await gw(["providers", "keys", "rotate", "my-ollama", id, "--value-stdin", "--debug"], { input: VALUES.debug });
    expect(debug.exitCode, debug.stderr).toBe(0);
    expect(debug.stderr).toMatch(/> POST \S+\/rotate/);
    expect(debug.stderr).not.toContain(JSON.stringify(VALUES.debug).slice(1, -1));
  });

  it("refuses a key of another provider (exit 4), sending no write", async () => {
    const id = await added("my-ollama", "not-together");
    const { r, lines } = await logged(() =>
      gw(["providers", "keys", "rotate", "together-proxy", id, "--value-stdin"], { input: VALUES.rotated }),
    );
    expect(r.exitCode).toBe(4);
    expect(r.stderr.trim()).toBe(
      `error: rotate provider key ${id}: provider together-proxy has no key ${id}: that key is for provider my-ollama; nothing was changed`,
    );
    expect(writesIn(lines)).toEqual([]);
  });

  it("an unknown key is exit 4; no value is exit 2 before any request", async () => {
    const unknown = await gw(["providers", "keys", "rotate", "my-ollama", "aigpk_nope", "--value-stdin"], { input: VALUES.rotated });
    expect(unknown.exitCode).toBe(4);
    expect(unknown.stderr).toMatch(/rotate provider key aigpk_nope: no provider key aigpk_nope/);
    const { r, lines } = await logged(() => gw(["providers", "keys", "rotate", "my-ollama", "aigpk_nope"]));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/the key's value is needed/);
    expect(lines).toEqual([]);
  });
});

describe("gw providers keys remove (ngrok)", () => {
  it("refuses without --yes off a terminal (exit 2): the key stays", async () => {
    const id = await added("together-proxy", "keep-me");
    const { r, lines } = await logged(() => gw(["providers", "keys", "remove", "together-proxy", id]));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--yes required to remove a key when not running in a terminal/);
    expect(writesIn(lines)).toEqual([]);
    expect(await serverStatus(id)).toBe(200);
  });

  it("--yes deletes it (204); -q prints the id", async () => {
    const id = await added("together-proxy", "remove-me");
    const r = await gw(["providers", "keys", "remove", "together-proxy", id, "--yes"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe(`✓ Removed key ${id} from provider together-proxy`);
    expect(await serverStatus(id)).toBe(404);

    const quiet = await added("together-proxy", "remove-quietly");
    const q = await gw(["providers", "keys", "rm", "together-proxy", quiet, "--yes", "-q"]);
    expect(q.exitCode, q.stderr).toBe(0);
    expect(q.stdout).toBe(quiet);
    expect(await serverStatus(quiet)).toBe(404);
  });

  it("--dry-run prints the DELETE and sends none; another provider's key is exit 4; an unknown one exit 4", async () => {
    const id = await added("together-proxy", "dry-remove");
    const { r, lines } = await logged(() => gw(["providers", "keys", "remove", "together-proxy", id, "--dry-run"]));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`DELETE ${sandbox.url}/provider-keys/${id}`);
    expect(writesIn(lines)).toEqual([]);

    const wrong = await gw(["providers", "keys", "remove", "openai", id, "--yes"]);
    expect(wrong.exitCode).toBe(4);
    expect(wrong.stderr).toMatch(/provider openai has no key \S+: that key is for provider together-proxy; nothing was changed/);
    expect(await serverStatus(id)).toBe(200);

    const unknown = await gw(["providers", "keys", "remove", "together-proxy", "aigpk_nope", "--yes"]);
    expect(unknown.exitCode).toBe(4);
  });

  it("a provider's keys keep it from being deleted: the 409 names them", async () => {
    const ids = (await listed(["my-ollama"])).map((k) => k.id);
    const r = await gw(["providers", "delete", "my-ollama", "--yes"]);
    expect(r.exitCode).toBe(5);
    for (const id of ids) expect(r.stderr).toContain(id);
  });
});

describe("gw backends: provider keys", () => {
  it("ngrok supports every keys verb; Bifrost says how to rotate instead, LangWatch and CoreWeave why not", async () => {
    const r = await gw(["backends", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { backend: string; command: string; supported: boolean; flags: string[]; note: string | null }[];
    const row = (backend: string, command: string) => rows.find((x) => x.backend === backend && x.command === command)!;
    for (const verb of ["list", "add", "update", "rotate", "remove"]) expect(row("ngrok", `providers keys ${verb}`).supported, verb).toBe(true);
    expect(row("ngrok", "providers keys add").flags).toEqual(["--name", "--value-stdin"]);
    expect(row("ngrok", "providers keys update").flags).toEqual(["--name", "--value-stdin"]);
    expect(row("ngrok", "providers keys rotate").flags).toEqual(["--value-stdin"]);
    expect(row("bifrost", "providers keys rotate")).toMatchObject({ supported: false, note: "update the value with `gw providers keys update --value-stdin`" });
    expect(row("langwatch", "providers keys rotate").note).toMatch(/LangWatch keeps provider credentials in its dashboard/);
    expect(row("coreweave", "providers keys rotate").supported).toBe(false);
    expect(row("coreweave", "providers keys rotate").note).toBeTruthy();
  });
});
