import { describe, expect, it, vi } from "vitest";
import type { Backend } from "../../src/backends/backend.js";
import { coreweave as coreweaveInfo } from "../../src/backends/coreweave/index.js";
import { langwatch as langwatchInfo } from "../../src/backends/langwatch/index.js";
import { capabilityRecords } from "../../src/commands/backends.js";
import { createCommand, runCreate, type CreateOptions } from "../../src/commands/gateways/create.js";
import { deleteCommand, runDelete, type DeleteOptions } from "../../src/commands/gateways/delete.js";
import { listCommand, runList, type ListOptions } from "../../src/commands/gateways/list.js";
import { matchZones, patchFromSpecFlags } from "../../src/commands/gateways/spec-flags.js";
import { createSpinner } from "../../src/commands/gateways/spinner.js";
import { runUpdate, updateCommand, type UpdateOptions } from "../../src/commands/gateways/update.js";
import type { Gateway, GatewayInput, GatewayPatch } from "../../src/domain/gateway.js";
import { ExitCode } from "../../src/exit-codes.js";
import type { Prompter } from "../../src/io/prompter.js";
import { fakeContext } from "../helpers/fake-context.js";
import { fakeIO } from "../helpers/fake-io.js";
import { parseOptions } from "../helpers/command-seam.js";

const usage = expect.objectContaining({ exitCode: ExitCode.Usage });

const record = (over: Partial<Gateway> = {}): Gateway => ({
  id: "g1", backend: "coreweave", name: "chat", zones: ["US-EAST-04A"], auth: "coreweave", wandb: null, routing: "body",
  apiType: "openai", headerName: null, additionalDns: [], endpoints: [], status: "creating", conditions: [],
  organizationId: "cw", createdAt: null, updatedAt: null, ...over,
});

/** A backend that records what it was asked; zones as the control plane spells them. */
function fakeBackend(info: Backend["info"] = coreweaveInfo) {
  const calls: { create: GatewayInput[]; update: [string, GatewayPatch][]; delete: string[] } = { create: [], update: [], delete: [] };
  const backend: Backend = {
    info,
    gateways: {
      list: async () => [record({ status: "ready" })],
      get: async (id) => record({ id, status: "ready" }),
      zones: async () => ["US-EAST-04A", "US-WEST-09B"],
      create: async (input) => (calls.create.push(input), record({ name: input.name })),
      update: async (id, patch) => (calls.update.push([id, patch]), record({ id, status: "updating" })),
      remove: async (id) => (calls.delete.push(id), record({ id, status: "deleting" })),
    },
  };
  return { backend, calls };
}

const baseCreate = ["--name", "chat", "--zone", "us-east-04a"];

