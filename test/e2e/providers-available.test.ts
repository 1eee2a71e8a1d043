import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/**
 * Issue 13: `gw providers available` lists the model providers a LangWatch binding can reference (with
 * which are enabled and which slots are taken), and `providers bind --provider` takes the provider's name.
 */

interface Available {
  id: string | null;
  provider: string;
  enabled: boolean;
  stored: boolean;
  models: string[];
  boundSlots: string[] | null;
}
interface Binding {
  id: string;
  provider: string;
  providerId: string;
  slot: string;
}

function langwatch(era: "a" | "b") {
  let sandbox: SandboxProcess;
  let env: Record<string, string>;
  const configDir = tempConfigDir();
  beforeAll(async () => {
    sandbox = await startSandboxProcess(["--langwatch-era", era]);
    env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
  });
  afterAll(async () => {
    expect(sandbox.contractViolations()).toEqual([]);
    await sandbox?.stop();
  });
  return (args: string[]) => runGw(args, { configDir, env });
}

describe("gw providers available on LangWatch v3.2-v3.3", () => {
  const gw = langwatch("a");

  it("a table of the stored providers: ID, PROVIDER, ENABLED, MODELS, BOUND SLOTS", async () => {
    const r = await gw(["providers", "available"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n").map((l) => l.split("\t"));
    expect(header).toEqual(["ID", "PROVIDER", "ENABLED", "MODELS", "BOUND SLOTS"]);
    const byProvider = new Map(rows.map((c) => [c[1], c]));
    expect([...byProvider.keys()]).toEqual(["openai", "anthropic", "azure", "gemini"]);
    expect(byProvider.get("openai")!.slice(2)).toEqual(["yes", expect.stringMatching(/^\d+$/), "primary, batch"]);
    expect(byProvider.get("gemini")!.slice(2, 3)).toEqual(["no"]);
    expect(byProvider.get("gemini")![4]).toBe("-");
  });

  it("-o json: records whose ids are the bindings' providerIds; --all adds registry defaults (no id)", async () => {
    const records = JSON.parse((await gw(["providers", "available", "-o", "json"])).stdout) as Available[];
    const bindings = JSON.parse((await gw(["providers", "list", "-o", "json"])).stdout) as Binding[];
    const openai = records.find((p) => p.provider === "openai")!;
    expect(openai).toMatchObject({ enabled: true, stored: true, boundSlots: ["primary", "batch"] });
    expect(bindings.filter((b) => b.provider === "openai").every((b) => b.providerId === openai.id)).toBe(true);
    const all = JSON.parse((await gw(["providers", "available", "--all", "-o", "json"])).stdout) as Available[];
    expect(all.length).toBeGreaterThan(records.length);
    expect(all.filter((p) => !p.stored).every((p) => p.id === null && p.boundSlots!.length === 0)).toBe(true);
  });

  it("providers bind --provider <name> binds that provider's id; an unstored one is exit 2 saying where to store it", async () => {
    const anthropic = (JSON.parse((await gw(["providers", "available", "-o", "json"])).stdout) as Available[]).find((p) => p.provider === "anthropic")!;
    const bound = await gw(["providers", "bind", "--provider", "anthropic", "--slot", "by-name", "-o", "json"]);
    expect(bound.exitCode, bound.stderr).toBe(0);
    expect(JSON.parse(bound.stdout)).toMatchObject({ provider: "anthropic", providerId: anthropic.id, slot: "by-name" });
    expect(JSON.parse((await gw(["providers", "available", "-o", "json"])).stdout).find((p: Available) => p.provider === "anthropic").boundSlots).toContain("by-name");

    const dry = await gw(["providers", "bind", "--provider", "azure", "--slot", "dry", "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/"model_provider_id": "(?!azure")[^"]+"/);

    const unstored = (JSON.parse((await gw(["providers", "available", "--all", "-o", "json"])).stdout) as Available[]).find((p) => !p.stored)!;
    const refused = await gw(["providers", "bind", "--provider", unstored.provider, "--slot", "x"]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`model provider "${unstored.provider}" is not stored in this project`);
  });
});

describe("gw providers available on LangWatch v3.4+ and elsewhere", () => {
  const gw = langwatch("b");

  it("v3.4+: the providers, with bound slots unknown (the bindings API answers 410) and a warning", async () => {
    const r = await gw(["providers", "available", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const records = JSON.parse(r.stdout) as Available[];
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((p) => p.boundSlots === null)).toBe(true);
    expect(r.stderr).toMatch(/warning: bound slots are not available: .*410/);
  });

  it("Bifrost binds by provider name: exit 2 with the reason, nothing sent", async () => {
    const r = await runGw(["providers", "available"], {
      configDir: tempConfigDir(),
      env: { GW_BACKEND: "bifrost", GW_BASE_URL: "http://127.0.0.1:9", GW_AUTH: "none" },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/the bifrost backend does not support `gw providers available`: Bifrost binds a provider by its name/);
  });
});
