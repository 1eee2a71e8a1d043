import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bifrostRig, type BifrostRig } from "./bifrost-helpers.js";

/**
 * The built gw against `gw sandbox --backend bifrost --bifrost-version 2` (v2.5), and the same reads against
 * 1.5 and 1.4: the release from /api/version, allow_all_providers on keys, routing rules from /api/routing/rules
 * on v2 and from the governance path (the only one there) on v1.x.
 */
interface VkJson {
  id: string;
  name: string;
  allowAllProviders: boolean;
  providersAllowed: string[] | null;
  providerConfigs: { provider: string }[];
}
interface ChainJson {
  virtualKeyId: string;
  rules: { name: string; scope: string; fallbacks: { provider: string | null; model: string | null }[] }[];
}

const rigs: Partial<Record<"1.4" | "1.5" | "2", BifrostRig>> = {};
const rig = (version: "1.4" | "1.5" | "2") => rigs[version]!;

beforeAll(async () => {
  const [v2, v15, v14] = await Promise.all(["2", "1.5", "1.4"].map((v) => bifrostRig(["--bifrost-version", v])));
  Object.assign(rigs, { "2": v2, "1.5": v15, "1.4": v14 });
});
afterAll(async () => {
  for (const [version, r] of Object.entries(rigs)) {
    expect(r.sandbox.contractViolations(), `v${version}`).toEqual([]);
    await r.sandbox.stop();
  }
});

async function keys(version: "1.4" | "1.5" | "2"): Promise<VkJson[]> {
  return rig(version).json<VkJson[]>(["vk", "list"]);
}

describe("Bifrost v2: allow_all_providers", () => {
  it("gw vk get shows a key allowed every provider as such, not as none", async () => {
    const admin = (await keys("2")).find((k) => k.name === "platform-admin")!;
    expect(admin).toMatchObject({ allowAllProviders: true, providersAllowed: null, providerConfigs: [] });
    const table = await rig("2").gw(["vk", "get", admin.id]);
    expect(table.exitCode, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^Providers: +all providers$/m);
    expect(table.stdout).toMatch(/^Chain: +all providers$/m);
    const list = await rig("2").gw(["vk", "list"]);
    const row = list.stdout.split("\n").map((l) => l.split("\t")).find((c) => c[1] === "platform-admin")!;
    expect(row[3]).toBe("all providers");
  });

  it("the other keys say false, on v2 as on 1.5 and 1.4 (where the field does not exist)", async () => {
    for (const version of ["2", "1.5", "1.4"] as const) {
      const prod = (await keys(version)).find((k) => k.name === "prod-chat")!;
      expect(prod, `v${version}`).toMatchObject({ allowAllProviders: false, providersAllowed: ["openai", "anthropic"] });
      const table = await rig(version).gw(["vk", "get", prod.id]);
      expect(table.stdout, `v${version}`).toMatch(/^Providers: +openai 70% \(gpt-4o, gpt-4o-mini; 300 rpm\), anthropic 30%/m);
    }
    expect((await keys("1.5")).some((k) => k.name === "platform-admin")).toBe(false);
  });
});

describe("gw chain: routing rules by server generation", () => {
  it("v2: reads /api/routing/rules, with the release from /api/version", async () => {
    const prod = (await keys("2")).find((k) => k.name === "prod-chat")!;
    let out = "";
    const sent = await rig("2").requests(async () => {
      const r = await rig("2").gw(["chain", prod.id], { COLUMNS: "300" });
      expect(r.exitCode, r.stderr).toBe(0);
      out = r.stdout;
    });
    expect(sent).toContain("GET /api/version 200");
    expect(sent).toContain("GET /api/routing/rules 200");
    expect(sent.some((l) => l.includes("/api/governance/routing-rules"))).toBe(false);
    expect(sent.some((l) => l.includes("/api/config"))).toBe(false);
    expect(out).toMatch(/1\. rule "prod-gpt4o-split" \(priority 1, this key, when model == "gpt-4o"\):\s+openai\/gpt-4o 70% \| azure\/gpt-4o 30%\s+-> anthropic\/claude-3-5-sonnet-20241022\s+-> groq\/llama-3\.3-70b-versatile/);
  });

  it("v2: the allow-all key gets the global rule", async () => {
    const admin = (await keys("2")).find((k) => k.name === "platform-admin")!;
    const chain = await rig("2").json<ChainJson>(["chain", admin.id]);
    expect(chain.rules.map((r) => [r.name, r.scope])).toEqual([["global-default", "global"]]);
    expect(chain.rules[0]!.fallbacks).toEqual([{ provider: "anthropic", model: "claude-3-5-haiku-20241022" }]);
  });

  it.each(["1.5", "1.4"] as const)("v%s: reads the governance path only (its release says v1.x), same chains as before", async (version) => {
    const batch = (await keys(version)).find((k) => k.name === "batch-jobs")!;
    let chain: ChainJson | undefined;
    const sent = await rig(version).requests(async () => {
      chain = await rig(version).json<ChainJson>(["chain", batch.id]);
    });
    expect(sent).toContain("GET /api/version 200");
    expect(sent).toContain("GET /api/governance/routing-rules 200");
    expect(sent.some((l) => l.includes("/api/routing/rules"))).toBe(false);
    expect(chain!.rules.map((r) => [r.name, r.scope])).toEqual([["data-team-batch", "team"], ["global-default", "global"]]);
    expect(chain!.rules[0]!.fallbacks).toEqual([{ provider: "openai", model: "gpt-4o-mini" }]);
  });
});