describe("gw gateways create: argv -> options", () => {
  it("defaults to CoreWeave auth and body routing in the OpenAI format", async () => {
    const opts = await parseOptions<CreateOptions>(createCommand, baseCreate);
    expect(opts.input).toEqual({ name: "chat", zones: ["us-east-04a"], auth: "coreweave", routing: "body", apiType: "openai" });
    expect(opts).toMatchObject({ wait: false, waitTimeoutMs: 600_000, dryRun: false, quiet: false, wandbApiKeyStdin: false });
    expect(opts.flags.sort()).toEqual(["name", "zone"]);
  });

  it("--header-name implies header routing; W&B flags with --auth wandb", async () => {
    const opts = await parseOptions<CreateOptions>(createCommand, [
      ...baseCreate, "--auth", "wandb", "--wandb-api-key-stdin", "--wandb-server-url", "https://wandb.example/",
      "--no-wandb-usage-reports", "--wandb-rate-limiting", "--header-name", "x-model", "--dns", "a.example.com", "--dns", "b.example.com.",
      "--wait", "--wait-timeout", "30",
    ]);
    expect(opts.input).toEqual({
      name: "chat", zones: ["us-east-04a"], auth: "wandb", routing: "header", headerName: "x-model",
      wandb: { serverUrl: "https://wandb.example", usageReports: false, rateLimiting: true },
      additionalDns: ["a.example.com", "b.example.com"],
    });
    expect(opts).toMatchObject({ wandbApiKeyStdin: true, wait: true, waitTimeoutMs: 30_000 });
    expect(opts.flags).toContain("wandb-usage-reports");
  });

  it.each([
    [["--routing", "body", "--header-name", "x"], /--header-name conflicts with --routing body/],
    [["--routing", "path", "--api-type", "openai"], /--api-type conflicts with --routing path/],
    [["--header-name", "x", "--api-type", "openai"], /implied by --header-name/],
    [["--auth", "coreweave", "--wandb-server-url", "https://x.example"], /conflicts with --auth coreweave/],
    [["--wandb-rate-limiting"], /--wandb-rate-limiting needs --auth wandb/],
    [["--routing", "header"], /--routing header needs --header-name/],
    [["--header-name", "x".repeat(101)], /1 to 100 characters/],
    [["--header-name", "bad header"], /not a valid HTTP header name/],
    [["--dns", "not a host"], /not a DNS name/],
    [["--wait-timeout", "0"], /--wait-timeout/],
  ])("refuses %j before sending anything (exit 2)", async (extra, message) => {
    const attempt = parseOptions<CreateOptions>(createCommand, [...baseCreate, ...extra]);
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toEqual(usage);
  });

  it("--auth, --routing and --api-type take only their values (commander usage error, exit 2 in main)", async () => {
    for (const [flag, value] of [["--auth", "oauth"], ["--routing", "query"], ["--api-type", "anthropic"]]) {
      await expect(parseOptions<CreateOptions>(createCommand, [...baseCreate, flag!, value!])).rejects.toMatchObject({ code: "commander.invalidArgument" });
    }
  });

  it("--name and --zone are required (commander usage error)", async () => {
    await expect(parseOptions<CreateOptions>(createCommand, ["--name", "x"])).rejects.toMatchObject({ code: "commander.missingMandatoryOptionValue" });
  });
});

describe("gw gateways create: run", () => {
  const opts = (over: Partial<CreateOptions> = {}): CreateOptions => ({
    input: { name: "chat", zones: ["us-west-09b"], auth: "coreweave", routing: "path" },
    wandbApiKeyStdin: false, wait: false, waitTimeoutMs: 1000, flags: ["name", "zone"],
    output: { format: "json", raw: false }, dryRun: false, quiet: false, ...over,
  });

  it("sends the zone as the control plane spells it", async () => {
    const { backend, calls } = fakeBackend();
    const ctx = fakeContext({ backend });
    await runCreate(opts(), ctx);
    expect(calls.create[0]!.zones).toEqual(["US-WEST-09B"]);
    expect(JSON.parse(ctx.io.out())).toMatchObject({ id: "g1", name: "chat" });
    expect(ctx.io.err()).toBe("✓ Created gateway g1 (chat), status creating\n");
  });

  it("an unknown zone is a usage error and nothing is created", async () => {
    const { backend, calls } = fakeBackend();
    await expect(runCreate(opts({ input: { ...opts().input, zones: ["mars-1"] } }), fakeContext({ backend }))).rejects.toThrow(/unknown zone "mars-1"/);
    expect(calls.create).toEqual([]);
  });

  it("W&B auth takes the key from stdin, else GW_WANDB_API_KEY, else refuses", async () => {
    const wandb = opts({ input: { ...opts().input, auth: "wandb", wandb: { usageReports: true } } });
    const fromStdin = fakeBackend();
    await runCreate({ ...wandb, wandbApiKeyStdin: true }, fakeContext({ backend: fromStdin.backend, io: fakeIO({ stdin: "wb-key-123\n" }) }));
    expect(fromStdin.calls.create[0]!.wandb).toEqual({ usageReports: true, apiKey: "wb-key-123" });

    const fromEnv = fakeBackend();
    await runCreate(wandb, fakeContext({ backend: fromEnv.backend, env: { GW_WANDB_API_KEY: " env-key " } }));
    expect(fromEnv.calls.create[0]!.wandb?.apiKey).toBe("env-key");

    const none = fakeBackend();
    await expect(runCreate(wandb, fakeContext({ backend: none.backend }))).rejects.toThrow(/--auth wandb needs the W&B API key/);
    await expect(runCreate({ ...wandb, wandbApiKeyStdin: true }, fakeContext({ backend: none.backend }))).rejects.toThrow(/stdin was empty/);
    expect(none.calls.create).toEqual([]);
  });

  it("--quiet prints only the id", async () => {
    const { backend } = fakeBackend();
    const ctx = fakeContext({ backend });
    await runCreate(opts({ quiet: true }), ctx);
    expect(ctx.io.out()).toBe("g1\n");
  });

  it("on another backend, names it and exits 2", async () => {
    const { backend, calls } = fakeBackend(langwatchInfo);
    await expect(runCreate(opts(), fakeContext({ backend }))).rejects.toThrow(/the langwatch backend does not support `gw gateways create`/);
    await expect(runList({ flags: [], output: { format: "table", raw: false } }, fakeContext({ backend }))).rejects.toEqual(usage);
    expect(calls.create).toEqual([]);
  });
});

