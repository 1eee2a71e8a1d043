import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bifrostRig, expectNoSecrets, type BifrostRig } from "./bifrost-helpers.js";

interface ProviderJson {
  id: string;
  backend: string;
  provider: string;
  providerId: string;
  slot: string | null;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  baseUrl: string | null;
  health: string | null;
  status: string;
  details: Record<string, unknown>;
}

let rig: BifrostRig;

beforeAll(async () => {
  rig = await bifrostRig();
});
afterAll(async () => {
  // Every request gw sent in this file conformed to contracts/bifrost.openapi.json.
  expect(rig.sandbox.contractViolations()).toEqual([]);
  await rig.sandbox.stop();
});

describe("gw providers list / get on Bifrost", () => {
  it("lists every provider as a binding record named by the provider, with governance limits and details", async () => {
    const list = await rig.json<ProviderJson[]>(["providers", "list"]);
    expect(list.map((p) => p.id)).toEqual(["anthropic", "azure", "groq", "internal-llm", "openai"]);
    const openai = list.find((p) => p.id === "openai")!;
    expect(openai).toMatchObject({ backend: "bifrost", provider: "openai", providerId: "openai", slot: null, rpm: 600, tpm: 150000, rpd: null, baseUrl: "https://api.openai.com", health: "active", status: "active" });
    // v1.5: a list does not count keys (that would be a request per provider); get does.
    expect(openai.details).toMatchObject({ keys: null, concurrency: 50, bufferSize: 500, maxRetries: 2, requestTimeoutSeconds: 60, headerNames: ["OpenAI-Organization"] });
    expect((await rig.json<ProviderJson>(["providers", "get", "openai"])).details).toMatchObject({ keys: 2 });
    // A request limit per hour is not an rpm or rpd: it stays visible in details.rateLimit, not lost.
    const azure = list.find((p) => p.id === "azure")!;
    expect([azure.rpm, azure.rpd]).toEqual([null, null]);
    expect(azure.details.rateLimit).toEqual({ requests: { limit: 5000, window: "1h", used: 77 }, tokens: { limit: 2000000, window: "1d", used: 45000 } });
    expect(list.find((p) => p.id === "internal-llm")!.details).toMatchObject({ baseProviderType: "openai", keyless: true });
  });

  it("prints the Bifrost columns when piped", async () => {
    const r = await rig.gw(["providers", "list"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n");
    expect(header!.split("\t")).toEqual(["NAME", "BASE URL", "RPM", "TPM", "RPD", "OTHER LIMITS", "CONCURRENCY", "STATUS"]);
    const cells = Object.fromEntries(rows.map((row) => [row.split("\t")[0], row.split("\t")]));
    expect(cells.azure!.slice(2, 6)).toEqual(["-", "-", "-", "5000 req/1h, 2000000 tok/1d"]);
    expect(cells.openai![6]).toBe("50/500");
    expect(cells.anthropic!.slice(1, 5)).toEqual(["default", "-", "-", "10000"]);
    expect(cells.groq![7]).toBe("error (list_models_failed)");
  });

  it("gets one provider as a record, a detail view, or the server's body with --raw; never a secret", async () => {
    const one = await rig.json<ProviderJson>(["providers", "get", "openai"]);
    expect(one.details.budgets).toEqual([{ maxLimit: 500, resetDuration: "1M", currentUsage: 123.45, calendarAligned: true }]);
    const table = await rig.gw(["providers", "get", "azure"]);
    expect(table.stdout).toMatch(/^Rate limit: +5000 req\/1h \(77 used\), 2000000 tok\/1d \(45000 used\)$/m);
    expect(table.stdout).toMatch(/^Proxy: +http$/m);
    const raw = await rig.gw(["providers", "get", "azure", "--raw"]);
    const body = JSON.parse(raw.stdout) as { provider: { proxy_config: { password: { value: string } } }; governance: unknown };
    expect(body.provider.proxy_config.password.value).toBe("sand************************word");
    expect(body.governance).toMatchObject({ provider: "azure" });
    for (const r of [table, raw]) expectNoSecrets(r.stdout + r.stderr);
  });

  it("exits 4 for an unknown provider", async () => {
    const r = await rig.gw(["providers", "get", "nope"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/provider nope not found/);
  });
});

describe("gw providers bind on Bifrost", () => {
  it("adds a provider with every flag: network settings, concurrency, and limits in its governance", async () => {
    const b = await rig.json<ProviderJson>([
      "providers", "bind", "--provider", "mistral", "--base-url", "https://api.mistral.ai", "--header", "X-Team=ml",
      "--concurrency", "5", "--buffer-size", "10", "--max-retries", "1", "--request-timeout", "20", "--rpm", "100", "--tpm", "5000",
    ]);
    expect(b).toMatchObject({ id: "mistral", baseUrl: "https://api.mistral.ai", rpm: 100, tpm: 5000, rpd: null });
    expect(b.details).toMatchObject({ concurrency: 5, bufferSize: 10, maxRetries: 1, requestTimeoutSeconds: 20, headerNames: ["X-Team"], keys: 0 });
    expect((await rig.json<ProviderJson>(["providers", "get", "mistral"])).rpm).toBe(100);
  });

  it("adds a custom provider with --base-provider; --quiet prints only its name", async () => {
    const r = await rig.gw(["providers", "bind", "--provider", "my-vllm", "--base-provider", "openai", "--base-url", "http://127.0.0.1:9000/v1", "-q"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe("my-vllm");
    expect((await rig.json<ProviderJson>(["providers", "get", "my-vllm"])).details).toMatchObject({ baseProviderType: "openai" });
  });

  it("refuses to overwrite an existing provider (exit 5) and says how to change it", async () => {
    const r = await rig.gw(["providers", "bind", "--provider", "openai"]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/bind provider openai: it already exists \(HTTP 409: Provider openai already exists\); change it with gw providers update openai/);
  });

  it("refuses, before sending anything, what Bifrost cannot hold (exit 2)", async () => {
    const cases: [string[], RegExp][] = [
      [["--rpm", "5"], /missing required flag: --provider/],
      [["--provider", "x", "--slot", "primary"], /the bifrost backend does not support --slot on `gw providers bind`/],
      [["--provider", "x", "--fallback-priority", "1"], /the bifrost backend does not support --fallback-priority/],
      [["--provider", "x", "--rpm", "5", "--rpd", "9"], /one request limit per provider, with one reset window: --rpm \(per minute\) and --rpd \(per day\) cannot both be set/],
      [["--provider", "x", "--concurrency", "5"], /give both --concurrency and --buffer-size/],
      [["--provider", "x", "--concurrency", "50", "--buffer-size", "5"], /concurrency 50 is above the buffer size 5/],
    ];
    const sent = await rig.requests(async () => {
      for (const [args, message] of cases) {
        const r = await rig.gw(["providers", "bind", ...args]);
        expect(r.exitCode, args.join(" ")).toBe(2);
        expect(r.stderr).toMatch(message);
      }
    });
    expect(sent.filter((l) => !l.startsWith("GET "))).toEqual([]);
  });

  it("--dry-run prints the provider POST and the governance PUT and sends neither", async () => {
    const sent = await rig.requests(async () => {
      const r = await rig.gw(["providers", "bind", "--provider", "cohere", "--rpd", "1000", "--dry-run"]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/api\/providers\n\{\n  "provider": "cohere"\n\}\nPUT http:\/\/127\.0\.0\.1:\d+\/api\/governance\/providers\/cohere\n/);
      expect(r.stdout).toContain('"request_reset_duration": "1d"');
    });
    expect(sent).toEqual([]);
    expect((await rig.gw(["providers", "get", "cohere"])).exitCode).toBe(4);
  });
});

describe("gw providers delete on Bifrost", () => {
  it("off a terminal needs --yes (exit 2); with it deletes, then says not found (exit 4)", async () => {
    expect((await rig.gw(["providers", "bind", "--provider", "xai"])).exitCode).toBe(0);
    const refused = await rig.gw(["providers", "delete", "xai"]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/--yes required to delete a provider when not running in a terminal; pass --yes/);
    const r = await rig.gw(["providers", "delete", "xai", "--yes", "--quiet"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe("xai");
    const again = await rig.gw(["providers", "delete", "xai", "--yes"]);
    expect(again.exitCode).toBe(4);
    expect(again.stderr).toMatch(/delete provider xai: provider xai not found/);
  });

  it("--dry-run prints the DELETE and sends it not", async () => {
    const sent = await rig.requests(async () => {
      const r = await rig.gw(["providers", "delete", "groq", "--dry-run"]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^DELETE http:\/\/127\.0\.0\.1:\d+\/api\/providers\/groq$/);
    });
    // Reads only (a dry run resolves the name to the record first); the DELETE is printed, never sent.
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((line) => line.startsWith("GET "))).toBe(true);
  });
});

describe("what Bifrost does not have", () => {
  it("gw backends lists the Bifrost row: flags honoured, verbs refused with a reason", async () => {
    const rows = await rig.json<{ backend: string; command: string; supported: boolean; flags: string[]; note: string | null }[]>(["backends"]);
    const bifrost = new Map(rows.filter((r) => r.backend === "bifrost").map((r) => [r.command, r]));
    // In the order `providers update` declares them (src/commands/providers/binding-flags.ts).
    expect(bifrost.get("providers update")!.flags).toEqual([
      "--rpm", "--tpm", "--rpd", "--header", "--base-url", "--concurrency", "--buffer-size", "--max-retries", "--request-timeout", "--unset", "--force",
    ]);
    expect(bifrost.get("providers bind")!.flags).toContain("--base-provider");
    for (const verb of [
      "providers list", "providers get", "providers bind", "providers update", "providers delete", "vk list", "vk get",
      "vk create", "vk update", "vk rotate", "vk disable", "vk enable", "vk delete", "chain", "chain set", "limits",
    ]) {
      expect(bifrost.get(verb)!.supported, verb).toBe(true);
    }
    expect(bifrost.get("vk create")!.flags).toEqual(expect.arrayContaining(["--provider", "--allow-all-providers", "--budget", "--team", "--customer", "--rpm"]));
    expect(bifrost.get("vk create")!.flags).not.toContain("--chain");
    expect(bifrost.get("vk rotate")!.note).toMatch(/v2\.x only/);
    for (const verb of ["providers disable", "providers enable", "vk revoke"]) {
      expect(bifrost.get(verb)!.supported, verb).toBe(false);
      expect(bifrost.get(verb)!.note, verb).toBeTruthy();
    }
  });

  it("refuses an unsupported verb with the reason (exit 2)", async () => {
    const r = await rig.gw(["providers", "disable", "openai"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/the bifrost backend does not support `gw providers disable`: Bifrost providers have no disabled state/);
  });
});

describe("a body the contract refuses, sent with gw api", () => {
  it("is answered 400 in Bifrost's error body (exit 5) and logged as a contract violation", async () => {
    const own = await bifrostRig();
    try {
      const body = JSON.stringify({ network_config: {}, concurrency_and_buffer_size: { concurrency: 0, buffer_size: 10 } });
      const r = await own.gw(["api", "PUT", "/api/providers/openai", "--input", "-"], {}, body);
      expect(r.exitCode).toBe(5);
      expect(r.stdout).toContain('"is_bifrost_error": false');
      expect(r.stdout).toContain("must be >= 1");
      expect(own.sandbox.contractViolations()).toEqual([
        expect.stringMatching(/^contract: PUT \/api\/providers\/openai: body\.concurrency_and_buffer_size\.concurrency must be >= 1/),
      ]);
    } finally {
      await own.sandbox.stop();
    }
  });
});
