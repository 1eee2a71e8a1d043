import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/**
 * The redaction sweep (issue 6): every command, with --debug (the full HTTP trace) and, for writes,
 * --dry-run (the request that would be sent). runGw fails any run whose output contains the key or its
 * base64; here we also check that the trace really ran and shows the masked form instead.
 */
let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[]) => runGw(args, { configDir, env });

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--seed", "demo"]);
  env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => sandbox?.stop());

const masked = () => `${sandbox.apiKey.slice(0, 4)}****${sandbox.apiKey.slice(-4)}`;

describe("redaction: the key never appears, whatever gw prints", () => {
  it("reads, with --debug, in every format", async () => {
    const ids = JSON.parse((await gw(["providers", "list", "-o", "json"])).stdout) as { id: string }[];
    const keys = JSON.parse((await gw(["vk", "list", "-o", "json"])).stdout) as { id: string }[];
    const commands = [
      ["providers", "list"], ["providers", "list", "-o", "yaml"], ["providers", "list", "--raw"], ["providers", "get", ids[0]!.id],
      ["vk", "list"], ["vk", "get", keys[0]!.id, "--raw"], ["chain", keys[0]!.id], ["limits"], ["export"],
      ["api", "GET", "/api/gateway/v1/providers"], ["providers", "get", "no-such-binding"],
    ];
    for (const args of commands) {
      const r = await gw([...args, "--debug"]);
      expect(r.stderr, args.join(" ")).toMatch(/^> GET /m);
      expect(r.stderr, args.join(" ")).toContain(`X-Auth-Token: ${masked()}`);
    }
    // Makes no request, but shows the key: masked.
    expect((await gw(["profile", "show", "--debug"])).stdout).toContain(masked());
  });

  it("writes, with --dry-run --debug", async () => {
    // Active ones: disabling a disabled binding or revoking a revoked key sends nothing ("already ...").
    const binding = (JSON.parse((await gw(["providers", "list", "-o", "json"])).stdout) as { id: string; status: string }[]).find((b) => b.status === "active");
    const key = (JSON.parse((await gw(["vk", "list", "-o", "json"])).stdout) as { id: string; status: string }[]).find((k) => k.status === "active");
    const commands = [
      ["providers", "update", binding!.id, "--rpm", "5", "--header", "X-Trace=1"], ["providers", "disable", binding!.id, "--yes"],
      ["providers", "bind", "--provider", "mp_x", "--rpm", "1"], ["vk", "create", "--name", "r", "--chain", binding!.id],
      ["vk", "rotate", key!.id], ["vk", "revoke", key!.id], ["chain", "set", key!.id, binding!.id],
      ["api", "PATCH", `/api/gateway/v1/providers/${binding!.id}`, "-F", "rate_limit_rpm=5"],
    ];
    for (const args of commands) {
      const r = await gw([...args, "--dry-run", "--debug"]);
      expect(r.exitCode, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(" ")).toMatch(/^(POST|PATCH|PUT|DELETE) http/m);
    }
  });

  it("profiles: a key piped to profile add is masked in list, show and their JSON", async () => {
    const dir = tempConfigDir();
    const secret = "sk-lw-redaction-check-0123456789";
    const run = (args: string[], input?: string) => runGw(args, { configDir: dir, secrets: [secret], ...(input ? { input } : {}) });
    expect((await run(["profile", "add", "p", "--base-url", sandbox.url, "--api-key-stdin", "--debug"], secret)).exitCode).toBe(0);
    for (const args of [["profile", "list"], ["profile", "show"], ["profile", "show", "p", "-o", "json"], ["profile", "list", "-o", "yaml"]]) {
      expect((await run([...args, "--debug"])).exitCode, args.join(" ")).toBe(0);
    }
  });
});