describe("gw gateways update", () => {
  it("with no change flag is a usage error", async () => {
    await expect(parseOptions<UpdateOptions>(updateCommand, ["g1"])).rejects.toThrow(/nothing to update/);
    await expect(parseOptions<UpdateOptions>(updateCommand, ["g1", "--wait"])).rejects.toThrow(/nothing to update/);
  });

  it("collects only the flags given", async () => {
    const opts = await parseOptions<UpdateOptions>(updateCommand, ["g1", "--routing", "path", "--dns", "x.example.com", "--dry-run"]);
    expect(opts).toMatchObject({ id: "g1", patch: { routing: "path", additionalDns: ["x.example.com"] }, dryRun: true });
    expect(opts.flags.sort()).toEqual(["dns", "routing"]);
  });

  it("sends an explicit key always, and GW_WANDB_API_KEY only as the key to use if one is needed", async () => {
    const { backend, calls } = fakeBackend();
    const base: UpdateOptions = {
      id: "g1", patch: { auth: "wandb", zones: ["us-east-04a"] }, wandbApiKeyStdin: true, wait: false, waitTimeoutMs: 1000,
      flags: ["auth", "zone", "wandb-api-key-stdin"], output: { format: "table", raw: false }, dryRun: false, quiet: true,
    };
    await runUpdate(base, fakeContext({ backend, io: fakeIO({ stdin: "stdin-key" }), env: { GW_WANDB_API_KEY: "env-key" } }));
    expect(calls.update[0]).toEqual(["g1", { auth: "wandb", zones: ["US-EAST-04A"], wandb: { apiKey: "stdin-key" }, wandbApiKeyIfNeeded: "env-key" }]);
  });
});

describe("gw gateways delete", () => {
  const opts: DeleteOptions = { id: "g1", yes: false, wait: false, waitTimeoutMs: 1000, flags: [], dryRun: false, quiet: false };
  const prompter = (answer: boolean, asked: string[]): Prompter => ({
    confirm: async (message) => (asked.push(message), answer),
    password: () => Promise.reject(new Error("unexpected prompt")),
    input: () => Promise.reject(new Error("unexpected prompt")),
    select: () => Promise.reject(new Error("unexpected prompt")),
  });

  it("asks on a terminal; no deletes nothing and says so", async () => {
    const { backend, calls } = fakeBackend();
    const asked: string[] = [];
    const ctx = fakeContext({ backend, io: fakeIO({ tty: true }), prompter: prompter(false, asked) });
    await runDelete(opts, ctx);
    expect(asked).toEqual(["Delete gateway chat (g1)? Its endpoints stop serving."]);
    expect(calls.delete).toEqual([]);
    expect(ctx.io.err()).toBe("Not deleted; nothing was changed.\n");
  });

  it("does not ask with --yes, on a terminal or off one", async () => {
    for (const tty of [true, false]) {
      const { backend, calls } = fakeBackend();
      const ctx = fakeContext({ backend, io: fakeIO({ tty }) });
      await runDelete({ ...opts, yes: true, quiet: true }, ctx);
      expect(calls.delete).toEqual(["g1"]);
      expect(ctx.io.out()).toBe("g1\n");
    }
  });

  it("off a terminal without --yes is a usage error (exit 2) and deletes nothing", async () => {
    const { backend, calls } = fakeBackend();
    const err = await runDelete(opts, fakeContext({ backend })).catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 2, message: "--yes required to delete a gateway when not running in a terminal; pass --yes to confirm" });
    expect(calls.delete).toEqual([]);
  });

  it("parses its flags", async () => {
    const parsed = await parseOptions<DeleteOptions>(deleteCommand, ["g1", "-y", "--wait", "--wait-timeout", "5", "-q"]);
    expect(parsed).toEqual({ id: "g1", yes: true, wait: true, waitTimeoutMs: 5000, flags: ["yes", "wait", "wait-timeout"], dryRun: false, quiet: true });
  });
});

