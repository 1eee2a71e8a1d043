import { describe, expect, it } from "vitest";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { coreweave } from "../../src/backends/coreweave/index.js";
import { createCommand, runCreate, type CreateOptions } from "../../src/commands/gateways/create.js";
import { runDelete, type DeleteOptions } from "../../src/commands/gateways/delete.js";
import { runGet } from "../../src/commands/gateways/get.js";
import { runList } from "../../src/commands/gateways/list.js";
import { runUpdate, updateCommand, type UpdateOptions } from "../../src/commands/gateways/update.js";
import { runZones } from "../../src/commands/gateways/zones.js";
import { withRaw } from "../../src/domain/binding.js";
import { ExitCode } from "../../src/exit-codes.js";
import type { Prompter } from "../../src/io/prompter.js";
import type { OutputChoice } from "../../src/output/format.js";
import { coreweaveGateway, fakeBackend } from "../helpers/fake-backend.js";
import { fakeContext } from "../helpers/fake-context.js";
import { fakeIO } from "../helpers/fake-io.js";
import { parseOptions } from "../helpers/command-seam.js";

const json: OutputChoice = { format: "json", raw: false };
const table: OutputChoice = { format: "table", raw: false };
const usage = (message: string) => expect.objectContaining({ exitCode: ExitCode.Usage, message });
const ZONES = ["US-EAST-04A", "US-WEST-09B"];

const ready = coreweaveGateway({ status: "ready", endpoints: ["https://chat.gw.example"] });

describe("gw gateways zones", () => {
  it("-o json is the plain list of names; a piped table is one zone a line", async () => {
    const asJson = fakeContext({ backend: fakeBackend(coreweave, { gateways: { zones: async () => ZONES } }) });
    await runZones({ output: json }, asJson);
    expect(asJson.io.out()).toBe('[\n  "US-EAST-04A",\n  "US-WEST-09B"\n]\n');
    const asTable = fakeContext({ backend: fakeBackend(coreweave, { gateways: { zones: async () => ZONES } }) });
    await runZones({ output: table }, asTable);
    expect(asTable.io.out()).toBe("ZONE\nUS-EAST-04A\nUS-WEST-09B\n");
  });

  it("--raw prints the control plane's body; no zones is said on stderr", async () => {
    const body = { zones: [{ name: "US-EAST-04A" }] };
    const raw = fakeContext({ backend: fakeBackend(coreweave, { gateways: { zones: async () => withRaw(["US-EAST-04A"], body) } }) });
    await runZones({ output: { format: "json", raw: true } }, raw);
    expect(JSON.parse(raw.io.out())).toEqual(body);
    const none = fakeContext({ backend: fakeBackend(coreweave, { gateways: { zones: async () => [] } }) });
    await runZones({ output: table }, none);
    expect(none.io.out()).toBe("");
    expect(none.io.err()).toBe("The control plane offers no zones.\n");
  });

  it("a backend without gateways refuses with its reason", async () => {
    await expect(runZones({ output: table }, fakeContext({ backend: fakeBackend(bifrost, { gateways: {} }) }))).rejects.toEqual(
      usage("the bifrost backend does not support `gw gateways zones`: Bifrost has no gateway resources (CoreWeave only) (see gw backends)"),
    );
  });
});

describe("gw gateways get / list", () => {
  it("get shows the detail view", async () => {
    const backend = fakeBackend(coreweave, { gateways: { get: async () => coreweaveGateway() } });
    const ctx = fakeContext({ backend });
    await runGet({ id: "gw-1", output: table }, ctx);
    expect(backend.calls).toEqual([{ method: "gateways.get", args: ["gw-1"] }]);
    expect(ctx.io.out()).toBe(
      [
        "ID:             gw-1",
        "Name:           chat",
        "Status:         creating",
        "Zones:          US-EAST-04A",
        "Auth:           coreweave",
        "Routing:        body (openai)",
        "Additional DNS: -",
        "Endpoints:      - (once ready)",
        "Organization:   org-1",
        "Created:        2026-11-01T08:00:00Z",
        "Updated:        2026-11-01T08:00:00Z",
        "",
      ].join("\n"),
    );
  });

  it("a failed gateway says why; W&B auth shows its settings", async () => {
    const failed = coreweaveGateway({
      status: "failed", auth: "wandb", wandb: { serverUrl: null, usageReports: true, rateLimiting: false },
      conditions: [{ type: "Ready", status: "False", reason: "ProvisioningFailed", message: "no capacity", zone: "US-EAST-04A", lastUpdateTime: null }],
    });
    const ctx = fakeContext({ backend: fakeBackend(coreweave, { gateways: { get: async () => failed } }) });
    await runGet({ id: "gw-1", output: table }, ctx);
    const lines = ctx.io.out().split("\n");
    expect(lines[2]).toBe("Status:         failed: ProvisioningFailed: no capacity (US-EAST-04A)");
    expect(lines[4]).toBe("Auth:           wandb (usage reports on, rate limiting off)");
  });

  it("list: a piped table, the JSON records, and the filter passed on", async () => {
    const header = coreweaveGateway({ id: "gw-2", name: "routed", routing: "header", apiType: null, headerName: "x-model" });
    const backend = fakeBackend(coreweave, { gateways: { list: async () => [ready, header] } });
    const ctx = fakeContext({ backend });
    await runList({ flags: [], output: table }, ctx);
    await runList({ updatedAfter: "2026-11-01T00:00:00.000Z", flags: ["updated-after"], output: json }, ctx);
    expect(backend.calls.map((c) => c.args)).toEqual([[{}], [{ updatedAfter: "2026-11-01T00:00:00.000Z" }]]);
    expect(ctx.io.out()).toBe(
      "ID\tNAME\tSTATUS\tZONES\tAUTH\tROUTING\tENDPOINT\n" +
        "gw-1\tchat\tready\tUS-EAST-04A\tcoreweave\tbody (openai)\thttps://chat.gw.example\n" +
        "gw-2\trouted\tcreating\tUS-EAST-04A\tcoreweave\theader (x-model)\t-\n" +
        `${JSON.stringify([ready, header], null, 2)}\n`,
    );
  });

  it("an empty list hints at gateways create on stderr", async () => {
    const ctx = fakeContext({ backend: fakeBackend(coreweave, { gateways: { list: async () => [] } }) });
    await runList({ flags: [], output: table }, ctx);
    expect(ctx.io.out()).toBe("");
    expect(ctx.io.err()).toBe("No gateways. Create one: gw gateways create --name <name> --zone <zone> (zones: gw gateways zones)\n");
  });
});

