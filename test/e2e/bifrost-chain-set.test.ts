import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bifrostRig, type BifrostRig } from "./bifrost-helpers.js";

/**
 * `gw chain set <vk> <provider[/model]>...` on Bifrost: the key's catch-all routing rule (scope virtual_key,
 * condition true) is created, then updated; rules of other scopes, and the key's conditional rules, are never
 * touched. v2 writes /api/routing/rules, v1.x the governance path (the only one there).
 */
type Version = "1.4" | "1.5" | "2";
const VERSIONS = ["1.4", "1.5", "2"] as const;
const RULES: Record<Version, string> = { "1.4": "/api/governance/routing-rules", "1.5": "/api/governance/routing-rules", "2": "/api/routing/rules" };

interface WireRule {
  id: string;
  name: string;
  scope: string;
  scope_id: string | null;
  cel_expression: string;
  priority: number;
  enabled: boolean;
  targets: { provider: string | null; model: string | null; weight: number }[];
  fallbacks: string[];
}
interface ChainJson {
  virtualKeyId: string;
  rules: { id: string; name: string; scope: string; condition: string; targets: { provider: string | null; model: string | null; weight: number }[]; fallbacks: { provider: string | null; model: string | null }[] }[];
}

const rigs: Partial<Record<Version, BifrostRig>> = {};
const rig = (v: Version) => rigs[v]!;

beforeAll(async () => {
  const started = await Promise.all(VERSIONS.map((v) => bifrostRig(["--bifrost-version", v])));
  VERSIONS.forEach((v, i) => (rigs[v] = started[i]));
});
afterAll(async () => {
  for (const [version, r] of Object.entries(rigs)) {
    expect(r.sandbox.contractViolations(), `v${version}`).toEqual([]);
    await r.sandbox.stop();
  }
});

async function keyId(v: Version, name: string): Promise<string> {
  const keys = await rig(v).json<{ id: string; name: string }[]>(["vk", "list"]);
  return keys.find((k) => k.name === name)!.id;
}

async function allRules(v: Version): Promise<WireRule[]> {
  const r = await rig(v).gw(["api", "GET", RULES[v]]);
  expect(r.exitCode, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { rules: WireRule[] }).rules;
}

const others = (rules: WireRule[], id: string) => rules.filter((r) => !(r.scope === "virtual_key" && r.scope_id === id));

