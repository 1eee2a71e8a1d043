import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bifrostRig, expectNoSecrets, type BifrostRig } from "./bifrost-helpers.js";

interface ProviderJson {
  id: string;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  baseUrl: string | null;
  details: Record<string, unknown>;
}

let rig: BifrostRig;

beforeAll(async () => {
  rig = await bifrostRig();
});
afterAll(async () => {
  expect(rig.sandbox.contractViolations()).toEqual([]);
  await rig.sandbox.stop();
});

const raw = async (name: string) => JSON.parse((await rig.gw(["providers", "get", name, "--raw"])).stdout) as { provider: Record<string, any> };

describe("gw providers update on Bifrost: provider settings", () => {
  it("changes exactly the named fields and keeps every other block as it was", async () => {
    const before = await raw("azure");
    const b = await rig.json<ProviderJson>([
      "providers", "update", "azure", "--base-url", "https://eu-resource.openai.azure.com", "--header", "X-A=1", "--header", "X-B=2",
      "--max-retries", "5", "--request-timeout", "45", "--concurrency", "40", "--buffer-size", "400",
    ]);
    expect(b.baseUrl).toBe("https://eu-resource.openai.azure.com");
    expect(b.details).toMatchObject({ maxRetries: 5, requestTimeoutSeconds: 45, concurrency: 40, bufferSize: 400, headerNames: ["X-A", "X-B"], proxy: "http" });
    const after = await raw("azure");
    // The proxy (with its redacted password echoed back) and the limits survived the full-object PUT.
    expect(after.provider.proxy_config).toEqual(before.provider.proxy_config);
    expect([b.rpm, b.details.rateLimit]).toEqual([null, { requests: { limit: 5000, window: "1h", used: 77 }, tokens: { limit: 2000000, window: "1d", used: 45000 } }]);
  });

  it("--header replaces the whole header set; --unset headers removes it", async () => {
    expect((await rig.json<ProviderJson>(["providers", "update", "openai", "--header", "X-Only=1"])).details.headerNames).toEqual(["X-Only"]);
    expect((await rig.json<ProviderJson>(["providers", "update", "openai", "--unset", "headers"])).details.headerNames).toEqual([]);
  });

  it("sends the provider PUT only, with the whole object, and reads twice before it", async () => {
    const sent = await rig.requests(async () => expect((await rig.gw(["providers", "update", "anthropic", "--max-retries", "3"])).exitCode).toBe(0));
    expect(sent.filter((l) => l.startsWith("PUT"))).toEqual(["PUT /api/providers/anthropic 200"]);
    expect(sent.filter((l) => l === "GET /api/providers/anthropic 200")).toHaveLength(2);
  });

  it("--force skips the second read", async () => {
    const sent = await rig.requests(async () => expect((await rig.gw(["providers", "update", "anthropic", "--max-retries", "4", "--force"])).exitCode).toBe(0));
    expect(sent.filter((l) => l === "GET /api/providers/anthropic 200")).toHaveLength(1);
    expect(sent).toContain("PUT /api/providers/anthropic 200");
  });
});