describe("gw gateways create", () => {
  const opts = (over: Partial<CreateOptions> = {}): CreateOptions => ({
    input: { name: "chat", zones: ["us-east-04a"], auth: "coreweave", routing: "body", apiType: "openai" },
    wandbApiKeyStdin: false, wait: false, waitTimeoutMs: 600_000, flags: ["name", "zone"], output: json, dryRun: false, quiet: false, ...over,
  });
  const creating = () => fakeBackend(coreweave, { gateways: { zones: async () => ZONES, create: async (input) => coreweaveGateway({ name: input.name }) } });

  it("sends the zone as the control plane spells it, confirms, prints the record", async () => {
    const backend = creating();
    const ctx = fakeContext({ backend });
    await runCreate(opts(), ctx);
    expect(backend.calls).toEqual([
      { method: "gateways.zones", args: [] },
      { method: "gateways.create", args: [{ name: "chat", zones: ["US-EAST-04A"], auth: "coreweave", routing: "body", apiType: "openai" }] },
    ]);
    expect(ctx.io.err()).toBe("✓ Created gateway gw-1 (chat), status creating\n");
    expect(ctx.io.out()).toBe(`${JSON.stringify(coreweaveGateway(), null, 2)}\n`);
  });

  it("--quiet prints the id only", async () => {
    const ctx = fakeContext({ backend: creating() });
    await runCreate(opts({ quiet: true }), ctx);
    expect(ctx.io.out()).toBe("gw-1\n");
  });

  it("an unknown zone is refused before anything is written", async () => {
    const backend = creating();
    await expect(runCreate(opts({ input: { ...opts().input, zones: ["mars-1"] } }), fakeContext({ backend }))).rejects.toEqual(
      usage('unknown zone "mars-1" for --zone (offered: US-EAST-04A, US-WEST-09B; see gw gateways zones)'),
    );
    expect(backend.methods()).toEqual(["gateways.zones"]);
  });

  it("W&B auth needs a key: refused without one, taken from GW_WANDB_API_KEY or stdin, never printed", async () => {
    const wandb = { ...opts().input, auth: "wandb" as const, wandb: {} };
    const without = creating();
    await expect(runCreate(opts({ input: wandb }), fakeContext({ backend: without }))).rejects.toEqual(
      usage("--auth wandb needs the W&B API key: pipe it with --wandb-api-key-stdin or set GW_WANDB_API_KEY"),
    );
    expect(without.methods()).toEqual(["gateways.zones"]);

    for (const [ctxParts, key] of [
      [{ env: { GW_WANDB_API_KEY: " wk-env-1 " } }, "wk-env-1"],
      [{ io: fakeIO({ stdin: "wk-stdin-2\n" }) }, "wk-stdin-2"],
    ] as const) {
      const backend = creating();
      const ctx = fakeContext({ backend, ...ctxParts });
      await runCreate(opts({ input: wandb, wandbApiKeyStdin: "io" in ctxParts }), ctx);
      expect(backend.calls[1]?.args[0]).toMatchObject({ auth: "wandb", wandb: { apiKey: key } });
      expect(ctx.io.out() + ctx.io.err()).not.toContain(key);
    }
  });

  it("Bifrost has no gateways", async () => {
    await expect(runCreate(opts(), fakeContext({ backend: fakeBackend(bifrost, { gateways: {} }) }))).rejects.toEqual(
      usage("the bifrost backend does not support `gw gateways create`: Bifrost has no gateway resources (CoreWeave only) (see gw backends)"),
    );
  });

  it("argv -> options: the defaults", async () => {
    expect(await parseOptions<CreateOptions>(createCommand, ["--name", "chat", "--zone", "us-east-04a"])).toEqual(opts({ output: table }));
  });

  it("argv -> options: W&B auth, header routing, DNS and waiting", async () => {
    const o = await parseOptions<CreateOptions>(createCommand, [
      "--name", "chat", "--zone", "us-east-04a", "--auth", "wandb", "--wandb-api-key-stdin", "--no-wandb-usage-reports",
      "--header-name", "x-model", "--dns", "llm.example.com.", "--wait", "--wait-timeout", "30", "-o", "json",
    ]);
    expect(o.input).toEqual({
      name: "chat", zones: ["us-east-04a"], auth: "wandb", routing: "header", wandb: { usageReports: false }, headerName: "x-model",
      additionalDns: ["llm.example.com"],
    });
    expect(o).toMatchObject({ wandbApiKeyStdin: true, wait: true, waitTimeoutMs: 30_000, output: json });
    expect(new Set(o.flags)).toEqual(new Set(["name", "zone", "auth", "wandb-api-key-stdin", "wandb-usage-reports", "header-name", "dns", "wait", "wait-timeout"]));
  });

  it("argv -> options: required flags and conflicting ones", async () => {
    await expect(parseOptions(createCommand, ["--name", "chat"])).rejects.toMatchObject({ code: "commander.missingMandatoryOptionValue" });
    await expect(parseOptions(createCommand, ["--name", "c", "--zone", "z", "--routing", "body", "--header-name", "x"])).rejects.toThrow(
      "--header-name conflicts with --routing body (it is for header routing)",
    );
    await expect(parseOptions(createCommand, ["--name", "c", "--zone", "z", "--wandb-server-url", "https://wandb.test"])).rejects.toThrow(
      "--wandb-server-url needs --auth wandb (the default is coreweave)",
    );
  });
});

