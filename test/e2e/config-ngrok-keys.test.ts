import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** Config as code on ngrok: access key configurations and access keys (named by name, no ids, no tokens). */
type Step = "ngrok" | { keys: string[] };
interface Configuration {
  name: string;
  description?: string | null;
  metadata?: string | null;
  access?: { providers?: string[]; models?: string[] } | null;
  rules?: { provider?: string; model?: string; steps: Step[] }[];
}
interface AccessKey {
  name: string;
  description?: string | null;
  configuration?: string | null;
}
interface Doc {
  version: number;
  backend: string;
  providers?: unknown[];
  configurations: Configuration[];
  accessKeys: AccessKey[];
}

const dir = mkdtempSync(join(tmpdir(), "gw-config-ngrok-keys-"));
const configDir = tempConfigDir();
let sandbox: SandboxProcess;
let env: Record<string, string>;
/** Tokens gw apply printed once: later runs must not show them. */
const issued: string[] = [];
const gw = (args: string[]) => runGw(args, { configDir, env, secrets: issued });
const writes = () => sandbox.log.filter((l) => /^(POST|PATCH|DELETE) /.test(l));

async function api<T>(path: string): Promise<T> {
  const r = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: `Bearer ${sandbox.apiKey}` } });
  return (await r.json()) as T;
}

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

/** Only the access sections, so providers are not managed. */
const accessOnly = (doc: Doc): Doc => ({ version: doc.version, backend: doc.backend, configurations: doc.configurations, accessKeys: doc.accessKeys });

