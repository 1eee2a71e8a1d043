import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { bifrostRig, type BifrostRig } from "./bifrost-helpers.js";

/** Config as code on Bifrost: a `providers` section named by provider name, limits on governance. */
interface Provider {
  name: string;
  baseProvider?: string | null;
  baseUrl?: string | null;
  concurrency?: number | null;
  bufferSize?: number | null;
  maxRetries?: number | null;
  requestTimeout?: number | null;
  rpm?: number | null;
  tpm?: number | null;
  rpd?: number | null;
}

const dir = mkdtempSync(join(tmpdir(), "gw-config-bifrost-"));
let rig: BifrostRig;
const writes = () => rig.sandbox.log.filter((l) => /^(POST|PUT|DELETE) /.test(l));
const write = (name: string, doc: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof doc === "string" ? doc : stringify(doc));
  return file;
};

beforeAll(async () => {
  rig = await bifrostRig();
});
afterAll(async () => {
  expect(rig.sandbox.contractViolations()).toEqual([]);
  await rig?.sandbox.stop();
});

async function exported(): Promise<{ version: number; backend: string; providers: Provider[] }> {
  const r = await rig.gw(["export"]);
  expect(r.exitCode, r.stderr).toBe(0);
  return parse(r.stdout) as { version: number; backend: string; providers: Provider[] };
}

describe("gw export / diff / apply on Bifrost", () => {
  it("round-trips: export, edit limits and settings, add a provider, apply, export again; a second apply changes nothing", async () => {
    const doc = await exported();
    expect(doc).toMatchObject({ version: 1, backend: "bifrost" });
    expect((await rig.gw(["diff", "-f", write("same.yaml", doc), "--exit-code"])).exitCode).toBe(0);

    const openai = doc.providers.find((p) => p.name === "openai")!;
    openai.rpm = null;
    openai.rpd = 20000; // the request limit moves from per-minute to per-day
    openai.concurrency = 40;
    doc.providers.push({ name: "mistral", baseUrl: "https://api.mistral.ai", concurrency: 5, bufferSize: 50, rpm: 100 });
    const file = write("edit.yaml", doc);

    const diff = await rig.gw(["diff", "-f", file, "--exit-code"]);
    expect(diff.exitCode).toBe(10);
    expect(diff.stdout).toContain("+ create provider mistral (baseUrl https://api.mistral.ai, concurrency 5, bufferSize 50, rpm 100)");
    expect(diff.stdout).toContain("~ update provider openai\n    concurrency: 50 -> 40\n    rpm: 600 -> none\n    rpd: none -> 20000");

    const applied = await rig.gw(["apply", "-f", file, "--yes"]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const after = await exported();
    expect(after.providers.find((p) => p.name === "openai")).toMatchObject({ concurrency: 40, rpm: null, rpd: 20000, tpm: 150000 });
    expect(after.providers.find((p) => p.name === "mistral")).toMatchObject({ baseUrl: "https://api.mistral.ai", rpm: 100 });

    const before = writes().length;
    const again = await rig.gw(["apply", "-f", file, "--yes"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain("No changes");
    expect(writes().length).toBe(before);
  });

  it("validates Bifrost's rules before anything is sent (exit 2, file:line:column)", async () => {
    const bad = write("bad.yaml", "version: 1\nbackend: bifrost\nproviders:\n  - name: openai\n    rpm: 10\n    rpd: 100\n  - name: groq\n    concurrency: 10\n    bufferSize: 5\n");
    const r = await rig.gw(["diff", "-f", bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${bad}:4:5: providers[0]: Bifrost holds one request limit per provider, with one window: set rpm or rpd, not both`);
    expect(r.stderr).toContain(`${bad}:7:5: providers[1]: concurrency must not exceed bufferSize`);
  });

  it("refuses what Bifrost cannot do: a custom provider's base type is fixed (exit 5, nothing sent)", async () => {
    const file = write("base.yaml", { version: 1, backend: "bifrost", providers: [{ name: "internal-llm", baseProvider: "anthropic" }] });
    const before = writes().length;
    const r = await rig.gw(["apply", "-f", file, "--yes"]);
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toContain("! provider internal-llm: baseProvider is fixed at creation (it is openai); delete and re-create it");
    expect(writes().length).toBe(before);
  });

  it("--prune deletes the providers the document leaves out; --dry-run shows it and sends nothing", async () => {
    const file = write("only-openai.yaml", { version: 1, backend: "bifrost", providers: [{ name: "openai" }] });
    const before = writes().length;
    const dry = await rig.gw(["apply", "-f", file, "--prune", "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^- delete provider mistral$/m);
    expect(dry.stdout).toMatch(/^DELETE http:\/\/127\.0\.0\.1:\d+\/api\/providers\/mistral$/m);
    expect(writes().length).toBe(before);
  });
});