describe("gw gateways update / delete", () => {
  it("update: zones matched, GW_WANDB_API_KEY offered only if needed; an empty update is refused at parse", async () => {
    const backend = fakeBackend(coreweave, { gateways: { zones: async () => ZONES, update: async () => coreweaveGateway({ status: "updating" }) } });
    const ctx = fakeContext({ backend, env: { GW_WANDB_API_KEY: "wk-1" } });
    const opts: UpdateOptions = { id: "gw-1", patch: { zones: ["us-west-09b"] }, wandbApiKeyStdin: false, wait: false, waitTimeoutMs: 1000, flags: ["zone"], output: json, dryRun: false, quiet: true };
    await runUpdate(opts, ctx);
    expect(backend.calls[1]).toEqual({ method: "gateways.update", args: ["gw-1", { zones: ["US-WEST-09B"], wandbApiKeyIfNeeded: "wk-1" }] });
    expect(ctx.io.out()).toBe("gw-1\n");
    expect(ctx.io.err()).toBe("✓ Updated gateway gw-1 (chat), status updating\n");
    await expect(parseOptions(updateCommand, ["gw-1"])).rejects.toThrow("nothing to update: name at least one field to change (see gw gateways update --help)");
  });

  const del: DeleteOptions = { id: "gw-1", yes: false, wait: false, waitTimeoutMs: 1000, flags: [], dryRun: false, quiet: false };
  const deleting = () =>
    fakeBackend(coreweave, { gateways: { get: async () => ready, remove: async () => coreweaveGateway({ status: "deleting" }) } });

  it("delete asks on a terminal; a script must say --yes", async () => {
    const asked: string[] = [];
    const unexpected = (message: string) => Promise.reject(new Error(`unexpected prompt: ${message}`));
    const prompter: Prompter = { confirm: async (m) => (asked.push(m), true), input: unexpected, password: unexpected, select: unexpected };
    const tty = deleting();
    const ctx = fakeContext({ backend: tty, prompter, io: fakeIO({ tty: true }) });
    await runDelete(del, ctx);
    expect(asked).toEqual(["Delete gateway chat (gw-1)? Its endpoints stop serving."]);
    expect(tty.methods()).toEqual(["gateways.get", "gateways.remove"]);
    expect(ctx.io.err()).toBe("✓ Deleting gateway gw-1 (chat), status deleting\n");

    const piped = deleting();
    await expect(runDelete(del, fakeContext({ backend: piped }))).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/--yes required/) });
    expect(piped.methods()).toEqual([]);
    const script = fakeContext({ backend: piped });
    await runDelete({ ...del, yes: true, quiet: true }, script);
    expect(piped.methods()).toEqual(["gateways.remove"]);
    expect(script.io.out()).toBe("gw-1\n");
  });
});
