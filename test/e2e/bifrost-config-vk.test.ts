import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { bifrostRig, expectNoSecrets, type BifrostRig } from "./bifrost-helpers.js";

/**
 * Config as code on Bifrost (issue 11): the virtualKeys and routingRules sections, on both generations the
 * sandbox emulates: v2.5 (rules at /api/routing/rules) and v1.5 (rules at /api/governance/routing-rules only).
 */
interface Grant {
  provider: string;
  weight: number | null;
  models: string[];
}
interface Key {
  name: string;
  description?: string | null;
  providers?: Grant[];
  allowAllProviders?: boolean;
  team?: string | null;
  customer?: string | null;
  rpm?: number | null;
  tpm?: number | null;
  rpd?: number | null;
  budgets?: string[];
  status?: string;
}
interface Rule {
  name: string;
  description?: string | null;
  enabled?: boolean;
  scope?: string;
  priority?: number;
  condition?: string;
  targets?: { provider?: string; model?: string; keyId?: string; weight: number }[];
  fallbacks?: string[];
  chainRule?: boolean;
}
interface Doc {
  version: number;
  backend: string;
  providers?: unknown[];
  virtualKeys?: Key[];
  routingRules?: Rule[];
}

const dir = mkdtempSync(join(tmpdir(), "gw-config-bifrost-vk-"));
const write = (name: string, doc: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof doc === "string" ? doc : stringify(doc));
  return file;
};
const GENERATIONS = [
  { version: "2", rules: "/api/routing/rules" },
  { version: "1.5", rules: "/api/governance/routing-rules" },
  { version: "1.4", rules: "/api/governance/routing-rules" },
] as const;