describe.each(VERSIONS)("Bifrost v%s: gw chain set", (v) => {
  it("creates the key's catch-all rule, then updates the same rule; other scopes untouched", async () => {
    const id = await keyId(v, "support-bot");
    const before = await allRules(v);
    let created: ChainJson | undefined;
    const sent = await rig(v).requests(async () => {
      const r = await rig(v).gw(["chain", "set", id, "openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-20241022", "-o", "json"]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toContain(`✓ Set the chain of virtual key ${id} (2 hops)`);
      created = JSON.parse(r.stdout) as ChainJson;
    });
    expect(sent).toContain(`POST ${RULES[v]} 200`);
    if (v !== "2") expect(sent.some((l) => l.includes("/api/routing/rules"))).toBe(false);
    const own = created!.rules[0]!;
    expect(own).toMatchObject({
      name: "gw chain support-bot",
      scope: "virtual_key",
      condition: "true",
      targets: [{ provider: "openai", model: "gpt-4o-mini", weight: 1 }],
      fallbacks: [{ provider: "anthropic", model: "claude-3-5-haiku-20241022" }],
    });
    expect(created!.rules.map((r) => r.name)).toEqual(["gw chain support-bot", "global-default"]);

    const updated = await rig(v).requests(async () => {
      const r = await rig(v).gw(["chain", "set", id, "anthropic/claude-3-5-sonnet-20241022", "groq/llama-3.3-70b-versatile", "openai/gpt-4o"], { COLUMNS: "300" });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/1\. rule "gw chain support-bot" \(priority 0, this key, when true\): anthropic\/claude-3-5-sonnet-20241022 -> groq\/llama-3\.3-70b-versatile -> openai\/gpt-4o/);
    });
    expect(updated).toContain(`PUT ${RULES[v]}/${own.id} 200`);
    expect(updated.some((l) => l.startsWith("POST "))).toBe(false);
    const after = await allRules(v);
    expect(after.filter((r) => r.scope === "virtual_key" && r.scope_id === id).map((r) => r.id)).toEqual([own.id]);
    expect(others(after, id)).toEqual(others(before, id));
  });

  it("goes after the key's conditional rules, which it leaves alone; a second run updates its own rule", async () => {
    const id = await keyId(v, "prod-chat");
    const before = await allRules(v);
    const r = await rig(v).gw(["chain", "set", id, "openai", "azure/gpt-4o"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const after = await allRules(v);
    const mine = after.find((x) => x.name === "gw chain prod-chat")!;
    expect(mine).toMatchObject({ scope: "virtual_key", scope_id: id, cel_expression: "true", priority: 6, fallbacks: ["azure/gpt-4o"] });
    expect(mine.targets).toEqual([expect.objectContaining({ provider: "openai", model: null, weight: 1 })]);
    expect(after.filter((x) => x.id !== mine.id)).toEqual(before);
  });

  it("a catch-all split by weight keeps its targets when the first hop is its first target, and is refused otherwise (exit 5)", async () => {
    const id = await keyId(v, "batch-jobs");
    const body = JSON.stringify({
      name: "batch split", cel_expression: "true", scope: "virtual_key", scope_id: id, priority: 2,
      targets: [{ provider: "internal-llm", weight: 0.8 }, { provider: "openai", model: "gpt-4o-mini", weight: 0.2 }],
      fallbacks: [],
    });
    const made = await rig(v).gw(["api", "POST", RULES[v], "--input", "-"], {}, body);
    expect(made.exitCode, made.stderr).toBe(0);
    const refused = await rig(v).gw(["chain", "set", id, "openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-20241022"]);
    expect(refused.exitCode).toBe(5);
    expect(refused.stderr).toMatch(/rule "batch split" \(.+\) of virtual key .+ routes by weight over 2 targets \(internal-llm 80% \| openai\/gpt-4o-mini 20%\); gw chain set would replace them with one and lose the weights/);
    const kept = await rig(v).gw(["chain", "set", id, "internal-llm", "anthropic/claude-3-5-haiku-20241022"]);
    expect(kept.exitCode, kept.stderr).toBe(0);
    const rule = (await allRules(v)).find((x) => x.name === "batch split")!;
    expect(rule.targets.map((t) => [t.provider, t.weight])).toEqual([["internal-llm", 0.8], ["openai", 0.2]]);
    expect(rule.fallbacks).toEqual(["anthropic/claude-3-5-haiku-20241022"]);
  });

  it("--dry-run prints the rule it would write and sends nothing; bad hops are exit 2, an unknown provider exit 4", async () => {
    const id = await keyId(v, "legacy-app");
    const sent = await rig(v).requests(async () => {
      const r = await rig(v).gw(["chain", "set", id, "anthropic", "openai/gpt-4o", "--dry-run"]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^POST http://127\\.0\\.0\\.1:\\d+${RULES[v]}\\n\\{`));
      expect(JSON.parse(r.stdout.slice(r.stdout.indexOf("{")))).toMatchObject({
        cel_expression: "true", scope: "virtual_key", scope_id: id, targets: [{ provider: "anthropic", weight: 1 }], fallbacks: ["openai/gpt-4o"],
      });
      const bare = await rig(v).gw(["chain", "set", id, "openai/gpt-4o", "anthropic"]);
      expect(bare.exitCode).toBe(2);
      expect(bare.stderr).toMatch(/fallback "anthropic" needs a model/);
      const twice = await rig(v).gw(["chain", "set", id, "openai/gpt-4o", "openai/gpt-4o"]);
      expect(twice.exitCode).toBe(2);
      const unknown = await rig(v).gw(["chain", "set", id, "mystery/model-x"]);
      expect(unknown.exitCode).toBe(4);
      expect(unknown.stderr).toMatch(/provider mystery is not configured on this server/);
    });
    expect(sent.filter((l) => !l.startsWith("GET "))).toEqual([]);
    expect((await rig(v).gw(["chain", "set", "00000000-0000-4000-8000-000000000000", "openai"])).exitCode).toBe(4);
  });
});
