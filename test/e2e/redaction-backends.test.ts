import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { authHeaders as bifrostAuthHeaders } from "../../src/backends/bifrost/auth.js";
import { maskSecret } from "../../src/redact.js";
import { runGw, tempConfigDir, type GwRun } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";
import { SEEDED_SECRETS } from "./bifrost-helpers.js";

/**
 * The redaction sweep (issue 6) on Bifrost (Basic and Bearer), ngrok and CoreWeave: every command with
 * --debug (the full HTTP trace), every write also with --dry-run, and export / diff / apply --dry-run.
 * runGw fails any run whose output holds a secret given to it (or its base64: Basic auth carries
 * base64(user:password)); here we also check that the trace ran and shows the masked form instead.
 */
const WRITE_LINE = /^(POST|PUT|PATCH|DELETE) http/m;
const dir = mkdtempSync(join(tmpdir(), "gw-redaction-"));
const writeDoc = (name: string, doc: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, stringify(doc));
  return file;
};

interface Rig {
  sandbox: SandboxProcess;
  gw(args: string[], opts?: { env?: Record<string, string>; input?: string }): Promise<GwRun>;
  /** The auth header line as the trace must show it: masked. */
  maskedAuth: string;
}

async function rig(
  backend: "bifrost" | "ngrok" | "coreweave",
  sandboxArgs: string[],
  keyOf: (apiKey: string) => string,
  secretsOf: (apiKey: string) => string[],
  authHeader: (key: string) => string,
  extraEnv: Record<string, string> = {},
): Promise<Rig> {
  const sandbox = await startSandboxProcess(["--backend", backend, ...sandboxArgs]);
  const key = keyOf(sandbox.apiKey);
  const env = { GW_BACKEND: backend, GW_BASE_URL: sandbox.url, GW_API_KEY: key, ...extraEnv };
  const configDir = tempConfigDir();
  const secrets = secretsOf(sandbox.apiKey);
  return {
    sandbox,
    maskedAuth: `> Authorization: ${maskSecret(authHeader(key))}`,
    gw: (args, opts = {}) =>
      runGw(args, { configDir, env: { ...env, ...opts.env }, secrets, ...(opts.input !== undefined ? { input: opts.input } : {}) }),
  };
}

/** Reads with --debug: the trace ran (a GET line) and shows the auth header masked. */
async function sweepReads(r: Rig, commands: string[][]): Promise<void> {
  for (const args of commands) {
    const run = await r.gw([...args, "--debug"]);
    expect(run.stderr, args.join(" ")).toMatch(/^> GET /m);
    expect(run.stderr, args.join(" ")).toContain(r.maskedAuth);
  }
}

/** Writes: first --dry-run --debug (the request printed, nothing sent), then for real with --debug. */
async function sweepWrites(r: Rig, commands: { args: string[]; input?: string; env?: Record<string, string> }[]): Promise<GwRun[]> {
  const runs: GwRun[] = [];
  for (const { args, ...opts } of commands) {
    const dry = await r.gw([...args, "--dry-run", "--debug"], opts);
    expect(dry.exitCode, `${args.join(" ")} --dry-run: ${dry.stderr}`).toBe(0);
    expect(dry.stdout, args.join(" ")).toMatch(WRITE_LINE);
    const real = await r.gw([...args, "--debug"], opts);
    expect(real.exitCode, `${args.join(" ")}: ${real.stderr}`).toBe(0);
    expect(real.stderr, args.join(" ")).toMatch(/^> (POST|PUT|PATCH|DELETE) /m);
    expect(real.stderr, args.join(" ")).toContain(r.maskedAuth);
    runs.push(dry, real);
  }
  return runs;
}

/** export, diff and apply --dry-run of an edited document, all with --debug. */
async function sweepConfig(r: Rig, edit: (doc: Record<string, any>) => void, env: Record<string, string> = {}): Promise<void> {
  const exported = await r.gw(["export", "--debug"]);
  expect(exported.exitCode, exported.stderr).toBe(0);
  expect(exported.stderr).toContain(r.maskedAuth);
  const doc = parse(exported.stdout) as Record<string, any>;
  edit(doc);
  const file = writeDoc(`${doc.backend}-${Math.random().toString(36).slice(2)}.yaml`, doc);
  const diff = await r.gw(["diff", "-f", file, "--debug"], { env });
  expect(diff.exitCode, diff.stderr).toBe(0);
  expect(diff.stderr).toContain(r.maskedAuth);
  const dry = await r.gw(["apply", "-f", file, "--dry-run", "--debug"], { env });
  expect(dry.exitCode, dry.stderr).toBe(0);
  expect(dry.stdout).toMatch(WRITE_LINE);
}