describe.each(GENERATIONS)("gw export / diff / apply of virtual keys and routing rules on Bifrost v$version", ({ version, rules }) => {
  let rig: BifrostRig;
  const writes = () => rig.sandbox.log.filter((l) => /^(POST|PUT|DELETE) /.test(l));
  const exported = async (): Promise<Doc> => {
    const r = await rig.gw(["export"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expectNoSecrets(r.stdout);
    expect(r.stdout).not.toMatch(/sk-bf-/);
    return parse(r.stdout) as Doc;
  };

  beforeAll(async () => {
    rig = await bifrostRig(["--bifrost-version", version]);
  });
  afterAll(async () => {
    expect(rig.sandbox.contractViolations()).toEqual([]);
    await rig?.sandbox.stop();
  });

  it("exports keys and rules by name, a key-scoped rule naming its key, no key value; the export diffs clean", async () => {
    const doc = await exported();
    expect(doc.virtualKeys!.find((k) => k.name === "prod-chat")).toEqual({
      name: "prod-chat",
      description: "Customer chat, production",
      providers: [
        { provider: "openai", weight: 0.7, models: ["gpt-4o", "gpt-4o-mini"] },
        { provider: "anthropic", weight: 0.3, models: ["*"] },
      ],
      allowAllProviders: false,
      team: null,
      customer: null,
      rpm: 1200,
      tpm: 200000,
      rpd: null,
      budgets: ["100/1M", "10/1d"],
      status: "active",
    });
    expect(doc.virtualKeys!.find((k) => k.name === "legacy-app")).toMatchObject({ customer: "cust-acme", status: "disabled" });
    expect(doc.routingRules!.find((r) => r.name === "prod-gpt4o-split")).toMatchObject({
      scope: "virtual_key:prod-chat",
      priority: 1,
      condition: 'model == "gpt-4o"',
      targets: [
        { provider: "openai", model: "gpt-4o", weight: 0.7 },
        { provider: "azure", model: "gpt-4o", weight: 0.3 },
      ],
    });
    expect(doc.routingRules!.find((r) => r.name === "data-team-batch")).toMatchObject({ scope: "team:team-data" });
    expect(doc.routingRules!.find((r) => r.name === "global-default")).toMatchObject({ scope: "global", condition: "true" });
    const same = await rig.gw(["diff", "-f", write(`same-${version}.yaml`, doc), "--exit-code"]);
    expect(same.exitCode, same.stdout + same.stderr).toBe(0);
  });

  it("round-trips: edit keys and rules, diff, apply (a new key's secret once), export again; a second apply changes nothing", async () => {
    const doc = await exported();
    const prod = doc.virtualKeys!.find((k) => k.name === "prod-chat")!;
    prod.rpm = 1500;
    prod.budgets = ["100/1M", "5/1d"];
    prod.providers = [...prod.providers!.map((g) => (g.provider === "openai" ? { ...g, weight: 0.5 } : g)), { provider: "groq", weight: 0.2, models: ["llama-3.1-8b-instant"] }];
    doc.virtualKeys!.find((k) => k.name === "support-bot")!.status = "disabled";
    doc.virtualKeys!.find((k) => k.name === "legacy-app")!.status = "active";
    doc.virtualKeys!.push({ name: "analytics", description: "BI jobs", providers: [{ provider: "openai", weight: 1, models: ["*"] }], rpm: 30, budgets: ["25/1M"] });
    doc.routingRules!.find((r) => r.name === "prod-gpt4o-split")!.fallbacks = ["anthropic/claude-3-5-sonnet-20241022"];
    doc.routingRules!.push({
      name: "analytics-chain",
      scope: "virtual_key:analytics",
      condition: "true",
      targets: [{ provider: "openai", model: "gpt-4o-mini", weight: 1 }],
      fallbacks: ["anthropic/claude-3-5-haiku-20241022"],
    });
    const file = write(`edit-${version}.yaml`, doc);

    const diff = await rig.gw(["diff", "-f", file, "--exit-code"]);
    expect(diff.exitCode, diff.stderr).toBe(10);
    expect(diff.stdout).toContain(
      "~ update virtual-key prod-chat\n" +
        "    providers: [openai 0.7 gpt-4o+gpt-4o-mini, anthropic 0.3] -> [openai 0.5 gpt-4o+gpt-4o-mini, anthropic 0.3, groq 0.2 llama-3.1-8b-instant]\n" +
        "    rpm: 1200 -> 1500\n" +
        "    budgets: [100/1M, 10/1d] -> [100/1M, 5/1d]",
    );
    expect(diff.stdout).toMatch(/^- disable virtual-key support-bot$/m);
    expect(diff.stdout).toMatch(/^\+ enable virtual-key legacy-app$/m);
    expect(diff.stdout).toContain("+ create virtual-key analytics (description BI jobs, providers [openai 1], rpm 30, budgets [25/1M])");
    expect(diff.stdout).toContain(
      "~ update routing-rule prod-gpt4o-split/virtual_key:prod-chat\n    fallbacks: [anthropic/claude-3-5-sonnet-20241022, groq/llama-3.3-70b-versatile] -> [anthropic/claude-3-5-sonnet-20241022]",
    );
    expect(diff.stdout).toContain(
      "+ create routing-rule analytics-chain/virtual_key:analytics (condition true, targets [openai/gpt-4o-mini 1], fallbacks [anthropic/claude-3-5-haiku-20241022])",
    );

    const mark = rig.sandbox.log.length;
    const applied = await rig.gw(["apply", "-f", file, "--yes"]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stderr).toContain("secret of new virtual key analytics follows; it is shown only this once");
    const secrets = applied.stdout.split("\n").filter((l) => l.includes("\t"));
    expect(secrets).toHaveLength(1);
    expect(secrets[0]).toMatch(/^analytics\tsk-bf-[0-9a-f-]{36}$/);
    expect(applied.stderr).toMatch(/Applied 6 changes\./);
    // Rules are written where this generation keeps them.
    const ruleWrites = rig.sandbox.log.slice(mark).filter((l) => /^(POST|PUT) .*rules/.test(l));
    expect(ruleWrites.length).toBe(2);
    for (const line of ruleWrites) expect(line).toMatch(new RegExp(`^(POST|PUT) ${rules}[ /]`));

    const after = await exported();
    expect(after.virtualKeys!.find((k) => k.name === "prod-chat")).toMatchObject({ rpm: 1500, tpm: 200000, budgets: ["100/1M", "5/1d"], providers: prod.providers });
    expect(after.virtualKeys!.find((k) => k.name === "support-bot")!.status).toBe("disabled");
    expect(after.virtualKeys!.find((k) => k.name === "legacy-app")!.status).toBe("active");
    expect(after.virtualKeys!.find((k) => k.name === "analytics")).toMatchObject({ description: "BI jobs", rpm: 30, budgets: ["25/1M"], status: "active" });
    expect(after.routingRules!.find((r) => r.name === "analytics-chain")).toMatchObject({ scope: "virtual_key:analytics", enabled: true, priority: 0 });
    expect(after.routingRules!.find((r) => r.name === "prod-gpt4o-split")!.fallbacks).toEqual(["anthropic/claude-3-5-sonnet-20241022"]);
    // The rule gw chain shows for the new key is the one the document wrote.
    const chain = await rig.gw(["chain", "analytics"]);
    expect(chain.exitCode, chain.stderr).toBe(0);
    expect(chain.stdout).toContain("analytics-chain");

    const before = writes().length;
    const again = await rig.gw(["apply", "-f", file, "--yes"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain("No changes: the control plane matches the document.");
    expect(again.stdout).not.toMatch(/sk-bf-/);
    expect(writes().length).toBe(before);
  });

  it("gw limits shows the keys' rate limits and budgets as applied", async () => {
    const rows = await rig.json<{ kind: string; name: string; rpm: number | null; other: string[] }[]>(["limits"]);
    expect(rows.find((r) => r.kind === "virtual-key" && r.name === "analytics")).toMatchObject({ rpm: 30, other: [expect.stringMatching(/^\$25\.00\/1M/)] });
    expect(rows.find((r) => r.kind === "virtual-key" && r.name === "prod-chat")).toMatchObject({ rpm: 1500 });
    expect(rows.some((r) => r.kind === "provider-config" && r.name === "prod-chat -> groq")).toBe(true);
    expect(rows.some((r) => r.kind === "binding" && r.name === "openai")).toBe(true);
  });

  it("--dry-run of a new key and a rule scoped to it prints the requests, no secret, and sends nothing", async () => {
    const file = write(`dry-${version}.yaml`, {
      version: 1,
      backend: "bifrost",
      virtualKeys: [{ name: "nightly", providers: [{ provider: "anthropic", weight: 1 }], tpm: 5000 }],
      routingRules: [{ name: "nightly-chain", scope: "virtual_key:nightly", condition: "true", targets: [{ provider: "anthropic", weight: 1 }] }],
    });
    const before = writes().length;
    const dry = await rig.gw(["apply", "-f", file, "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/api\/governance\/virtual-keys$/m);
    expect(dry.stdout).toMatch(new RegExp(`^POST http://127\\.0\\.0\\.1:\\d+${rules}$`, "m"));
    expect(dry.stdout).toContain('"scope_id": "<id of nightly>"');
    expect(`${dry.stdout}${dry.stderr}`).not.toMatch(/sk-bf-/);
    expect(dry.stderr).toMatch(/nothing was sent/);
    expect(writes().length).toBe(before);
  });

  it("refuses a rule scoped to a key that does not exist (exit 4); a new rule without condition or targets cannot be made (exit 5)", async () => {
    const ghost = write(`ghost-${version}.yaml`, {
      version: 1,
      backend: "bifrost",
      routingRules: [{ name: "ghost", scope: "virtual_key:no-such-key", condition: "true", targets: [{ provider: "openai", weight: 1 }] }],
    });
    const r = await rig.gw(["apply", "-f", ghost, "--yes"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain("routing rule ghost: scope names virtual key no-such-key, which does not exist");
    const partial = write(`partial-${version}.yaml`, { version: 1, backend: "bifrost", routingRules: [{ name: "half", fallbacks: ["openai/gpt-4o"] }] });
    const before = writes().length;
    const p = await rig.gw(["apply", "-f", partial, "--yes"]);
    expect(p.exitCode).toBe(5);
    expect(p.stdout).toContain("! routing-rule half/global: a new routing rule needs condition and targets");
    expect(writes().length).toBe(before);
  });

  it("--prune deletes the keys and rules the document leaves out (dry run first: nothing sent)", async () => {
    const file = write(`prune-${version}.yaml`, {
      version: 1,
      backend: "bifrost",
      virtualKeys: [{ name: "prod-chat" }, { name: "analytics" }],
      routingRules: [{ name: "analytics-chain", scope: "virtual_key:analytics" }, { name: "global-default" }],
    });
    const before = writes().length;
    const dry = await rig.gw(["apply", "-f", file, "--prune", "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    for (const key of ["batch-jobs", "support-bot", "legacy-app"]) expect(dry.stdout).toMatch(new RegExp(`^- delete virtual-key ${key}$`, "m"));
    for (const rule of ["prod-gpt4o-split/virtual_key:prod-chat", "prod-free-tier/virtual_key:prod-chat", "data-team-batch/team:team-data"]) {
      expect(dry.stdout).toMatch(new RegExp(`^- delete routing-rule ${rule}$`, "m"));
    }
    expect(dry.stdout).not.toMatch(/delete (virtual-key (prod-chat|analytics)$|routing-rule (analytics-chain|global-default)\/)/m);
    expect(writes().length).toBe(before);

    const applied = await rig.gw(["apply", "-f", file, "--prune", "--yes"]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const after = await exported();
    expect(after.virtualKeys!.map((k) => k.name).sort()).toEqual(["analytics", "prod-chat"]);
    expect(after.routingRules!.map((r) => r.name).sort()).toEqual(["analytics-chain", "global-default"]);
    // Providers were not in the document: untouched.
    expect(after.providers!.length).toBe(5);
  });
});

describe("Bifrost documents are validated before anything is sent", () => {
  let rig: BifrostRig;
  beforeAll(async () => {
    rig = await bifrostRig(["--bifrost-version", "2"]);
  });
  afterAll(async () => {
    await rig?.sandbox.stop();
  });

  it("reports every problem at its line and column (exit 2)", async () => {
    const bad = write(
      "bad.yaml",
      [
        "version: 1",
        "backend: bifrost",
        "virtualKeys:",
        "  - name: a",
        "    rpm: 10",
        "    rpd: 100",
        "    budgets: [100/month]",
        "  - name: b",
        "    team: t1",
        "    customer: c1",
        "    value: sk-bf-123",
        "routingRules:",
        "  - name: r",
        "    scope: virtual_key",
        "    targets:",
        "      - {provider: openai, weight: 0.5}",
        "      - {keyId: k1, weight: 0.2}",
        "",
      ].join("\n"),
    );
    const r = await rig.gw(["diff", "-f", bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${bad}:4:5: virtualKeys[0]: Bifrost holds one request limit per virtual key, with one window: set rpm or rpd, not both`);
    expect(r.stderr).toContain('virtualKeys[0].budgets: "100/month" must be USD/WINDOW');
    expect(r.stderr).toContain(`${bad}:8:5: virtualKeys[1]: a key belongs to a team or a customer, not both`);
    expect(r.stderr).toContain(`${bad}:11:5: virtualKeys[1].value: unknown key`);
    expect(r.stderr).toContain(`${bad}:14:12: routingRules[0].scope: must be global, team:<team id>, customer:<customer id> or virtual_key:<virtual key name>`);
    expect(r.stderr).toContain("routingRules[0].targets[1].keyId: a target with a key needs its provider");
    expect(r.stderr).toContain("routingRules[0].targets: target weights must add up to 1 (they add up to 0.7)");
  });
});
