import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

interface Gateway {
  id: string;
  name: string;
  status: string;
  zones: string[];
  auth: string;
  routing: string;
  apiType: string | null;
  headerName: string | null;
  additionalDns: string[];
  endpoints: string[];
  wandb: { serverUrl: string | null; usageReports: boolean; rateLimiting: boolean } | null;
}

/** A gateway as the sandbox stores it (its --state file), to check what gw really sent. */
interface StoredGateway {
  id: string;
  name: string;
  zones: string[];
  wandb: { apiKeyDigest: string; serverUrl: string; enableUsageReports: boolean; enableRateLimiting: boolean } | null;
  routing: { kind: string; apiType?: string; headerName?: string };
  additionalDns: string[];
}

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const stateFile = join(mkdtempSync(join(tmpdir(), "gw-cw-e2e-")), "state.json");
const gw = (args: string[], opts: { env?: Record<string, string>; input?: string } = {}) =>
  runGw(args, { configDir, env: { ...env, ...opts.env }, ...(opts.input !== undefined ? { input: opts.input } : {}) });
const json = async <T>(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<T> => {
  const r = await gw([...args, "-o", "json"], opts);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};
const stored = (id: string): StoredGateway => {
  const doc = JSON.parse(readFileSync(stateFile, "utf8")) as { state: { gateways: StoredGateway[] } };
  return doc.state.gateways.find((g) => g.id === id)!;
};
const byName = async (name: string): Promise<Gateway> => (await json<Gateway[]>(["gateways", "list"])).find((g) => g.name === name)!;
const digest = (key: string) => `sha256:${createHash("sha256").update(key).digest("hex")}`;
const requestsSince = (n: number) => sandbox.log.slice(n).filter((l) => /^(GET|POST|PATCH|DELETE) /.test(l));

const WANDB_KEY = "wandb-e2e-secret-key-0123456789";

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "coreweave", "--transition-ms", "100", "--state", stateFile]);
  env = { GW_BACKEND: "coreweave", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  expect(sandbox.contractViolations()).toEqual([]);
  await sandbox?.stop();
});

