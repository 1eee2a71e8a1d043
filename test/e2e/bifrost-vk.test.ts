import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bifrostRig, type BifrostRig } from "./bifrost-helpers.js";

interface VkJson {
  id: string;
  backend: string;
  name: string;
  status: string;
  displayPrefix: string | null;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  chain: null;
  teamId: string | null;
  providerConfigs: { provider: string; weight: number | null; allowedModels: string[] | null; rpm: number | null; budgets: unknown[] }[];
  budgets: { maxLimit: number; resetDuration: string; currentUsage: number | null }[];
}

let rig: BifrostRig;
let keys: VkJson[];
const byName = (name: string) => keys.find((k) => k.name === name)!;

beforeAll(async () => {
  rig = await bifrostRig();
  keys = await rig.json<VkJson[]>(["vk", "list"]);
});
afterAll(async () => {
  expect(rig.sandbox.contractViolations()).toEqual([]);
  await rig.sandbox.stop();
});

describe("gw vk on Bifrost", () => {
  it("lists keys with provider configs, weights, budgets and limits; the key's value only masked", async () => {
    expect(keys.map((k) => k.name)).toEqual(["prod-chat", "batch-jobs", "support-bot", "legacy-app"]);
    const prod = byName("prod-chat");
    expect(prod).toMatchObject({ backend: "bifrost", status: "active", rpm: 1200, tpm: 200000, rpd: null, chain: null });
    expect(prod.displayPrefix).toMatch(/^sk-b\*\*\*\*[0-9a-f]{4}$/);
    expect(prod.providerConfigs.map((c) => [c.provider, c.weight, c.allowedModels, c.rpm])).toEqual([
      ["openai", 0.7, ["gpt-4o", "gpt-4o-mini"], 300],
      ["anthropic", 0.3, null, null],
    ]);
    expect(prod.budgets).toEqual([
      { maxLimit: 100, resetDuration: "1M", currentUsage: 37.5, calendarAligned: true },
      { maxLimit: 10, resetDuration: "1d", currentUsage: 2.25, calendarAligned: true },
    ]);
    expect(byName("legacy-app")).toMatchObject({ status: "disabled", providerConfigs: [{ allowedModels: [] }] }); // v1.5: [] = none
    expect(byName("batch-jobs").teamId).toBe("team-data");
    const raw = await rig.gw(["vk", "list", "--raw"]);
    expect(raw.stdout).not.toMatch(/sk-bf-[0-9a-f]{8}-/);
  });

  it("shows the providers by weight in the table", async () => {
    const r = await rig.gw(["vk", "list"]);
    const rows = r.stdout.trimEnd().split("\n").map((l) => l.split("\t"));
    expect(rows[0]).toEqual(["ID", "NAME", "STATUS", "CHAIN", "RPM/TPM/RPD"]);
    expect(rows.find((c) => c[1] === "prod-chat")!.slice(3)).toEqual(["openai 70% | anthropic 30%", "1200/200000/-"]);
    expect(rows.find((c) => c[1] === "legacy-app")![3]).toBe("anthropic (unweighted)");
  });

  it("gets one key; an unknown id exits 4", async () => {
    const one = await rig.json<VkJson>(["vk", "get", byName("support-bot").id]);
    expect(one.providerConfigs[0]).toMatchObject({ provider: "openai", rpm: 900 });
    const table = await rig.gw(["vk", "get", byName("prod-chat").id]);
    expect(table.stdout).toMatch(/^Providers: +openai 70% \(gpt-4o, gpt-4o-mini; 300 rpm\), anthropic 30% \(all models; \$50\.00\/1M calendar \(used \$12\.50\)\)$/m);
    expect(table.stdout).toMatch(/^Budgets: +\$100\.00\/1M calendar \(used \$37\.50\), \$10\.00\/1d calendar \(used \$2\.25\)$/m);
    const missing = await rig.gw(["vk", "get", "00000000-0000-4000-8000-000000000000"]);
    expect(missing.exitCode).toBe(4);
  });

  it("refuses revoke, which Bifrost does not have (exit 2, naming disable and delete)", async () => {
    const r = await rig.gw(["vk", "revoke", "id", "--yes"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/the bifrost backend does not support `gw vk revoke`: Bifrost deactivates keys \(gw vk disable\) or deletes them \(gw vk delete\)/);
  });
});

describe("gw chain on Bifrost: routing rules as chains", () => {
  it("renders each rule that applies: targets with weights, then fallbacks, and says what it cannot know", async () => {
    const r = await rig.gw(["chain", byName("prod-chat").id], { COLUMNS: "300" });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain("Providers by weight: openai 70% | anthropic 30%");
    expect(r.stdout).toMatch(/1\. rule "prod-gpt4o-split" \(priority 1, this key, when model == "gpt-4o"\):\s+openai\/gpt-4o 70% \| azure\/gpt-4o 30%\s+-> anthropic\/claude-3-5-sonnet-20241022\s+-> groq\/llama-3\.3-70b-versatile/);
    expect(r.stdout).toMatch(/2\. rule "prod-free-tier" \(priority 5, this key, disabled\)/);
    expect(r.stdout).toMatch(/3\. rule "global-default" \(priority 100, global, when true\)/);
    expect(r.stdout).not.toContain("data-team-batch"); // another team's rule
    expect(r.stdout).toMatch(/gw does not evaluate the conditions/);
  });

  it("-o json gives the weighted providers and the applicable rules in order", async () => {
    const chain = await rig.json<{ virtualKeyId: string; providers: unknown[]; rules: { name: string; scope: string; fallbacks: { provider: string; model: string }[] }[] }>(["chain", byName("batch-jobs").id]);
    expect(chain.providers).toEqual([{ provider: "internal-llm", weight: 1, share: "100%" }]);
    expect(chain.rules.map((r) => [r.name, r.scope])).toEqual([["data-team-batch", "team"], ["global-default", "global"]]);
    expect(chain.rules[0]!.fallbacks).toEqual([{ provider: "openai", model: "gpt-4o-mini" }]);
  });

  it("exits 4 for an unknown key (chain set: see bifrost-chain-set.test.ts)", async () => {
    expect((await rig.gw(["chain", "00000000-0000-4000-8000-000000000000"])).exitCode).toBe(4);
  });
});

describe("gw limits on Bifrost", () => {
  it("lists providers, keys and provider configs, with other windows, budgets and what cannot take effect", async () => {
    const rows = await rig.json<{ kind: string; name: string; rpm: number | null; rpd: number | null; other: string[]; warnings: string[] }[]>(["limits"]);
    const row = (name: string) => rows.find((r) => r.name === name)!;
    expect(row("azure")).toMatchObject({ kind: "binding", other: ["5000 req/1h", "2000000 tok/1d"], warnings: [] });
    expect(row("openai").warnings).toEqual([]); // no LangWatch "TPM not enforced" here
    expect(row("batch-jobs").warnings).toEqual(["RPD 200000 is above what its providers can carry together (50000): their limits cap first"]);
    expect(row("support-bot -> openai")).toMatchObject({ kind: "provider-config", rpm: 900, warnings: ["RPM 900 is above the provider's own limit (600): the provider caps first"] });
    expect(row("prod-chat").other).toEqual(["$100.00/1M calendar (used $37.50)", "$10.00/1d calendar (used $2.25)"]);
    const table = await rig.gw(["limits"]);
    expect(table.stdout.split("\n")[0]!.split("\t")).toEqual(["KIND", "ID", "NAME", "STATUS", "RPM", "TPM", "RPD", "OTHER", "WARNINGS"]);
    expect(table.stdout).toMatch(/^binding\tazure\tazure\tactive\t-\t-\t-\t5000 req\/1h, 2000000 tok\/1d\t$/m);
  });
});

describe("gw vk list across pages", () => {
  it("follows limit/offset to the end", async () => {
    const many = await bifrostRig(["--seed", "150"]);
    try {
      let list: VkJson[] = [];
      const sent = await many.requests(async () => {
        list = await many.json<VkJson[]>(["vk", "list"]);
      });
      expect(list).toHaveLength(150);
      expect(new Set(list.map((k) => k.id)).size).toBe(150);
      expect(sent.filter((l) => l.startsWith("GET /api/governance/virtual-keys"))).toEqual([
        "GET /api/governance/virtual-keys?limit=100&offset=0 200",
        "GET /api/governance/virtual-keys?limit=100&offset=100 200",
      ]);
      expect(many.sandbox.contractViolations()).toEqual([]);
    } finally {
      await many.sandbox.stop();
    }
  });
});