describe("gw providers update on Bifrost: limits", () => {
  it("--rpm/--tpm write only the provider's governance rate limit, never the provider", async () => {
    const sent = await rig.requests(async () => {
      const b = await rig.json<ProviderJson>(["providers", "update", "openai", "--rpm", "700", "--tpm", "90000"]);
      expect([b.rpm, b.tpm, b.rpd]).toEqual([700, 90000, null]);
    });
    expect(sent.filter((l) => !l.startsWith("GET"))).toEqual(["PUT /api/governance/providers/openai 200"]);
  });

  it("--rpd replaces a per-minute request limit, and says so on stderr", async () => {
    const r = await rig.gw(["providers", "update", "openai", "--rpd", "20000", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: openai: --rpd replaces the request limit of 700 per 1m: Bifrost keeps one request limit per provider/);
    expect((JSON.parse(r.stdout) as ProviderJson).rpd).toBe(20000);
  });

  it("--unset removes one limit; with none left the rate limit is gone", async () => {
    expect((await rig.json<ProviderJson>(["providers", "update", "groq", "--rpm", "55"])).rpm).toBe(55);
    expect((await rig.json<ProviderJson>(["providers", "update", "groq", "--unset", "rpm"])).details.rateLimit).toBeNull();
    const b = await rig.json<ProviderJson>(["providers", "update", "openai", "--unset", "rpd"]);
    expect([b.rpm, b.tpm, b.rpd]).toEqual([null, 90000, null]);
    const none = await rig.json<ProviderJson>(["providers", "update", "openai", "--unset", "tpm"]);
    expect(none.details.rateLimit).toBeNull();
    expect(none.details.budgets).toHaveLength(1); // budgets are not part of the write: kept
  });

  it("refuses what Bifrost cannot hold, before writing anything (exit 2)", async () => {
    const cases: [string[], RegExp][] = [
      [["openai", "--rpm", "1", "--rpd", "2"], /Bifrost holds one request limit per provider, with one reset window: --rpm \(per minute\) and --rpd \(per day\) cannot both be set; pick one/],
      [["azure", "--unset", "rpm"], /azure: cannot --unset rpm: its request limit is 5000 per 1h, not per minute/],
      [["anthropic", "--unset", "rpm"], /its request limit is 10000 per 1d, not per minute \(that is rpd: use --unset rpd\)/],
      [["azure", "--concurrency", "1000"], /concurrency 1000 is above the buffer size 400/],
      [["openai", "--slot", "primary"], /the bifrost backend does not support --slot on `gw providers update`/],
      [["openai", "--fallback-priority", "1"], /the bifrost backend does not support --fallback-priority/],
      [["openai", "--rotation-policy", "MANUAL"], /the bifrost backend does not support --rotation-policy/],
      [["openai", "--unset", "fallback-priority"], /the bifrost backend cannot --unset fallback-priority/],
      [["openai"], /nothing to update/],
    ];
    const sent = await rig.requests(async () => {
      for (const [args, message] of cases) {
        const r = await rig.gw(["providers", "update", ...args]);
        expect(r.exitCode, args.join(" ")).toBe(2);
        expect(r.stderr).toMatch(message);
      }
    });
    expect(sent.filter((l) => !l.startsWith("GET"))).toEqual([]);
  });

  it("exits 4 for an unknown provider", async () => {
    const r = await rig.gw(["providers", "update", "nope", "--rpm", "5"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/update provider nope: provider nope not found/);
  });
});

describe("gw providers update on Bifrost: dry run and quiet", () => {
  it("--dry-run prints the provider PUT and the governance PUT; the sandbox sees no write", async () => {
    let out = "";
    const sent = await rig.requests(async () => {
      const r = await rig.gw(["providers", "update", "groq", "--max-retries", "2", "--rpm", "30", "--dry-run"]);
      expect(r.exitCode, r.stderr).toBe(0);
      out = r.stdout;
    });
    expect(sent.every((l) => l.startsWith("GET "))).toBe(true);
    const writes = out.split("\n").filter((l) => /^(PUT|POST|DELETE) /.test(l)).map((l) => l.replace(/http:\/\/[^/]+/, ""));
    expect(writes).toEqual(["PUT /api/providers/groq", "PUT /api/governance/providers/groq"]);
    expect(out).toContain('"max_retries": 2');
    expect(out).toContain('"request_max_limit": 30');
    expect((await rig.json<ProviderJson>(["providers", "get", "groq"])).rpm).toBeNull();
  });

  it("--quiet prints only the provider's name", async () => {
    const r = await rig.gw(["providers", "update", "groq", "--rpm", "30", "-q"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe("groq");
  });

  it("never prints a stored secret, whatever the output", async () => {
    for (const args of [["providers", "update", "azure", "--max-retries", "2", "-o", "json"], ["providers", "update", "azure", "--max-retries", "2", "--raw"], ["providers", "update", "azure", "--max-retries", "1", "--dry-run"]]) {
      const r = await rig.gw(args);
      expect(r.exitCode, r.stderr).toBe(0);
      expectNoSecrets(r.stdout + r.stderr);
    }
  });
});