describe("gw gateways create", () => {
  it("creates with the defaults (CoreWeave auth, body routing) and --wait reaches ready", async () => {
    const r = await gw(["gateways", "create", "--name", "e2e-default", "--zone", "us-east-06a", "--wait", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const g = JSON.parse(r.stdout) as Gateway;
    expect(g).toMatchObject({ name: "e2e-default", status: "ready", zones: ["US-EAST-06A"], auth: "coreweave", routing: "body", apiType: "openai" });
    expect(g.endpoints).toHaveLength(1);
    expect(r.stderr).toMatch(/^✓ Created gateway [0-9a-f-]{36} \(e2e-default\), status creating$/m);
    expect(r.stderr).toMatch(/^✓ Gateway [0-9a-f-]{36} is ready \(\d+\.\ds\)$/m);
    expect(r.stderr).not.toMatch(/Waiting|\u001b/); // no spinner off a terminal
  });

  it("without --wait prints the gateway as created, still creating", async () => {
    const g = await json<Gateway>(["gateways", "create", "--name", "e2e-nowait", "--zone", "US-EAST-04A", "--routing", "path", "--dns", "a.example.com"]);
    expect(g).toMatchObject({ status: "creating", routing: "path", additionalDns: ["a.example.com"], endpoints: [] });
    expect(stored(g.id)).toMatchObject({ routing: { kind: "path" }, additionalDns: ["a.example.com"], wandb: null });
  });

  it("header routing, and --quiet prints only the id", async () => {
    const r = await gw(["gateways", "create", "--name", "e2e-header", "--zone", "US-EAST-04A", "--header-name", "x-model-id", "-q"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f-]{36}$/); // one line (execa strips the final newline)
    expect(stored(r.stdout.trim()).routing).toEqual({ kind: "header", headerName: "x-model-id" });
  });

  it("W&B auth: the key from stdin reaches the service and is never printed, even with --debug", async () => {
    const r = await gw(
      ["--debug", "gateways", "create", "--name", "e2e-wandb", "--zone", "US-WEST-09B", "--auth", "wandb", "--wandb-api-key-stdin",
        "--wandb-server-url", "https://wandb.example.com", "--no-wandb-usage-reports", "--wandb-rate-limiting", "--wait", "-o", "json"],
      { input: `${WANDB_KEY}\n` },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(WANDB_KEY);
    const g = JSON.parse(r.stdout) as Gateway;
    expect(g).toMatchObject({ auth: "wandb", status: "ready", wandb: { serverUrl: "https://wandb.example.com", usageReports: false, rateLimiting: true } });
    expect(stored(g.id).wandb).toEqual({ apiKeyDigest: digest(WANDB_KEY), serverUrl: "https://wandb.example.com", enableUsageReports: false, enableRateLimiting: true });
    const raw = await gw(["gateways", "get", g.id, "--raw"]);
    expect(raw.stdout).not.toContain(WANDB_KEY);
  });

  it("W&B auth: GW_WANDB_API_KEY works too; without any key it exits 2 before sending", async () => {
    const fromEnv = await json<Gateway>(["gateways", "create", "--name", "e2e-wandb-env", "--zone", "US-EAST-04A", "--auth", "wandb"], {
      env: { GW_WANDB_API_KEY: "env-wandb-key-abcdef" },
    });
    expect(stored(fromEnv.id).wandb?.apiKeyDigest).toBe(digest("env-wandb-key-abcdef"));
    const before = sandbox.log.length;
    const none = await gw(["gateways", "create", "--name", "x", "--zone", "US-EAST-04A", "--auth", "wandb"]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/--auth wandb needs the W&B API key/);
    expect(requestsSince(before).filter((l) => l.startsWith("POST"))).toEqual([]);
  });

  it("--dry-run prints the request with the W&B key masked and sends nothing", async () => {
    const before = sandbox.log.length;
    const r = await gw(["gateways", "create", "--name", "e2e-dry", "--zone", "us-west-09b", "--auth", "wandb", "--wandb-api-key-stdin", "--routing", "path", "--dry-run"], {
      input: WANDB_KEY,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(WANDB_KEY);
    expect(r.stdout.split("\n")[0]).toBe(`POST ${sandbox.url}/v1alpha1/inference/gateways`);
    expect(JSON.parse(r.stdout.slice(r.stdout.indexOf("\n")))).toEqual({
      name: "e2e-dry",
      zones: ["US-WEST-09B"],
      weightsAndBiasesAuth: { apiKey: "wand****6789" },
      pathBasedRouting: {},
    });
    expect(r.stderr).toMatch(/dry run: nothing was sent/);
    expect(requestsSince(before).map((l) => l.split(" ").slice(0, 2).join(" "))).toEqual(["GET /v1alpha1/inference/gateways/parameters"]);
  });

  it("an unknown zone exits 2 before anything is written", async () => {
    const before = sandbox.log.length;
    const r = await gw(["gateways", "create", "--name", "x", "--zone", "mars-01a"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unknown zone "mars-01a" for --zone \(offered: US-EAST-04A, US-EAST-06A, US-WEST-09B, US-CENTRAL-07A/);
    expect(requestsSince(before).map((l) => l.split(" ")[0])).toEqual(["GET"]);
  });

  it("more than one zone is refused by the service (exit 5)", async () => {
    const r = await gw(["gateways", "create", "--name", "x", "--zone", "us-east-04a", "--zone", "us-west-09b"]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/HTTP 400 Bad Request: zones: gateways are currently limited to one zone \(INVALID_ARGUMENT\)/);
  });

  it.each([
    [["--routing", "body", "--header-name", "x"], /--header-name conflicts with --routing body/],
    [["--wandb-server-url", "https://x.example.com"], /needs --auth wandb/],
    [["--routing", "header"], /needs --header-name/],
    [["--auth", "coreweave", "--wandb-api-key-stdin"], /conflicts with --auth coreweave/],
  ])("conflicting flags %j exit 2 without a request", async (flags, message) => {
    const before = sandbox.log.length;
    const r = await gw(["gateways", "create", "--name", "x", "--zone", "US-EAST-04A", ...flags]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(requestsSince(before)).toEqual([]);
  });

  it("a gateway that fails provisioning exits 5 with the reason, and prints its record", async () => {
    const r = await gw(["gateways", "create", "--name", "e2e-fails", "--zone", "us-central-07a", "--wait", "-o", "json"]);
    expect(r.exitCode).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: "e2e-fails", status: "failed" });
    expect(r.stderr).toMatch(/^error: gateway [0-9a-f-]{36} was created, but it ended in status failed: ProvisioningFailed: no inference gateway capacity in US-CENTRAL-07A/m);
  });
});

describe("gw gateways update", () => {
  it("sends the full spec: unrelated fields are kept", async () => {
    const chat = await byName("chat-prod");
    const before = stored(chat.id);
    const r = await gw(["gateways", "update", chat.id, "--name", "chat-prod-2", "--wait", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: "chat-prod-2", status: "ready" });
    expect(r.stderr).toMatch(/✓ Updated gateway .* status updating/);
    expect(stored(chat.id)).toEqual({ ...before, name: "chat-prod-2", updatedAt: expect.any(String), phase: expect.any(String), settlesAt: expect.anything(), phaseSince: expect.any(String) });
    expect(stored(chat.id)).toMatchObject({ zones: ["US-EAST-04A"], additionalDns: ["llm.example.com"], routing: { kind: "body", apiType: "API_TYPE_OPENAI" }, wandb: null });
  });

  it("switching routing leaves exactly one strategy", async () => {
    const chat = await byName("chat-prod-2");
    const header = await json<Gateway>(["gateways", "update", chat.id, "--header-name", "x-model", "--wait"]);
    expect(header).toMatchObject({ routing: "header", headerName: "x-model", apiType: null });
    expect(stored(chat.id).routing).toEqual({ kind: "header", headerName: "x-model" });
    const raw = JSON.parse((await gw(["gateways", "get", chat.id, "--raw"])).stdout);
    expect(Object.keys(raw.spec).filter((k) => k.endsWith("Routing"))).toEqual(["headerBasedRouting"]);
    const path = await json<Gateway>(["gateways", "update", chat.id, "--routing", "path"]);
    expect(path).toMatchObject({ routing: "path", headerName: null, status: "updating" });
    expect(stored(chat.id).additionalDns).toEqual(["llm.example.com"]);
  });

  it("--dns replaces the DNS names; --zone is checked and spelled as the service does", async () => {
    const g = await byName("e2e-nowait");
    const updated = await json<Gateway>(["gateways", "update", g.id, "--dns", "b.example.com", "--dns", "c.example.com", "--zone", "us-east-06a", "--wait"]);
    expect(updated).toMatchObject({ additionalDns: ["b.example.com", "c.example.com"], zones: ["US-EAST-06A"], status: "ready" });
    expect((await gw(["gateways", "update", g.id, "--zone", "nowhere"])).exitCode).toBe(2);
  });

  it("switching to W&B auth needs a key (exit 2), takes it from GW_WANDB_API_KEY, and drops the CoreWeave block", async () => {
    const g = await byName("e2e-nowait");
    const before = sandbox.log.length;
    const refused = await gw(["gateways", "update", g.id, "--auth", "wandb"]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/switching gateway .* to W&B auth needs the W&B API key/);
    expect(requestsSince(before).map((l) => l.split(" ")[0])).toEqual(["GET"]);
    const switched = await json<Gateway>(["gateways", "update", g.id, "--auth", "wandb", "--no-wandb-rate-limiting"], { env: { GW_WANDB_API_KEY: "switch-key-123456" } });
    expect(switched).toMatchObject({ auth: "wandb", wandb: { rateLimiting: false } });
    expect(stored(g.id).wandb?.apiKeyDigest).toBe(digest("switch-key-123456"));
    const raw = JSON.parse((await gw(["gateways", "get", g.id, "--raw"])).stdout);
    expect(Object.keys(raw.spec).filter((k) => k.endsWith("Auth"))).toEqual(["weightsAndBiasesAuth"]);
  });

  it("staying on W&B auth keeps the stored key; --wandb-api-key-stdin replaces it", async () => {
    const g = await byName("e2e-wandb");
    const kept = await json<Gateway>(["gateways", "update", g.id, "--wandb-usage-reports"]);
    expect(kept.wandb).toMatchObject({ usageReports: true, rateLimiting: true, serverUrl: "https://wandb.example.com" });
    expect(stored(g.id).wandb?.apiKeyDigest).toBe(digest(WANDB_KEY));
    const rotated = await gw(["gateways", "update", g.id, "--wandb-api-key-stdin", "--dry-run"], { input: "rotated-key-987654321" });
    expect(rotated.stdout).toContain('"apiKey": "rota****4321"');
    expect(rotated.stdout).not.toContain("rotated-key-987654321");
    expect(stored(g.id).wandb?.apiKeyDigest).toBe(digest(WANDB_KEY));
    expect((await gw(["gateways", "update", g.id, "--wandb-api-key-stdin", "-q"], { input: "rotated-key-987654321" })).exitCode).toBe(0);
    expect(stored(g.id).wandb?.apiKeyDigest).toBe(digest("rotated-key-987654321"));
  });

  it("--dry-run reads the gateway, prints the full PATCH and sends nothing", async () => {
    const g = await byName("e2e-default");
    const before = sandbox.log.length;
    const r = await gw(["gateways", "update", g.id, "--routing", "path", "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`PATCH ${sandbox.url}/v1alpha1/inference/gateways/${g.id}`);
    expect(JSON.parse(r.stdout.slice(r.stdout.indexOf("\n")))).toEqual({ id: g.id, name: "e2e-default", zones: ["US-EAST-06A"], coreWeaveAuth: {}, endpointConfiguration: {}, pathBasedRouting: {} });
    // Reads only: the id is looked up, then the gateway read for the merge; the PATCH is printed, not sent.
    expect(new Set(requestsSince(before).map((l) => l.split(" ")[0]))).toEqual(new Set(["GET"]));
  });

  it("flags of the other strategy or auth conflict (exit 2); no change flag is a usage error", async () => {
    const g = await byName("e2e-default");
    for (const [flags, message] of [
      [["--wandb-server-url", "https://x.example.com"], /applies to W&B auth, but gateway .* uses CoreWeave auth \(add --auth wandb to switch\)/],
      [["--routing", "path", "--api-type", "openai"], /--api-type conflicts with --routing path/],
      [["--routing", "header"], /needs --header-name/],
      [[], /nothing to update/],
    ] as const) {
      const r = await gw(["gateways", "update", g.id, ...flags]);
      expect(r.exitCode, flags.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it("an update the service cannot roll out ends in ERROR: exit 5", async () => {
    const g = await byName("e2e-default");
    const r = await gw(["gateways", "update", g.id, "--zone", "US-CENTRAL-07A", "--wait"]);
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toMatch(/^Status: +error: RolloutFailed/m);
    expect(r.stderr).toMatch(/gateway .* was updated, but it ended in status error: RolloutFailed/);
  });

  it("an unknown id exits 4", async () => {
    const r = await gw(["gateways", "update", "00000000-0000-4000-8000-000000000000", "--name", "x"]);
    expect(r.exitCode).toBe(4);
  });
});

describe("gw gateways delete", () => {
  it("off a terminal needs --yes (exit 2, nothing sent); --wait waits until it is gone", async () => {
    const g = await byName("e2e-header");
    const before = sandbox.log.length;
    const refused = await gw(["gateways", "delete", g.id]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/--yes required to delete a gateway when not running in a terminal; pass --yes/);
    expect(sandbox.log.length).toBe(before);
    const r = await gw(["gateways", "delete", g.id, "--yes", "--wait"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^✓ Deleting gateway .* status deleting$/m);
    expect(r.stderr).toMatch(/^✓ Gateway .* is gone/m);
    expect((await gw(["gateways", "get", g.id])).exitCode).toBe(4);
  });

  it("without --wait returns while deleting; --quiet prints the id; --dry-run sends nothing", async () => {
    const g = await byName("e2e-wandb-env");
    const before = sandbox.log.length;
    const dry = await gw(["gateways", "delete", g.id, "--dry-run"]);
    expect(dry.stdout).toBe(`DELETE ${sandbox.url}/v1alpha1/inference/gateways/${g.id}`);
    // Reads only (the id is looked up first); nothing is written.
    expect(requestsSince(before).filter((l) => !l.startsWith("GET "))).toEqual([]);
    const r = await gw(["gateways", "delete", g.id, "--yes", "-q"]);
    expect(r.stdout).toBe(g.id);
    expect(r.stderr).toMatch(/^✓ Deleting gateway .* status deleting$/m);
    expect(r.stderr).not.toMatch(/is gone/);
  });

  it("an unknown id exits 4", async () => {
    const r = await gw(["gateways", "delete", "00000000-0000-4000-8000-000000000000", "--yes"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/delete gateway .*: HTTP 404 Not Found/);
  });
});
