import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bifrostRig, expectNoSecrets, type BifrostRig } from "./bifrost-helpers.js";

/**
 * The built gw writing Bifrost virtual keys against `gw sandbox --backend bifrost` in each generation: create,
 * update, disable/enable, delete on v1.4, v1.5 and v2; rotate and --allow-all-providers on v2 only. Every rig
 * ends with no contract violation.
 */
type Version = "1.4" | "1.5" | "2";
const VERSIONS = ["1.4", "1.5", "2"] as const;
const RELEASE: Record<Version, string> = { "1.4": "v1.4.9", "1.5": "v1.5.3", "2": "v2.5.0" };

interface VkJson {
  id: string;
  name: string;
  status: string;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  teamId: string | null;
  customerId: string | null;
  allowAllProviders: boolean;
  providerConfigs: { provider: string; weight: number | null; allowedModels: string[] | null; keyIds: string[] | null; rpm: number | null; budgets: { maxLimit: number; resetDuration: string; currentUsage: number | null }[] }[];
  budgets: { maxLimit: number; resetDuration: string; currentUsage: number | null; calendarAligned: boolean }[];
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

async function keyNamed(v: Version, name: string): Promise<VkJson> {
  const found = (await rig(v).json<VkJson[]>(["vk", "list"])).find((k) => k.name === name);
  expect(found, `v${v}: key ${name}`).toBeDefined();
  return found!;
}

const SECRET = /^sk-bf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(VERSIONS)("Bifrost v%s: gw vk create", (v) => {
  it("prints the secret once on stdout; the key reads back with its providers, budget, limits and team", async () => {
    const r = await rig(v).gw(["vk", "create", "--name", "ci-runner", "--description", "CI", "--provider", "openai:0.7:gpt-4o,gpt-4o-mini", "--provider", "anthropic:0.3",
      "--budget", "25/1M", "--rpm", "60", "--tpm", "1000", "--team", "team-ci"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(SECRET);
    expect(r.stderr).toMatch(/✓ Created virtual key [0-9a-f-]+ \(ci-runner\)/);
    expect(r.stderr).toContain("shown only this once");
    const key = await keyNamed(v, "ci-runner");
    expect(key).toMatchObject({ status: "active", rpm: 60, tpm: 1000, rpd: null, teamId: "team-ci", allowAllProviders: false });
    // "all models" went out as this generation says it ([] on v1.4, ["*"] after) and reads back as all.
    expect(key.providerConfigs.map((c) => [c.provider, c.weight, c.allowedModels, c.keyIds])).toEqual([
      ["openai", 0.7, ["gpt-4o", "gpt-4o-mini"], null],
      ["anthropic", 0.3, null, null],
    ]);
    expect(key.budgets).toEqual([{ maxLimit: 25, resetDuration: "1M", currentUsage: 0, calendarAligned: false }]);
    // The table does not show the value again.
    expect((await rig(v).gw(["vk", "get", key.id])).stdout).not.toContain(r.stdout.trim());
  });

  it("-q prints id<TAB>secret; -o json prints {virtualKey, secret}", async () => {
    const q = await rig(v).gw(["vk", "create", "--name", "quiet-key", "-q"]);
    expect(q.exitCode, q.stderr).toBe(0);
    const [id, secret] = q.stdout.trimEnd().split("\t");
    expect(secret).toMatch(SECRET);
    expect((await keyNamed(v, "quiet-key")).id).toBe(id);
    expect((await keyNamed(v, "quiet-key")).providerConfigs).toEqual([]); // no --provider: no provider (deny-by-default)
    const j = await rig(v).gw(["vk", "create", "--name", "json-key", "-o", "json"]);
    const out = JSON.parse(j.stdout) as { virtualKey: VkJson; secret: string };
    expect(out.secret).toMatch(SECRET);
    expect(out.virtualKey.name).toBe("json-key");
  });

  it("--dry-run prints the POST with its body, secrets masked, and sends nothing", async () => {
    let out = "";
    const sent = await rig(v).requests(async () => {
      const r = await rig(v).gw(["vk", "create", "--name", "dry", "--provider", "groq", "--rpd", "100", "--dry-run"]);
      expect(r.exitCode, r.stderr).toBe(0);
      out = r.stdout;
      expectNoSecrets(r.stdout + r.stderr, [rig(v).sandbox.apiKey]);
    });
    expect(out).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/api\/governance\/virtual-keys\n\{/);
    const body = JSON.parse(out.slice(out.indexOf("{"))) as Record<string, unknown>;
    expect(body).toEqual({
      name: "dry",
      provider_configs: [{ provider: "groq", allowed_models: v === "1.4" ? [] : ["*"], ...(v === "1.4" ? {} : { key_ids: ["*"] }) }],
      rate_limit: { request_max_limit: 100, request_reset_duration: "1d" },
    });
    expect(sent.filter((l) => !l.startsWith("GET "))).toEqual([]);
    expect((await rig(v).json<VkJson[]>(["vk", "list"])).some((k) => k.name === "dry")).toBe(false);
  });

  it("a duplicate name is exit 5 naming it; the server's reason for a rejection is exit 5 too", async () => {
    const dup = await rig(v).gw(["vk", "create", "--name", "prod-chat"]);
    expect(dup.exitCode).toBe(5);
    expect(dup.stderr).toMatch(/create virtual key prod-chat: a virtual key named "prod-chat" already exists \(HTTP 409/);
    const bad = await rig(v).gw(["vk", "create", "--name", "nowhere", "--provider", "nope"]);
    expect(bad.exitCode).toBe(5);
    expect(bad.stderr).toMatch(/HTTP 400 Bad Request: provider nope is not configured/);
  });

  it("refuses what the key cannot hold before anything is sent (exit 2)", async () => {
    const sent = await rig(v).requests(async () => {
      const both = await rig(v).gw(["vk", "create", "--name", "x", "--rpm", "1", "--rpd", "2"]);
      expect(both.exitCode).toBe(2);
      expect(both.stderr).toMatch(/one request limit per virtual key/);
      const chain = await rig(v).gw(["vk", "create", "--name", "x", "--chain", "b1"]);
      expect(chain.exitCode).toBe(2);
      expect(chain.stderr).toMatch(/does not support --chain on `gw vk create`/);
    });
    expect(sent.filter((l) => !l.startsWith("GET "))).toEqual([]);
  });
});

describe.each(VERSIONS)("Bifrost v%s: gw vk update", (v) => {
  it("--provider replaces the set: a provider that stays keeps its config (id, budget with its usage); one left out is gone", async () => {
    const prod = await keyNamed(v, "prod-chat");
    const rawBefore = JSON.parse((await rig(v).gw(["vk", "get", prod.id, "--raw"])).stdout) as { provider_configs: { id: number; provider: string }[] };
    const anthropicId = rawBefore.provider_configs.find((c) => c.provider === "anthropic")!.id;
    const updated = await rig(v).json<VkJson>(["vk", "update", prod.id, "--provider", "anthropic:0.5", "--provider", "groq:0.5:llama-3.3-70b-versatile"]);
    expect(updated.providerConfigs.map((c) => [c.provider, c.weight, c.allowedModels])).toEqual([
      ["anthropic", 0.5, null],
      ["groq", 0.5, ["llama-3.3-70b-versatile"]],
    ]);
    expect(updated.providerConfigs[0]!.budgets).toEqual([{ maxLimit: 50, resetDuration: "1M", currentUsage: 12.5, calendarAligned: true }]);
    const rawAfter = JSON.parse((await rig(v).gw(["vk", "get", prod.id, "--raw"])).stdout) as { provider_configs: { id: number; provider: string }[] };
    expect(rawAfter.provider_configs.find((c) => c.provider === "anthropic")!.id).toBe(anthropicId);
    // The key's own limits and budgets were not named, so they are as they were.
    expect(updated).toMatchObject({ rpm: 1200, tpm: 200000 });
    expect(updated.budgets.map((b) => b.maxLimit)).toEqual([100, 10]);
  });

  it("limits arrive whole: --rpd replaces the per-minute request limit, the token limit stays; --budget replaces the budgets", async () => {
    const batch = await keyNamed(v, "batch-jobs");
    const r = await rig(v).json<VkJson>(["vk", "update", batch.id, "--rpm", "30", "--tpm", "9000", "--budget", "40/1w"]);
    expect(r).toMatchObject({ rpm: 30, tpm: 9000, rpd: null });
    expect(r.budgets).toEqual([{ maxLimit: 40, resetDuration: "1w", currentUsage: 0, calendarAligned: false }]);
    const again = await rig(v).json<VkJson>(["vk", "update", batch.id, "--rpd", "5000"]);
    expect(again).toMatchObject({ rpm: null, tpm: 9000, rpd: 5000 });
    const cleared = await rig(v).json<VkJson>(["vk", "update", batch.id, "--unset", "tpm", "--unset", "budgets", "--name", "batch-jobs-2"]);
    expect(cleared).toMatchObject({ name: "batch-jobs-2", rpd: 5000, tpm: null, budgets: [] });
  });

  it("a budget in a window the key has keeps its usage and calendar alignment", async () => {
    const prod = await keyNamed(v, "prod-chat");
    const r = await rig(v).json<VkJson>(["vk", "update", prod.id, "--budget", "150/1M"]);
    expect(r.budgets).toEqual([{ maxLimit: 150, resetDuration: "1M", currentUsage: 37.5, calendarAligned: true }]);
  });

  it("--team moves the key off its customer; --unset team detaches it", async () => {
    const legacy = await keyNamed(v, "legacy-app");
    expect(legacy.customerId).toBe("cust-acme");
    const moved = await rig(v).json<VkJson>(["vk", "update", legacy.id, "--team", "team-new"]);
    expect(moved).toMatchObject({ teamId: "team-new", customerId: null });
    expect(await rig(v).json<VkJson>(["vk", "update", legacy.id, "--unset", "team"])).toMatchObject({ teamId: null, customerId: null });
  });

  it("--dry-run reads the key and prints the PUT; -q prints the id; a rejection is exit 5; an unknown key exit 4", async () => {
    const support = await keyNamed(v, "support-bot");
    const sent = await rig(v).requests(async () => {
      const r = await rig(v).gw(["vk", "update", support.id, "--description", "changed", "--dry-run"]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^PUT http://127\\.0\\.0\\.1:\\d+/api/governance/virtual-keys/${support.id}\\n\\{\\n  "description": "changed"\\n\\}`));
    });
    expect(sent).toContain(`GET /api/governance/virtual-keys/${support.id} 200`);
    expect(sent.filter((l) => l.startsWith("PUT "))).toEqual([]);
    const q = await rig(v).gw(["vk", "update", support.id, "--description", "quiet", "-q"]);
    expect(q.stdout).toBe(support.id);
    const clash = await rig(v).gw(["vk", "update", support.id, "--name", "prod-chat"]);
    expect(clash.exitCode).toBe(5);
    expect(clash.stderr).toMatch(/a virtual key named "prod-chat" already exists/);
    const bad = await rig(v).gw(["vk", "update", support.id, "--provider", "nope"]);
    expect(bad.exitCode).toBe(5);
    expect(bad.stderr).toMatch(/provider nope is not configured/);
    expect((await rig(v).gw(["vk", "update", "00000000-0000-4000-8000-000000000000", "--description", "x"])).exitCode).toBe(4);
  });
});

describe.each(VERSIONS)("Bifrost v%s: disable, enable, delete", (v) => {
  it("disable and enable set is_active; -q prints the id", async () => {
    const key = await keyNamed(v, "support-bot");
    const off = await rig(v).gw(["vk", "disable", key.id, "-q"]);
    expect(off.stdout).toBe(key.id);
    expect((await rig(v).json<VkJson>(["vk", "get", key.id])).status).toBe("disabled");
    const twice = await rig(v).gw(["vk", "disable", key.id]);
    expect(twice.exitCode, twice.stderr).toBe(0);
    expect(twice.stderr).toContain(`Virtual key ${key.id} (support-bot) is already disabled; nothing was changed.`);
    const on = await rig(v).gw(["vk", "enable", key.id]);
    expect(on.exitCode, on.stderr).toBe(0);
    expect(on.stderr).toContain(`✓ Enabled virtual key ${key.id} (support-bot)`);
    expect((await rig(v).json<VkJson>(["vk", "get", key.id])).status).toBe("active");
    expect((await rig(v).gw(["vk", "disable", "00000000-0000-4000-8000-000000000000"])).exitCode).toBe(4);
  });

  it("delete needs --yes off a terminal, prints the DELETE under --dry-run, and then the key is gone", async () => {
    const made = await rig(v).gw(["vk", "create", "--name", "to-delete", "-q"]);
    const id = made.stdout.split("\t")[0]!;
    const refused = await rig(v).gw(["vk", "delete", id]);
    expect(refused.exitCode).toBe(2);
    const dry = await rig(v).gw(["vk", "delete", id, "--dry-run"]);
    expect(dry.stdout).toMatch(new RegExp(`^DELETE http://127\\.0\\.0\\.1:\\d+/api/governance/virtual-keys/${id}$`, "m"));
    expect((await rig(v).gw(["vk", "get", id])).exitCode).toBe(0);
    const gone = await rig(v).gw(["vk", "delete", id, "--yes", "-q"]);
    expect(gone.exitCode, gone.stderr).toBe(0);
    expect(gone.stdout).toBe(id);
    expect((await rig(v).gw(["vk", "get", id])).exitCode).toBe(4);
    expect((await rig(v).gw(["vk", "delete", id, "--yes"])).exitCode).toBe(4);
  });
});

describe("gw vk rotate: v2.x only", () => {
  it("v2: a new secret, once; the key keeps its id; --dry-run prints the POST", async () => {
    const key = await keyNamed("2", "support-bot");
    const dry = await rig("2").gw(["vk", "rotate", key.id, "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`^POST http://127\\.0\\.0\\.1:\\d+/api/governance/virtual-keys/${key.id}/rotate$`, "m"));
    const first = await rig("2").gw(["vk", "rotate", key.id, "-q"]);
    expect(first.exitCode, first.stderr).toBe(0);
    const [id, secret] = first.stdout.trimEnd().split("\t");
    expect(id).toBe(key.id);
    expect(secret).toMatch(SECRET);
    const second = await rig("2").gw(["vk", "rotate", key.id]);
    expect(second.stdout.trim()).toMatch(SECRET);
    expect(second.stdout.trim()).not.toBe(secret);
    expect(second.stderr).toContain(`✓ Rotated virtual key ${key.id} (support-bot)`);
    expect((await rig("2").gw(["vk", "rotate", "00000000-0000-4000-8000-000000000000"])).exitCode).toBe(4);
  });

  it.each(["1.5", "1.4"] as const)("v%s: exit 2 naming the server's release, nothing sent", async (v) => {
    const key = await keyNamed(v, "support-bot");
    const sent = await rig(v).requests(async () => {
      const r = await rig(v).gw(["vk", "rotate", key.id]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`rotate virtual key ${key.id}: Bifrost ${RELEASE[v]} cannot rotate virtual keys (rotation came with v2.x)`);
    });
    expect(sent.filter((l) => !l.startsWith("GET "))).toEqual([]);
  });
});

describe("--allow-all-providers: v2.1+ only", () => {
  it("v2: creates a key allowed every provider, and --no-allow-all-providers takes it back", async () => {
    const r = await rig("2").gw(["vk", "create", "--name", "everything", "--allow-all-providers", "-q"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const id = r.stdout.split("\t")[0]!;
    expect(await rig("2").json<VkJson>(["vk", "get", id])).toMatchObject({ allowAllProviders: true, providerConfigs: [] });
    const chain = await rig("2").gw(["chain", id]);
    expect(chain.stdout).toContain("Providers by weight: all providers");
    expect(await rig("2").json<VkJson>(["vk", "update", id, "--no-allow-all-providers"])).toMatchObject({ allowAllProviders: false });
    expect(await rig("2").json<VkJson>(["vk", "update", id, "--allow-all-providers"])).toMatchObject({ allowAllProviders: true });
  });

  it.each(["1.5", "1.4"] as const)("v%s: a usage error naming the release, nothing sent", async (v) => {
    const key = await keyNamed(v, "support-bot");
    const sent = await rig(v).requests(async () => {
      for (const args of [["vk", "create", "--name", "everything", "--allow-all-providers"], ["vk", "update", key.id, "--allow-all-providers"]]) {
        const r = await rig(v).gw(args);
        expect(r.exitCode, args.join(" ")).toBe(2);
        expect(r.stderr).toContain(`--allow-all-providers needs Bifrost v2.1 or later (allow_all_providers), and this is Bifrost ${RELEASE[v]}`);
      }
    });
    expect(sent.filter((l) => !l.startsWith("GET "))).toEqual([]);
  });
});