describe("gw export / diff / apply on ngrok: configurations and access keys", () => {
  it("exports both sections by name, with provider keys by name and no token or redacted key anywhere", async () => {
    const r = await gw(["export"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = parse(r.stdout) as Doc;
    expect(Object.keys(doc)).toEqual(["version", "backend", "providers", "configurations", "accessKeys"]);
    expect(doc.configurations.find((c) => c.name === "Default")).toEqual({
      name: "Default",
      description: "OpenAI through ngrok.ai inference; the lab Ollama with its bearer key",
      metadata: null,
      access: { providers: ["openai", "my-ollama"] },
      rules: [
        { provider: "openai", steps: ["ngrok"] },
        { provider: "my-ollama", steps: [{ keys: ["ollama-bearer"] }] },
      ],
    });
    expect(doc.configurations.find((c) => c.name === "Unused")).toEqual({ name: "Unused", description: null, metadata: null, access: null, rules: [] });
    expect(doc.accessKeys).toContainEqual({ name: "Production web app", description: null, configuration: "Default" });
    expect(doc.accessKeys).toContainEqual({ name: "CI smoke tests", description: null, configuration: null });
    expect(r.stdout).not.toMatch(/ng-\w{5}-g1-|aigk_|aigac_|aigpk_|token|keyRedacted/);
    const same = write("same.yaml", doc);
    const diff = await gw(["diff", "-f", same, "--exit-code"]);
    expect(diff.exitCode, diff.stdout).toBe(0);
  });

  it("--dry-run of new items prints the POSTs (the key names the configuration it would be linked to) and sends nothing", async () => {
    const doc = accessOnly(await exported());
    doc.configurations.push({ name: "Batch", access: { providers: ["openai"] }, rules: [{ provider: "openai", steps: ["ngrok"] }] });
    doc.accessKeys.push({ name: "batch-runner", configuration: "Batch" });
    const file = write("dry.yaml", doc);
    const before = writes().length;
    const r = await gw(["apply", "-f", file, "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain("+ create configuration Batch");
    expect(r.stdout).toContain("+ create access-key batch-runner (configuration Batch)");
    expect(r.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/access-key-configurations$/m);
    expect(r.stdout).toContain('"accessKeyConfigurationId": "<id of Batch>"');
    expect(writes().length).toBe(before);
  });

  it("creates configurations (rules naming keys by name) and keys linked to them; a new key's token is printed once; a second apply changes nothing", async () => {
    const doc = accessOnly(await exported());
    doc.configurations.push({
      name: "Ollama only",
      description: "the lab box",
      access: { providers: ["my-ollama"], models: ["my-ollama:llama3.2"] },
      rules: [{ model: "my-ollama:llama3.2", steps: [{ keys: ["ollama-bearer"] }] }],
    });
    doc.accessKeys.push({ name: "lab notebook", description: "Jupyter", configuration: "Ollama only" });
    const staging = doc.accessKeys.find((k) => k.name === "Staging web app")!;
    staging.configuration = "Unused";
    const file = write("new.yaml", doc);

    const diff = await gw(["diff", "-f", file, "--exit-code"]);
    expect(diff.exitCode).toBe(10);
    expect(diff.stdout).toContain("~ update access-key Staging web app\n    configuration: Default -> Unused");
    expect(diff.stdout).toMatch(/Plan: 2 to create, 1 to change, 0 to/);

    const applied = await gw(["apply", "-f", file, "--yes"]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stderr).toContain("secret of new access key lab notebook follows; it is shown only this once");
    const line = applied.stdout.split("\n").find((l) => l.startsWith("lab notebook\t"))!;
    const token = line.split("\t")[1]!;
    expect(token).toMatch(/^ng-[A-Za-z0-9]{5}-g1-[A-Za-z0-9]{40}$/);
    issued.push(token);

    const keys = await api<{ aiGatewayAccessKeys: { name?: string; accessKeyConfiguration: { name: string } | null }[] }>("/access-keys");
    expect(keys.aiGatewayAccessKeys.find((k) => k.name === "lab notebook")?.accessKeyConfiguration?.name).toBe("Ollama only");
    expect(keys.aiGatewayAccessKeys.find((k) => k.name === "Staging web app")?.accessKeyConfiguration?.name).toBe("Unused");
    const after = await exported();
    expect(after.configurations.find((c) => c.name === "Ollama only")).toMatchObject({
      access: { providers: ["my-ollama"], models: ["my-ollama:llama3.2"] },
      rules: [{ model: "my-ollama:llama3.2", steps: [{ keys: ["ollama-bearer"] }] }],
    });

    const before = writes().length;
    const again = await gw(["apply", "-f", file, "--yes"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain("No changes");
    expect(writes().length).toBe(before);
  });

  it("changes scope and rules field by field; access: null is allow-all; description: null clears it", async () => {
    const doc = accessOnly(await exported());
    const ollama = doc.configurations.find((c) => c.name === "Ollama only")!;
    ollama.access = null;
    ollama.rules = [{ provider: "my-ollama", steps: [{ keys: ["ollama-bearer"] }] }, { provider: "openai", steps: ["ngrok"] }];
    doc.accessKeys.find((k) => k.name === "lab notebook")!.description = null;
    const file = write("change.yaml", doc);
    const applied = await gw(["apply", "-f", file, "--yes"]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stdout).toContain("~ update configuration Ollama only\n    access:");
    const configs = await api<{ aiGatewayAccessKeyConfigurations: { name: string; access?: unknown; router?: { rules: { provider?: string }[] } }[] }>(
      "/access-key-configurations",
    );
    const stored = configs.aiGatewayAccessKeyConfigurations.find((c) => c.name === "Ollama only")!;
    expect(stored).not.toHaveProperty("access");
    expect(stored.router?.rules.map((r) => r.provider)).toEqual(["my-ollama", "openai"]);
    expect((await exported()).accessKeys.find((k) => k.name === "lab notebook")?.description).toBeNull();
  });

  it("--prune of a configuration keys still link: exit 5, the 409 naming those keys; nothing else breaks", async () => {
    const doc = accessOnly(await exported());
    // Keys are not managed here (no accessKeys section), so they keep their link to Default.
    const file = write("prune.yaml", { version: doc.version, backend: doc.backend, configurations: doc.configurations.filter((c) => c.name !== "Default") });
    const r = await gw(["apply", "-f", file, "--yes", "--prune"]);
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toContain("- delete configuration Default");
    expect(r.stderr).toMatch(/failed: +delete configuration Default: delete access key configuration akc_sandbox_default: still in use \(HTTP 409\): access keys aigk_\w+ still link to it/);
  });

  it("--prune deletes a key the document leaves out, and an unlinked configuration", async () => {
    const doc = accessOnly(await exported());
    doc.accessKeys = doc.accessKeys.filter((k) => k.name !== "CI smoke tests");
    const file = write("prune-key.yaml", doc);
    const diff = await gw(["diff", "-f", file, "--prune"]);
    expect(diff.stdout).toContain("- delete access-key CI smoke tests");
    const applied = await gw(["apply", "-f", file, "--yes", "--prune"]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect((await exported()).accessKeys.map((k) => k.name)).not.toContain("CI smoke tests");
  });

  it("reports problems with file:line:column before sending anything", async () => {
    const bad = write(
      "bad.yaml",
      [
        "version: 1",
        "backend: ngrok",
        "configurations:",
        "  - name: x",
        "    rules:",
        "      - steps: [ngrok]",
        "      - model: gpt-4o",
        "        steps: [{keys: []}]",
        "      - provider: openai",
        "        steps: [fast]",
        "    access: {teams: [a]}",
        "accessKeys:",
        "  - name: k",
        "    token: ng-secret",
        "",
      ].join("\n"),
    );
    const before = writes().length;
    const r = await gw(["diff", "-f", bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/:6:\d+: configurations\[0\]\.rules\[0\]: a rule needs a provider or a model/);
    expect(r.stderr).toMatch(/:7:\d+: configurations\[0\]\.rules\[1\]\.model: must be provider-qualified/);
    expect(r.stderr).toMatch(/:8:\d+: configurations\[0\]\.rules\[1\]\.steps\[0\]\.keys: at least one provider key/);
    expect(r.stderr).toMatch(/:10:\d+: configurations\[0\]\.rules\[2\]\.steps\[0\]: must be ngrok or \{keys: \[provider key names\]\}/);
    expect(r.stderr).toMatch(/:11:\d+: configurations\[0\]\.access\.teams: unknown key/);
    expect(r.stderr).toMatch(/:14:5: accessKeys\[0\]\.token: unknown key/);
    expect(writes().length).toBe(before);
  });

  it("a key naming a configuration that does not exist, or a rule naming an unknown provider key, fails that item with exit 4", async () => {
    const doc = accessOnly(await exported());
    doc.accessKeys.push({ name: "orphan", configuration: "No such configuration" });
    doc.configurations.push({ name: "Bad keys", rules: [{ provider: "openai", steps: [{ keys: ["no-such-key"] }] }] });
    const r = await gw(["apply", "-f", write("missing.yaml", doc), "--yes"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/failed: +create configuration Bad keys: configuration Bad keys: rule for openai names provider key no-such-key, which openai does not have/);
    expect(r.stderr).toMatch(/failed: +create access-key orphan: access key orphan: configuration No such configuration does not exist/);
  });
});
