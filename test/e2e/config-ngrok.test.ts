import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** Config as code on ngrok: a flat `providers` section named by providerId. */
interface Provider {
  providerId: string;
  name?: string;
  baseUrl?: string;
  metadata?: string | null;
  models?: string[];
  surfaces?: string[];
}
interface Doc {
  version: number;
  backend: string;
  providers: Provider[];
}

const dir = mkdtempSync(join(tmpdir(), "gw-config-ngrok-"));
const configDir = tempConfigDir();
let sandbox: SandboxProcess;
let env: Record<string, string>;
const gw = (args: string[]) => runGw(args, { configDir, env });
const writes = () => sandbox.log.filter((l) => /^(POST|PATCH|DELETE) /.test(l));

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "ngrok"]);
  env = { GW_BACKEND: "ngrok", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  expect(sandbox.contractViolations()).toEqual([]);
  await sandbox?.stop();
});

function write(name: string, doc: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof doc === "string" ? doc : stringify(doc));
  return file;
}

async function exported(): Promise<Doc> {
  const r = await gw(["export"]);
  expect(r.exitCode, r.stderr).toBe(0);
  return parse(r.stdout) as Doc;
}

describe("gw export / diff / apply on ngrok", () => {
  it("round-trips: export, edit, diff, apply, export again; a second apply changes nothing", async () => {
    const doc = await exported();
    expect(doc).toMatchObject({ version: 1, backend: "ngrok" });
    expect(Object.keys(doc)).toEqual(["version", "backend", "providers", "configurations", "accessKeys"]);
    const file0 = write("same.yaml", doc);
    expect((await gw(["diff", "-f", file0, "--exit-code"])).exitCode).toBe(0);

    const vllm = doc.providers.find((p) => p.providerId === "internal-vllm")!;
    vllm.models = [...vllm.models!, "mistral-7b"];
    vllm.name = "Internal vLLM (a100)";
    doc.providers.push({ providerId: "gw-new", name: "New one", baseUrl: "https://new.example.com/v1", models: ["m1"], surfaces: ["openai/chat-completions"] });
    const file = write("edit.yaml", doc);

    const diff = await gw(["diff", "-f", file, "--exit-code"]);
    expect(diff.exitCode).toBe(10);
    expect(diff.stdout).toContain("+ create provider gw-new (name New one, baseUrl https://new.example.com/v1, models [m1], surfaces [openai/chat-completions])");
    expect(diff.stdout).toContain("~ update provider internal-vllm\n    name: Internal vLLM -> Internal vLLM (a100)\n    models: [llama-3.1-8b-instruct, qwen2.5-7b-instruct] -> [llama-3.1-8b-instruct, qwen2.5-7b-instruct, mistral-7b]");
    expect(diff.stdout).toMatch(/Plan: 1 to create, 1 to change, 0 to/);

    const applied = await gw(["apply", "-f", file, "--yes"]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stderr).toContain("✓ Applied 2 changes.");

    const after = await exported();
    expect(after.providers.find((p) => p.providerId === "gw-new")).toMatchObject({ name: "New one", models: ["m1"], surfaces: ["openai/chat-completions"] });
    expect(after.providers.find((p) => p.providerId === "internal-vllm")!.models).toContain("mistral-7b");

    const before = writes().length;
    const again = await gw(["apply", "-f", file, "--yes"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain("No changes");
    expect(writes().length).toBe(before);
  });

  it("manages only the fields an item names; --prune deletes what the document leaves out", async () => {
    const partial = write("partial.yaml", { version: 1, backend: "ngrok", providers: [{ providerId: "gw-new", metadata: "owner=ci" }] });
    const diff = await gw(["diff", "-f", partial]);
    expect(diff.stdout).toBe("~ update provider gw-new\n    metadata: none -> owner=ci\nPlan: 0 to create, 1 to change, 0 to disable/delete/revoke");

    const pruned = await gw(["diff", "-f", partial, "--prune", "-o", "json"]);
    const plan = JSON.parse(pruned.stdout) as { items: { kind: string; action: string; key: string }[] };
    expect(plan.items.filter((i) => i.action === "delete").map((i) => i.key).sort()).toEqual(
      (await exported()).providers.map((p) => p.providerId).filter((id) => id !== "gw-new").sort(),
    );

    const before = writes().length;
    const dry = await gw(["apply", "-f", partial, "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^PATCH http:\/\/127\.0\.0\.1:\d+\/providers\/\S+\n\{\n {2}"metadata": "owner=ci"\n\}/m);
    expect(writes().length).toBe(before);
  });

  it("reports problems with file:line:column before sending anything", async () => {
    const bad = write("bad.yaml", "version: 1\nbackend: ngrok\nproviders:\n  - providerId: x\n    models: nope\n    colour: red\n  - name: no-id\nbindings: []\n");
    const r = await gw(["diff", "-f", bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${bad}:8:1: bindings: unknown key (allowed: version, backend, providers, configurations, accessKeys)`);
    expect(r.stderr).toContain(`${bad}:5:13: providers[0].models: must be a list`);
    expect(r.stderr).toContain(`${bad}:6:5: providers[0].colour: unknown key`);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.]/g, "\\.")}:7:\\d+: providers\\[1\\]\\.providerId: required`));
  });

  it("refuses to plan a new provider without the fields ngrok needs (exit 5, nothing sent)", async () => {
    const file = write("incomplete.yaml", { version: 1, backend: "ngrok", providers: [{ providerId: "half", name: "Half" }] });
    const before = writes().length;
    const r = await gw(["apply", "-f", file, "--yes"]);
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toContain("! provider half: a new provider needs baseUrl");
    expect(writes().length).toBe(before);
  });
});