describe.each(["basic", "bearer"] as const)("redaction on Bifrost with --auth %s", (auth) => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig(
      "bifrost",
      ["--bifrost-auth", auth],
      (apiKey) => (auth === "basic" ? `admin:${apiKey}` : apiKey),
      // The password on its own and the seeded upstream keys too (runGw also checks each one's base64).
      (apiKey) => [apiKey, ...SEEDED_SECRETS],
      (key) => bifrostAuthHeaders(key, auth).Authorization!,
      { GW_AUTH: auth },
    );
  });
  afterAll(async () => r?.sandbox.stop());

  it("reads with --debug; a virtual key's value the server sends in clear stays out of the trace", async () => {
    const keys = JSON.parse((await r.gw(["vk", "list", "-o", "json"])).stdout) as { id: string }[];
    const raw = JSON.parse((await r.gw(["api", "GET", "/api/governance/virtual-keys"])).stdout) as { virtual_keys: { value: string }[] };
    const vkValues = raw.virtual_keys.map((k) => k.value).filter((v) => v.length >= 8);
    expect(vkValues.length).toBeGreaterThan(0);
    const commands = [
      ["providers", "list"], ["providers", "list", "-o", "yaml"], ["providers", "list", "--raw"], ["providers", "get", "openai", "--raw"],
      ["vk", "list"], ["vk", "list", "-o", "json"], ["vk", "get", keys[0]!.id, "--raw"], ["chain", keys[0]!.id], ["limits"],
      ["providers", "get", "no-such-provider"],
    ];
    await sweepReads(r, commands);
    for (const args of [["vk", "list"], ["vk", "get", keys[0]!.id, "--raw"], ["limits"]]) {
      const run = await r.gw([...args, "--debug"]);
      for (const value of vkValues) expect(`${run.stdout}${run.stderr}`, args.join(" ")).not.toContain(value);
    }
    expect((await r.gw(["profile", "show", "--debug"])).exitCode).toBe(0);
  });

  it("writes with --dry-run --debug, then for real with --debug", async () => {
    await sweepWrites(r, [
      { args: ["providers", "bind", "--provider", "mistral", "--base-url", "https://api.mistral.ai", "--header", "X-Trace=1", "--rpm", "50"] },
      { args: ["providers", "update", "mistral", "--max-retries", "2", "--tpm", "1000"] },
      { args: ["providers", "update", "mistral", "--concurrency", "2", "--buffer-size", "10", "--force"] },
      { args: ["providers", "delete", "mistral", "--yes"] },
    ]);
    const api = await r.gw(["api", "PUT", "/api/governance/providers/openai", "-F", "budgets=null", "--dry-run", "--debug"]);
    expect(api.stdout).toMatch(WRITE_LINE);
  });

  it("export --debug keeps the virtual keys' values out, trace included", async () => {
    const raw = JSON.parse((await r.gw(["api", "GET", "/api/governance/virtual-keys"])).stdout) as { virtual_keys: { value: string }[] };
    const run = await r.gw(["export", "--debug"]);
    expect(run.exitCode, run.stderr).toBe(0);
    for (const { value } of raw.virtual_keys) expect(`${run.stdout}${run.stderr}`).not.toContain(value);
  });

  it("export, diff and apply --dry-run with --debug", async () => {
    await sweepConfig(r, (doc) => {
      doc.providers.push({ name: "cohere", baseUrl: "https://api.cohere.ai", rpm: 10 });
      doc.virtualKeys.push({ name: "redaction-vk", providers: [{ provider: "openai", weight: 1 }], rpm: 5 });
      doc.routingRules.push({ name: "redaction-rule", scope: "virtual_key:redaction-vk", condition: "true", targets: [{ provider: "openai", weight: 1 }] });
    });
  });
});

