import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** Config as code on CoreWeave: a `gateways` section named by gateway name; the W&B key only from the environment. */
interface GatewayDoc {
  name: string;
  zones?: string[];
  auth?: string;
  wandb?: { serverUrl: string | null; usageReports: boolean; rateLimiting: boolean } | null;
  routing?: string;
  apiType?: string | null;
  headerName?: string | null;
  additionalDns?: string[];
}

const WANDB_KEY = "wandb-local-0123456789abcdef0123";
const dir = mkdtempSync(join(tmpdir(), "gw-config-coreweave-"));
const configDir = tempConfigDir();
let sandbox: SandboxProcess;
let env: Record<string, string>;
const gw = (args: string[], extra: Record<string, string> = {}) => runGw(args, { configDir, env: { ...env, ...extra }, secrets: [WANDB_KEY] });
const writes = () => sandbox.log.filter((l) => /^(POST|PATCH|DELETE) /.test(l));
const write = (name: string, doc: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof doc === "string" ? doc : stringify(doc));
  return file;
};

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "coreweave", "--transition-ms", "50"]);
  env = { GW_BACKEND: "coreweave", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  expect(sandbox.contractViolations()).toEqual([]);
  await sandbox?.stop();
});

async function exported(): Promise<{ gateways: GatewayDoc[] }> {
  const r = await gw(["export"]);
  expect(r.exitCode, r.stderr).toBe(0);
  return parse(r.stdout) as { gateways: GatewayDoc[] };
}

describe("gw export / diff / apply on CoreWeave", () => {
  it("round-trips: switch a gateway's routing, add a W&B gateway with the key from the environment; a second apply changes nothing", async () => {
    const doc = await exported();
    expect((await gw(["diff", "-f", write("same.yaml", { version: 1, backend: "coreweave", ...doc }), "--exit-code"])).exitCode).toBe(0);

    const chat = doc.gateways.find((g) => g.name === "chat-prod")!;
    Object.assign(chat, { routing: "header", apiType: null, headerName: "x-model", additionalDns: ["llm.example.com", "chat.example.com"] });
    doc.gateways.push({ name: "gw-wandb", zones: ["US-EAST-06A"], auth: "wandb", wandb: { serverUrl: null, usageReports: true, rateLimiting: true }, routing: "path" });
    const file = write("edit.yaml", { version: 1, backend: "coreweave", ...doc });

    const without = await gw(["apply", "-f", file, "--yes"]);
    expect(without.exitCode).toBe(5);
    expect(without.stdout).toContain("! gateway gw-wandb: a new gateway with W&B auth needs its API key in GW_WANDB_API_KEY");

    const diff = await gw(["diff", "-f", file, "--exit-code"], { GW_WANDB_API_KEY: WANDB_KEY });
    expect(diff.exitCode).toBe(10);
    expect(diff.stdout).toContain("~ update gateway chat-prod\n    routing: body -> header\n    apiType: openai -> none\n    headerName: none -> x-model\n    additionalDns: [llm.example.com] -> [llm.example.com, chat.example.com]");
    expect(diff.stdout).toContain("+ create gateway gw-wandb (zones [US-EAST-06A], auth wandb, wandb {\"usageReports\":true,\"rateLimiting\":true}, routing path)");

    const dry = await gw(["apply", "-f", file, "--dry-run"], { GW_WANDB_API_KEY: WANDB_KEY });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v1alpha1\/inference\/gateways$/m);

    const applied = await gw(["apply", "-f", file, "--yes"], { GW_WANDB_API_KEY: WANDB_KEY });
    expect(applied.exitCode, applied.stderr).toBe(0);
    const after = await exported();
    expect(after.gateways.find((g) => g.name === "chat-prod")).toMatchObject({ routing: "header", headerName: "x-model", apiType: null });
    expect(after.gateways.find((g) => g.name === "gw-wandb")).toMatchObject({ auth: "wandb", routing: "path", zones: ["US-EAST-06A"] });

    const before = writes().length;
    const again = await gw(["apply", "-f", file, "--yes"], { GW_WANDB_API_KEY: WANDB_KEY });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain("No changes");
    expect(writes().length).toBe(before);
  });

  it("validates one auth and one routing with positions before anything is sent", async () => {
    const bad = write("bad.yaml", "version: 1\nbackend: coreweave\ngateways:\n  - name: a\n    zones: []\n    routing: header\n  - name: b\n    auth: coreweave\n    wandb: {usageReports: true}\n    routing: path\n    apiType: openai\n");
    const r = await gw(["diff", "-f", bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${bad}:5:12: gateways[0].zones: must name at least one zone`);
    expect(r.stderr).toContain(`${bad}:4:5: gateways[0]: routing header needs headerName`);
    expect(r.stderr).toContain(`${bad}:7:5: gateways[1]: apiType is only for routing body`);
    expect(r.stderr).toContain(`${bad}:7:5: gateways[1]: wandb settings are only for auth wandb`);
  });

  it("--prune deletes gateways the document leaves out", async () => {
    const file = write("prune.yaml", { version: 1, backend: "coreweave", gateways: [{ name: "chat-prod" }, { name: "gw-wandb" }] });
    const r = await gw(["diff", "-f", file, "--prune", "-o", "json"]);
    const plan = JSON.parse(r.stdout) as { items: { action: string; key: string }[] };
    expect(plan.items.map((i) => `${i.action} ${i.key}`).sort()).toEqual(["delete batch-central", "delete eval-wandb"]);
    const applied = await gw(["apply", "-f", file, "--prune", "--yes"]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stderr).toContain("✓ Applied 2 changes.");
  });
});
