import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

interface Gateway {
  id: string;
  name: string;
  status: string;
  zones: string[];
  auth: string;
  routing: string;
  endpoints: string[];
  wandb: unknown;
}

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[], extra: Record<string, string> = {}) => runGw(args, { configDir, env: { ...env, ...extra } });
const json = async <T>(args: string[]): Promise<T> => {
  const r = await gw([...args, "-o", "json"]);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "coreweave", "--transition-ms", "100"]);
  env = { GW_BACKEND: "coreweave", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  expect(sandbox.contractViolations()).toEqual([]);
  await sandbox?.stop();
});

describe("gw gateways list / get / zones on CoreWeave", () => {
  it("lists gateways as a tab-separated table when piped", async () => {
    const r = await gw(["gateways", "list"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n").map((l) => l.split("\t"));
    expect(header).toEqual(["ID", "NAME", "STATUS", "ZONES", "AUTH", "ROUTING", "ENDPOINT"]);
    expect(rows.map((c) => c.slice(1, 6))).toEqual([
      ["chat-prod", "ready", "US-EAST-04A", "coreweave", "body (openai)"],
      ["eval-wandb", "ready", "US-WEST-09B", "wandb", "header (x-model)"],
      ["batch-central", "failed", "US-CENTRAL-07A", "coreweave", "path"],
    ]);
    expect(rows[0]![6]).toMatch(/^https:\/\/gw-/);
    expect(rows[2]![6]).toBe("-");
  });

  it("prints gw's records as JSON and YAML, and the wire bodies with --raw", async () => {
    const list = await json<Gateway[]>(["gateways", "list"]);
    expect(list.map((g) => g.name)).toEqual(["chat-prod", "eval-wandb", "batch-central"]);
    expect(list[1]).toMatchObject({ auth: "wandb", wandb: { serverUrl: "https://api.wandb.ai", usageReports: true, rateLimiting: false } });
    const yaml = await gw(["gateways", "list", "-o", "yaml"]);
    expect(yaml.exitCode).toBe(0);
    expect(parseYaml(yaml.stdout)).toEqual(list);
    const raw = JSON.parse((await gw(["gateways", "ls", "--raw"])).stdout) as { spec: { id: string }; status: { status: string } }[];
    expect(raw.map((g) => g.status.status)).toEqual(["STATUS_READY", "STATUS_READY", "STATUS_FAILED"]);
    expect(raw[0]!.spec.id).toBe(list[0]!.id);
  });

  it("--updated-after lists only gateways changed since then", async () => {
    expect(await json<Gateway[]>(["gateways", "list", "--updated-after", "2026-10-05T08:30:00Z"])).toHaveLength(2);
    expect(await json<Gateway[]>(["gateways", "list", "--updated-after", "2030-01-01"])).toEqual([]);
    const empty = await gw(["gateways", "list", "--updated-after", "2030-01-01"]);
    expect(empty.stdout).toBe("");
    expect(empty.stderr).toMatch(/No gateways/);
    const bad = await gw(["gateways", "list", "--updated-after", "soon"]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--updated-after/);
  });

  it("gets one gateway as a detail table, JSON or raw", async () => {
    const [chat, , failed] = await json<Gateway[]>(["gateways", "list"]);
    const table = await gw(["gateways", "get", chat!.id]);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/^ID: +[0-9a-f-]{36}$/m);
    expect(table.stdout).toMatch(/^Routing: +body \(openai\)$/m);
    expect(table.stdout).toMatch(/^Additional DNS: +llm\.example\.com$/m);
    expect(await json<Gateway>(["gateways", "get", chat!.id])).toEqual(chat);
    const detail = await gw(["gateways", "get", failed!.id]);
    expect(detail.stdout).toMatch(/^Status: +failed: ProvisioningFailed: no inference gateway capacity in US-CENTRAL-07A/m);
    const raw = JSON.parse((await gw(["gateways", "get", chat!.id, "--raw"])).stdout);
    expect(raw.spec.endpointConfiguration).toEqual({ additionalDns: ["llm.example.com"] });
  });

  it("an unknown id exits 4", async () => {
    const r = await gw(["gateways", "get", "00000000-0000-4000-8000-000000000000"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/^error: get gateway 00000000-0000-4000-8000-000000000000: HTTP 404 Not Found: .*\(NOT_FOUND\)$/m);
  });

  it("prints the zones", async () => {
    const table = await gw(["gateways", "zones"]);
    expect(table.stdout).toBe("ZONE\nUS-EAST-04A\nUS-EAST-06A\nUS-WEST-09B\nUS-CENTRAL-07A"); // execa strips the final newline
    expect(await json<string[]>(["gateways", "zones"])).toEqual(["US-EAST-04A", "US-EAST-06A", "US-WEST-09B", "US-CENTRAL-07A"]);
    expect(JSON.parse((await gw(["gateways", "zones", "--raw"])).stdout)).toEqual({ zones: ["US-EAST-04A", "US-EAST-06A", "US-WEST-09B", "US-CENTRAL-07A"] });
  });
});

describe("auth and capabilities on CoreWeave", () => {
  it("a wrong token exits 3", async () => {
    const r = await gw(["gateways", "list"], { GW_API_KEY: "not-the-token-1234" });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/HTTP 401 Unauthorized: invalid or expired API access token \(UNAUTHENTICATED\)/);
  });

  it("a profile added with --backend coreweave sends its key as a Bearer token", async () => {
    const dir = tempConfigDir();
    const add = await runGw(["profile", "add", "cw", "--backend", "coreweave", "--base-url", sandbox.url, "--api-key-stdin"], { configDir: dir, input: sandbox.apiKey });
    expect(add.exitCode, add.stderr).toBe(0);
    const r = await runGw(["gateways", "list", "-o", "json"], { configDir: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(3);
  });

  it("provider-binding commands exit 2 naming the backend, before any request", async () => {
    const before = sandbox.log.length;
    for (const args of [["providers", "list"], ["vk", "list"], ["limits"], ["chain", "x"]]) {
      const r = await gw(args);
      expect(r.exitCode, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/the coreweave backend does not support .*CoreWeave has inference gateways, not provider bindings: use gw gateways/);
    }
    expect(sandbox.log.slice(before)).toEqual([]);
  });

  it("gw gateways on another backend exits 2 naming it", async () => {
    for (const backend of ["langwatch", "bifrost", "ngrok"]) {
      const r = await gw(["gateways", "list"], { GW_BACKEND: backend });
      expect(r.exitCode, backend).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`the ${backend} backend does not support \`gw gateways list\``));
    }
  });

  it("gw backends shows the CoreWeave rows", async () => {
    const rows = await json<{ backend: string; command: string; supported: boolean; flags: string[]; note: string | null }[]>(["backends"]);
    const cw = rows.filter((r) => r.backend === "coreweave");
    expect(cw.filter((r) => r.supported).map((r) => r.command)).toEqual([
      "gateways list", "gateways get", "gateways create", "gateways update", "gateways delete", "gateways zones",
    ]);
    expect(cw.find((r) => r.command === "providers list")!.note).toBe("CoreWeave has inference gateways, not provider bindings: use gw gateways");
    expect(cw.find((r) => r.command === "gateways create")!.flags).toEqual(expect.arrayContaining(["--zone", "--auth", "--wait", "--wait-timeout", "--wandb-api-key-stdin"]));
    expect(cw.find((r) => r.command === "gateways delete")!.flags).toEqual(["--yes", "--wait", "--wait-timeout"]);
    expect(rows.filter((r) => r.backend === "langwatch" && r.command.startsWith("gateways ")).every((r) => !r.supported)).toBe(true);
  });
});
