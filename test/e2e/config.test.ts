import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

interface Doc {
  version: number;
  backend: string;
  bindings: { provider: string; slot: string; rpm: number | null; tpm: number | null; rpd: number | null; fallbackPriority: number | null; status: string }[];
  virtualKeys: { name: string; description: string | null; chain: string[] | null; rpm: number | null; tpm: number | null; rpd: number | null; status: string }[];
}

const dir = mkdtempSync(join(tmpdir(), "gw-config-"));
const configDir = tempConfigDir();
let sandboxes: SandboxProcess[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.map((s) => s.stop()));
  sandboxes = [];
});

async function sandbox(args: string[] = []): Promise<{ s: SandboxProcess; gw: (a: string[], input?: string) => ReturnType<typeof runGw> }> {
  const s = await startSandboxProcess(args);
  sandboxes.push(s);
  const env = { GW_BACKEND: "langwatch", GW_BASE_URL: s.url, GW_API_KEY: s.apiKey };
  return { s, gw: (a, input) => runGw(a, { configDir, env, ...(input !== undefined ? { input } : {}) }) };
}

function write(name: string, doc: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof doc === "string" ? doc : stringify(doc));
  return file;
}

describe("gw export / diff / apply", () => {
  it("round-trips: export, edit, diff, apply, export again; a second apply changes nothing", async () => {
    const { s, gw } = await sandbox();
    const exported = await gw(["export", "--file", join(dir, "a.yaml")]);
    expect(exported.exitCode, exported.stderr).toBe(0);
    const doc = parse(readFileSync(join(dir, "a.yaml"), "utf8")) as Doc;
    expect(doc).toMatchObject({ version: 1, backend: "langwatch" });
    expect(readFileSync(join(dir, "a.yaml"), "utf8")).not.toContain(s.apiKey);
    expect((await gw(["diff", "-f", join(dir, "a.yaml"), "--exit-code"])).exitCode).toBe(0);

    doc.bindings.find((b) => b.provider === "openai" && b.slot === "batch")!.rpm = 90;
    doc.bindings.push({ provider: "anthropic", slot: "fallback-2", rpm: 50, tpm: null, rpd: null, fallbackPriority: 60, status: "active" });
    doc.virtualKeys.find((k) => k.name === "prod-chat")!.chain!.push("anthropic/fallback-2");
    doc.virtualKeys.push({ name: "analytics", description: "BI jobs", chain: ["openai/batch"], rpm: 30, tpm: null, rpd: null, status: "active" });
    const file = write("b.yaml", doc);

    const diff = await gw(["diff", "-f", file, "--exit-code"]);
    expect(diff.exitCode).toBe(10);
    expect(diff.stdout).toContain("+ create binding anthropic/fallback-2");
    expect(diff.stdout).toMatch(/~ update binding openai\/batch\n {4}rpm: 60 -> 90/);
    expect(diff.stdout).toContain("+ create virtual-key analytics");
    expect(diff.stdout).toContain(
      "~ update virtual-key prod-chat\n    chain: [openai/primary, anthropic/primary, azure/fallback-1] -> [openai/primary, anthropic/primary, azure/fallback-1, anthropic/fallback-2]",
    );

    const applied = await gw(["apply", "-f", file, "--yes"]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/Applied 4 changes/);
    expect(applied.stdout).toMatch(/^analytics\tlw_vk_live_\S+$/m); // the new key's secret, once

    const again = await gw(["apply", "-f", file, "--yes"]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain("No changes: the control plane matches the document.");
    const writesBefore = s.log.filter((l) => /^(POST|PATCH|DELETE)/.test(l)).length;
    expect((await gw(["diff", "-f", file, "--exit-code"])).exitCode).toBe(0);

    const reexported = parse((await gw(["export", "-o", "json"])).stdout) as Doc;
    const byKey = (a: { provider: string; slot: string }, b: { provider: string; slot: string }) =>
      `${a.provider}/${a.slot}`.localeCompare(`${b.provider}/${b.slot}`);
    expect([...reexported.bindings].sort(byKey)).toEqual([...doc.bindings].sort(byKey));
    expect(reexported.virtualKeys.map((k) => k.name).sort()).toEqual(doc.virtualKeys.map((k) => k.name).sort());
    expect(s.log.filter((l) => /^(POST|PATCH|DELETE)/.test(l)).length).toBe(writesBefore);
  });

  it("--dry-run prints the requests and sends nothing", async () => {
    const { s, gw } = await sandbox();
    const doc = parse((await gw(["export"])).stdout) as Doc;
    doc.bindings[0]!.rpm = 1;
    const file = write("dry.yaml", doc);
    const before = s.log.length;
    const r = await gw(["apply", "-f", file, "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PATCH http:\/\/127\.0\.0\.1:\d+\/api\/gateway\/v1\/providers\/\S+\n\{\n {2}"rate_limit_rpm": 1\n\}/);
    expect(r.stderr).toMatch(/nothing was sent/);
    expect(s.log.slice(before).filter((l) => !l.startsWith("GET"))).toEqual([]);
  });

  it("refuses to apply off a terminal without --yes (exit 2), before any request", async () => {
    const { s, gw } = await sandbox();
    const file = write("noyes.yaml", (await gw(["export"])).stdout);
    const before = s.log.length;
    const r = await gw(["apply", "-f", file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
    expect(s.log.length).toBe(before);
  });

  it("validates the document first and reports every problem with file:line:column (exit 2)", async () => {
    const { s, gw } = await sandbox();
    const file = write("bad.yaml", "version: 1\nbackend: langwatch\nbindings:\n  - provider: openai\n    rpm: fast\n    colour: blue\n  - provider: openai\nvirtualKeys:\n  - chain: [openai/primary]\n");
    const before = s.log.length;
    const r = await gw(["apply", "-f", file, "--yes"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}:5:10: bindings[0].rpm: must be a positive integer, or null to inherit`);
    expect(r.stderr).toContain(`${file}:6:5: bindings[0].colour: unknown key`);
    expect(r.stderr).toMatch(/binding openai\/primary appears twice/);
    expect(r.stderr).toMatch(/virtualKeys\[0\]\.name: required/);
    expect(r.stderr).toMatch(/4 problems; nothing was sent/);
    expect(s.log.length).toBe(before);
    const syntax = await gw(["diff", "-f", write("syntax.yaml", "version: 1\nbindings: [\n")]);
    expect(syntax.exitCode).toBe(2);
    expect(syntax.stderr).toMatch(/syntax\.yaml:\d+:\d+: /);
  });

  it("a failure midway says what was applied and what was not, exits non-zero, and a re-run finishes", async () => {
    const { gw } = await sandbox();
    const doc = parse((await gw(["export"])).stdout) as Doc;
    doc.bindings.find((b) => b.slot === "batch")!.rpm = 75;
    doc.virtualKeys.push({ name: "broken", description: null, chain: ["groq/primary"], rpm: null, tpm: null, rpd: null, status: "active" });
    const r = await gw(["apply", "-f", write("mid.yaml", doc), "--yes"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/applied: update binding openai\/batch/);
    expect(r.stderr).toMatch(/failed: {2}create virtual-key broken: .*groq\/primary, which does not exist/);
    expect(r.stderr).toMatch(/error: applied 1 of 2 changes; 1 failed .*run gw apply again/);

    doc.virtualKeys.find((k) => k.name === "broken")!.chain = ["openai/batch"];
    const file = write("mid-fixed.yaml", doc);
    const diff = await gw(["diff", "-f", file]);
    expect(diff.stdout).not.toContain("openai/batch\n    rpm"); // the applied half is not planned again
    expect(diff.stdout).toMatch(/Plan: 1 to create, 0 to change/);
    expect((await gw(["apply", "-f", file, "--yes"])).exitCode).toBe(0);
    expect((await gw(["diff", "-f", file, "--exit-code"])).exitCode).toBe(0);
  });

  it("converges after random 503s: re-runs finish the job", async () => {
    const state = join(dir, "flaky-state.json");
    const flaky = await sandbox(["--fail-rate", "0.4", "--state", state]);
    const doc = parse((await flaky.gw(["export", "--retries", "10"])).stdout) as Doc;
    for (const b of doc.bindings) if (b.status === "active") b.rpm = (b.rpm ?? 10) + 7;
    const file = write("flaky.yaml", doc);
    let last = await flaky.gw(["apply", "-f", file, "--yes", "--retries", "10"]);
    for (let i = 0; i < 12 && last.exitCode !== 0; i++) {
      expect(last.exitCode, last.stderr).not.toBe(1); // failures are reported with their documented code
      last = await flaky.gw(["apply", "-f", file, "--yes", "--retries", "10"]);
    }
    expect(last.exitCode, last.stderr).toBe(0);
    await flaky.s.stop();
    sandboxes = [];
    const calm = await sandbox(["--state", state]);
    expect((await calm.gw(["diff", "-f", file, "--exit-code"])).exitCode).toBe(0);
  });

  it("--prune removes what the document leaves out; without it nothing outside the document changes", async () => {
    const { gw } = await sandbox();
    const doc = parse((await gw(["export"])).stdout) as Doc;
    const kept = { ...doc, bindings: doc.bindings.filter((b) => b.slot !== "batch"), virtualKeys: doc.virtualKeys.filter((k) => k.name !== "ci") };
    const file = write("prune.yaml", kept);
    expect((await gw(["diff", "-f", file, "--exit-code"])).exitCode).toBe(0);
    const diff = await gw(["diff", "-f", file, "--prune"]);
    expect(diff.stdout).toContain("- disable binding openai/batch");
    expect(diff.stdout).toContain("- revoke virtual-key ci");
    expect((await gw(["apply", "-f", file, "--yes", "--prune"])).exitCode).toBe(0);
    const list = JSON.parse((await gw(["providers", "list", "-o", "json"])).stdout) as { slot: string; status: string }[];
    expect(list.find((b) => b.slot === "batch")!.status).toBe("disabled");
    expect((await gw(["diff", "-f", file, "--prune", "--exit-code"])).exitCode).toBe(0);
  });

  it("refuses what it cannot do (re-enabling a LangWatch binding) before changing anything (exit 5)", async () => {
    const { s, gw } = await sandbox();
    const doc = parse((await gw(["export"])).stdout) as Doc;
    doc.bindings.find((b) => b.status === "disabled")!.status = "active";
    doc.bindings[0]!.rpm = 3;
    const before = s.log.filter((l) => !l.startsWith("GET")).length;
    const r = await gw(["apply", "-f", write("impossible.yaml", doc), "--yes"]);
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toMatch(/! binding azure\/primary is disabled and this backend cannot re-enable it/);
    expect(s.log.filter((l) => !l.startsWith("GET")).length).toBe(before);
  });
});
