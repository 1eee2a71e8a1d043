import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** Issue 5 "Scripting": --dry-run on every write, --quiet prints ids, every list speaks JSON. */
let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[]) => runGw(args, { configDir, env });
const writes = () => sandbox.log.filter((l) => /^(POST|PATCH|PUT|DELETE) /.test(l));

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--seed", "demo"]);
  env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => sandbox?.stop());

async function activeBinding(): Promise<{ id: string; providerId: string; slot: string }> {
  const list = JSON.parse((await gw(["providers", "list", "-o", "json"])).stdout) as { id: string; providerId: string; slot: string; status: string }[];
  return list.find((b) => b.status === "active")!;
}

describe("--dry-run sends nothing and prints the request", () => {
  it.each([
    ["providers update", (id: string) => ["providers", "update", id, "--rpm", "5"], "PATCH", '"rate_limit_rpm": 5'],
    ["providers disable", (id: string) => ["providers", "disable", id], "DELETE", ""],
    ["providers bind", () => ["providers", "bind", "--provider", "mp_dryrun", "--slot", "dry", "--rpm", "9"], "POST", '"model_provider_id": "mp_dryrun"'],
  ])("%s", async (_name, args, method, body) => {
    const { id } = await activeBinding();
    const before = writes().length;
    const r = await gw([...args(id), "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${method} ${sandbox.url.replace(/[.]/g, "\\.")}/api/gateway/v1/providers`));
    if (body) expect(r.stdout).toContain(body);
    expect(r.stderr).toMatch(/dry run: nothing was sent/);
    expect(r.stdout + r.stderr).not.toContain(sandbox.apiKey);
    expect(writes().length).toBe(before);
  });
});

describe("--quiet prints only ids", () => {
  it("providers update -q prints the binding id alone", async () => {
    const { id } = await activeBinding();
    const r = await gw(["providers", "update", id, "--rpm", "77", "-q"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(id); // execa strips the final newline
  });

  it("vk create -q prints the id and the one-time secret, tab-separated; vk revoke -q the id", async () => {
    const { id: binding } = await activeBinding();
    const created = await gw(["vk", "create", "--name", "quiet-key", "--chain", binding, "-q"]);
    expect(created.exitCode, created.stderr).toBe(0);
    const [keyId, secret, ...rest] = created.stdout.trimEnd().split("\t");
    expect(rest).toEqual([]);
    expect(keyId).toMatch(/\S+/);
    expect(secret!.length).toBeGreaterThan(16);
    expect(created.stderr).toMatch(/shown only this once/);
    const revoked = await gw(["vk", "revoke", keyId!, "--yes", "-q"]);
    expect(revoked.exitCode, revoked.stderr).toBe(0);
    expect(revoked.stdout).toBe(keyId);
  });
});

describe("every list command speaks JSON", () => {
  it.each(["profile list", "providers list", "vk list", "limits", "backends"])("gw %s -o json prints one array", async (command) => {
    const r = await gw([...command.split(" "), "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
  });
});