describe("gw gateways list", () => {
  it("--updated-after takes an ISO 8601 time and sends it as RFC 3339 UTC", async () => {
    const opts = await parseOptions<ListOptions>(listCommand, ["--updated-after", "2026-11-01T10:00:00+02:00"]);
    expect(opts).toMatchObject({ updatedAfter: "2026-11-01T08:00:00.000Z", flags: ["updated-after"] });
    expect((await parseOptions<ListOptions>(listCommand, ["--updated-after", "2026-11-01"])).updatedAfter).toBe("2026-11-01T00:00:00.000Z");
    await expect(parseOptions<ListOptions>(listCommand, ["--updated-after", "last tuesday"])).rejects.toEqual(usage);
  });

  it("passes the filter to the backend", async () => {
    const { backend } = fakeBackend();
    const spy = vi.spyOn(backend.gateways!, "list");
    await runList({ updatedAfter: "2026-11-01T00:00:00.000Z", flags: ["updated-after"], output: { format: "json", raw: false } }, fakeContext({ backend }));
    expect(spy).toHaveBeenCalledWith({ updatedAfter: "2026-11-01T00:00:00.000Z" });
  });
});

describe("shared pieces", () => {
  it("matchZones is case-insensitive and names the offered zones when it fails", () => {
    expect(matchZones(["us-east-04a"], ["US-EAST-04A"])).toEqual(["US-EAST-04A"]);
    expect(() => matchZones(["x"], ["A", "B"])).toThrow(/unknown zone "x" for --zone \(offered: A, B/);
  });

  it("patchFromSpecFlags names only what was given", () => {
    expect(patchFromSpecFlags({ waitTimeout: "600" })).toEqual({});
    expect(patchFromSpecFlags({ waitTimeout: "600", auth: "wandb", wandbUsageReports: true })).toEqual({ auth: "wandb", wandb: { usageReports: true } });
  });

  it("gw backends lists exactly the spec flags the commands define (one declaration)", () => {
    const rows = capabilityRecords([coreweaveInfo]);
    for (const [verb, make] of [["gateways create", createCommand], ["gateways update", updateCommand]] as const) {
      const declared = make(fakeContext()).options.map((o) => o.long!.replace(/^--no-/, "--")).filter((f) => !["--output", "--json", "--raw", "--query", "--dry-run", "--quiet"].includes(f));
      expect(rows.find((r) => r.command === verb)!.flags).toEqual([...new Set(declared)]);
    }
  });

  it("the spinner draws on a terminal's stderr only", () => {
    const tty = fakeIO({ tty: true });
    const spinner = createSpinner(tty);
    spinner.update("Waiting: creating");
    spinner.stop();
    expect(tty.err()).toMatch(/^\r\u001b\[2K⠋ Waiting: creating\r\u001b\[2K$/);
    const piped = fakeIO();
    const quiet = createSpinner(piped);
    quiet.update("Waiting");
    quiet.stop();
    expect(piped.err()).toBe("");
  });
});