describe("redaction on ngrok", () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig("ngrok", [], (apiKey) => apiKey, (apiKey) => [apiKey], (key) => `Bearer ${key}`);
  });
  afterAll(async () => r?.sandbox.stop());

  it("reads with --debug", async () => {
    const [first] = JSON.parse((await r.gw(["providers", "list", "-o", "json"])).stdout) as { id: string; providerId: string }[];
    await sweepReads(r, [
      ["providers", "list"], ["providers", "list", "-o", "yaml"], ["providers", "list", "--raw"], ["providers", "get", first!.id],
      ["providers", "get", first!.providerId, "--raw"], ["providers", "get", "no-such-provider"], ["api", "GET", "/providers"],
    ]);
  });

  it("writes with --dry-run --debug, then for real with --debug", async () => {
    await sweepWrites(r, [
      { args: ["providers", "bind", "--provider-id", "redaction-check", "--name", "R", "--base-url", "https://r.example.com", "--model", "m1"] },
      { args: ["providers", "update", "redaction-check", "--name", "R2", "--model", "m2", "--surface", "openai/chat-completions"] },
      { args: ["providers", "delete", "redaction-check", "--yes"] },
    ]);
  });

  it("export, diff and apply --dry-run with --debug", async () => {
    await sweepConfig(r, (doc) => doc.providers.push({ providerId: "redaction-doc", name: "D", baseUrl: "https://d.example.com" }));
  });
});

describe("redaction on CoreWeave, W&B keys included", () => {
  const STDIN_KEY = "wandb-from-stdin-0123456789abcdef";
  const ENV_KEY = "wandb-from-env-0123456789abcdef01";
  const ROTATED_KEY = "wandb-rotated-0123456789abcdef012";
  let r: Rig;
  beforeAll(async () => {
    r = await rig(
      "coreweave",
      ["--transition-ms", "50"],
      (apiKey) => apiKey,
      (apiKey) => [apiKey, STDIN_KEY, ENV_KEY, ROTATED_KEY],
      (key) => `Bearer ${key}`,
    );
  });
  afterAll(async () => {
    expect(r?.sandbox.contractViolations()).toEqual([]);
    await r?.sandbox.stop();
  });

  it("reads with --debug", async () => {
    const [first] = JSON.parse((await r.gw(["gateways", "list", "-o", "json"])).stdout) as { id: string }[];
    await sweepReads(r, [
      ["gateways", "list"], ["gateways", "list", "-o", "yaml"], ["gateways", "get", first!.id, "--raw"], ["gateways", "zones"],
      ["gateways", "get", "00000000-0000-4000-8000-000000000000"], ["api", "GET", "/v1alpha1/inference/gateways"],
    ]);
  });

  it("W&B keys from --wandb-api-key-stdin and GW_WANDB_API_KEY on create and update: masked in --dry-run and in the trace", async () => {
    const env = { GW_WANDB_API_KEY: ENV_KEY };
    const runs = await sweepWrites(r, [
      { args: ["gateways", "create", "--name", "redact-stdin", "--zone", "US-EAST-04A", "--auth", "wandb", "--wandb-api-key-stdin", "--wait"], input: STDIN_KEY },
      { args: ["gateways", "create", "--name", "redact-env", "--zone", "US-EAST-04A", "--auth", "wandb", "--routing", "path"], env },
    ]);
    expect(runs[0]!.stdout).toContain(`"apiKey": "${maskSecret(STDIN_KEY)}"`); // the --dry-run request
    expect(runs[1]!.stderr).toContain(`"apiKey":"${maskSecret(STDIN_KEY)}"`); // the traced request
    expect(runs[2]!.stdout).toContain(`"apiKey": "${maskSecret(ENV_KEY)}"`);

    const gateways = JSON.parse((await r.gw(["gateways", "list", "-o", "json"])).stdout) as { id: string; name: string; auth: string }[];
    const id = (name: string) => gateways.find((g) => g.name === name)!.id;
    const plain = gateways.find((g) => g.auth === "coreweave")!.id;
    const updates = await sweepWrites(r, [
      { args: ["gateways", "update", id("redact-stdin"), "--wandb-api-key-stdin", "--wandb-usage-reports"], input: ROTATED_KEY },
      { args: ["gateways", "update", plain, "--auth", "wandb", "--wait"], env },
      { args: ["gateways", "delete", id("redact-env"), "--yes", "--wait"] },
    ]);
    expect(updates[0]!.stdout).toContain(`"apiKey": "${maskSecret(ROTATED_KEY)}"`);
    expect(updates[3]!.stderr).toContain(`"apiKey":"${maskSecret(ENV_KEY)}"`);
  });

  it("export, diff and apply --dry-run with --debug, the W&B key from GW_WANDB_API_KEY", async () => {
    await sweepConfig(
      r,
      (doc) => doc.gateways.push({ name: "redact-doc", zones: ["US-EAST-04A"], auth: "wandb", wandb: { serverUrl: null, usageReports: true, rateLimiting: true }, routing: "path" }),
      { GW_WANDB_API_KEY: ENV_KEY },
    );
  });
});
