import { describe, expect, it } from "vitest";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { createCommand, runCreate, type CreateOptions } from "../../src/commands/vk/create.js";
import { runGet, runList } from "../../src/commands/vk/read.js";
import { runRevoke, type RevokeOptions } from "../../src/commands/vk/revoke.js";
import { runRotate } from "../../src/commands/vk/rotate.js";
import { runDisable, runEnable } from "../../src/commands/vk/status.js";
import type { VkProviderConfig } from "../../src/domain/virtual-key.js";
import { ExitCode } from "../../src/exit-codes.js";
import type { OutputChoice } from "../../src/output/format.js";
import { fakeBackend, issuedKey, langwatchBinding, virtualKey } from "../helpers/fake-backend.js";
import { fakeContext } from "../helpers/fake-context.js";
import { fakeIO } from "../helpers/fake-io.js";
import { parseOptions, confirming } from "../helpers/command-seam.js";

const json: OutputChoice = { format: "json", raw: false };
const table: OutputChoice = { format: "table", raw: false };
const usage = (message: string) => expect.objectContaining({ exitCode: ExitCode.Usage, message });

const b1 = langwatchBinding();
const b2 = langwatchBinding({ id: "b2", provider: "anthropic", providerId: "mp_2", slot: "fallback" });
const key = virtualKey({ chain: ["b1", "b2"], rpm: 60 });
const secret = "sk-lw-ab-0123456789secret";
const SECRET_WARNING = "warning: the secret below is shown only this once; store it now (gw cannot show it again)\n";

const config = (provider: string, weight: number | null): VkProviderConfig => ({
  provider, weight, allowedModels: null, blockedModels: [], keyIds: null, budgets: [], rpm: null, tpm: null, rpd: null, rateLimit: null,
});

describe("gw vk list / get", () => {
  it("-o json prints the keys and needs no bindings", async () => {
    const backend = fakeBackend(langwatch, { virtualKeys: { list: async () => [key] }, bindings: {} });
    const ctx = fakeContext({ backend });
    await runList({ output: json }, ctx);
    expect(ctx.io.out()).toBe(`${JSON.stringify([key], null, 2)}\n`);
    expect(backend.methods()).toEqual(["virtualKeys.list"]);
  });

  it("a table names each chain hop's provider, and says what an unset limit means per backend", async () => {
    const weighted = virtualKey({ id: "vk2", backend: "bifrost", name: "batch", chain: null, providerConfigs: [config("openai", 70), config("anthropic", 30)] });
    const revoked = virtualKey({ id: "vk3", name: "old", status: "revoked", chain: null, routingMode: "fallback_all" });
    const backend = fakeBackend(langwatch, { virtualKeys: { list: async () => [key, weighted, revoked] }, bindings: { list: async () => [b1, b2] } });
    const ctx = fakeContext({ backend });
    await runList({ output: table }, ctx);
    expect(ctx.io.out()).toBe(
      "ID\tNAME\tSTATUS\tCHAIN\tRPM/TPM/RPD\n" +
        "vk1\tcheckout\tactive\topenai > anthropic\t60/inherit/inherit\n" +
        "vk2\tbatch\tactive\topenai 70% | anthropic 30%\t-/-/-\n" +
        "vk3\told\trevoked\trouting: fallback_all\tinherit/inherit/inherit\n",
    );
  });

  it("an empty list hints at vk create on stderr", async () => {
    const ctx = fakeContext({ backend: fakeBackend(langwatch, { virtualKeys: { list: async () => [] } }) });
    await runList({ output: table }, ctx);
    expect(ctx.io.out()).toBe("");
    expect(ctx.io.err()).toBe("No virtual keys. Create one: gw vk create --name <name> --chain <binding-id>...\n");
  });

  it("get shows the detail view with the chain resolved", async () => {
    const backend = fakeBackend(langwatch, { virtualKeys: { get: async () => key }, bindings: { list: async () => [b1, b2] } });
    const ctx = fakeContext({ backend });
    await runGet({ id: "vk1", output: table }, ctx);
    expect(backend.calls[0]).toEqual({ method: "virtualKeys.get", args: ["vk1"] });
    expect(ctx.io.out()).toBe(
      [
        "ID:           vk1",
        "Name:         checkout",
        "Description:  -",
        "Status:       active",
        "Environment:  live",
        "Prefix:       sk-lw-ab",
        "Chain:        openai > anthropic",
        "Max attempts: -",
        "Limits:       60 rpm",
        "Budgets:      -",
        "Providers:    -",
        "Created:      2026-05-02T09:00:00.000Z",
        "Last used:    never",
        "",
      ].join("\n"),
    );
  });
});

describe("gw vk create / rotate", () => {
  const opts = (over: Partial<CreateOptions> = {}): CreateOptions => ({
    input: { name: "checkout", chain: ["b1"] }, dryRun: false, quiet: false, flags: ["name", "chain"], output: table, ...over,
  });
  const writing = () => fakeBackend(langwatch, { virtualKeyWrites: { create: async () => issuedKey(virtualKey(), secret) }, virtualKeyRotate: { rotate: async () => issuedKey(virtualKey(), secret) } });

  it("a table prints the secret alone on stdout; the confirmation and warning go to stderr", async () => {
    const backend = writing();
    const ctx = fakeContext({ backend });
    await runCreate(opts(), ctx);
    expect(backend.calls).toEqual([{ method: "virtualKeyWrites.create", args: [{ name: "checkout", chain: ["b1"] }] }]);
    expect(ctx.io.out()).toBe(`${secret}\n`);
    expect(ctx.io.err()).toBe(`✓ Created virtual key vk1 (checkout)\n${SECRET_WARNING}`);
  });

  it("-o json prints {virtualKey, secret}", async () => {
    const ctx = fakeContext({ backend: writing() });
    await runCreate(opts({ output: json }), ctx);
    expect(ctx.io.out()).toBe(`${JSON.stringify({ virtualKey: virtualKey(), secret }, null, 2)}\n`);
  });

  it("--quiet prints id<TAB>secret, for create and rotate", async () => {
    const ctx = fakeContext({ backend: writing() });
    await runCreate(opts({ quiet: true }), ctx);
    expect(ctx.io.out()).toBe(`vk1\t${secret}\n`);

    const rotated = fakeContext({ backend: writing() });
    await runRotate({ id: "vk1", dryRun: false, quiet: true, output: table }, rotated);
    expect(rotated.io.out()).toBe(`vk1\t${secret}\n`);
    expect(rotated.io.err()).toBe(`✓ Rotated virtual key vk1 (checkout)\n${SECRET_WARNING}`);
  });

  it("Bifrost writes keys, but refuses --chain (fallbacks are routing rules there): exit 2, nothing sent", async () => {
    const backend = fakeBackend(bifrost, { virtualKeyWrites: {} });
    await expect(runCreate(opts(), fakeContext({ backend }))).rejects.toEqual(
      usage("the bifrost backend does not support --chain on `gw vk create` (see gw backends)"),
    );
    expect(backend.calls).toEqual([]);
    const grants = { name: "checkout", chain: [], providers: [{ provider: "openai", weight: 0.7, models: null }] };
    const writes = fakeBackend(bifrost, { virtualKeyWrites: { create: async () => issuedKey(virtualKey(), secret) } });
    const ctx = fakeContext({ backend: writes });
    await runCreate(opts({ input: grants, flags: ["name", "provider"], quiet: true }), ctx);
    expect(writes.calls).toEqual([{ method: "virtualKeyWrites.create", args: [grants] }]);
    expect(ctx.io.out()).toBe(`vk1\t${secret}\n`);
  });

  it("argv -> options", async () => {
    const o = await parseOptions<CreateOptions>(createCommand, ["--name", " checkout ", "--description", "web shop", "--chain", "b1", "b2", "--rpm", "60", "-q"]);
    expect(o).toEqual({
      input: { name: "checkout", description: "web shop", chain: ["b1", "b2"], rpm: 60 }, dryRun: false, quiet: true,
      flags: ["name", "description", "chain", "rpm"], output: table,
    });
    expect((await parseOptions<CreateOptions>(createCommand, ["--name", "k"])).input).toEqual({ name: "k", chain: [] });
    await expect(parseOptions(createCommand, ["--chain", "b1"])).rejects.toMatchObject({ code: "commander.missingMandatoryOptionValue" });
    await expect(parseOptions(createCommand, ["--name", "x".repeat(129)])).rejects.toThrow("invalid value for --name: at most 128 characters");
  });
});

describe("gw vk revoke", () => {
  const opts = (over: Partial<RevokeOptions> = {}): RevokeOptions => ({ id: "vk1", yes: false, dryRun: false, quiet: false, output: json, ...over });
  const revoked = virtualKey({ status: "revoked", revokedAt: "2026-06-01T00:00:00.000Z" });
  const revoking = () => fakeBackend(langwatch, { virtualKeys: { get: async () => virtualKey() }, virtualKeyRevoke: { revoke: async () => revoked } });

  it("refuses off a terminal without --yes, before sending anything", async () => {
    const backend = revoking();
    await expect(runRevoke(opts(), fakeContext({ backend }))).rejects.toEqual(usage("--yes required to revoke a key when not running in a terminal; pass --yes to confirm"));
    expect(backend.calls).toEqual([]);
  });

  it("--yes revokes without asking, prints the record and confirms", async () => {
    const backend = revoking();
    const ctx = fakeContext({ backend });
    await runRevoke(opts({ yes: true }), ctx);
    expect(backend.calls).toEqual([{ method: "virtualKeys.get", args: ["vk1"] }, { method: "virtualKeyRevoke.revoke", args: ["vk1"] }]);
    expect(ctx.io.out()).toBe(`${JSON.stringify(revoked, null, 2)}\n`);
    expect(ctx.io.err()).toBe("✓ Revoked virtual key vk1 (checkout)\n");
  });

  it("revoking a revoked key says so, exit 0, and sends no write", async () => {
    const backend = fakeBackend(langwatch, { virtualKeys: { get: async () => revoked }, virtualKeyRevoke: { revoke: async () => revoked } });
    const ctx = fakeContext({ backend });
    await runRevoke(opts({ yes: true }), ctx);
    expect(backend.methods()).toEqual(["virtualKeys.get"]);
    expect(ctx.io.err()).toBe("Virtual key vk1 (checkout) is already revoked; nothing was changed.\n");
    expect(ctx.io.out()).toBe(`${JSON.stringify(revoked, null, 2)}\n`);
  });

  it("--quiet prints the id; a dry run asks nothing", async () => {
    const ctx = fakeContext({ backend: revoking() });
    await runRevoke(opts({ dryRun: true, quiet: true }), ctx);
    expect(ctx.io.out()).toBe("vk1\n");
  });

  it("asks on a terminal; no keeps the key", async () => {
    for (const answer of [true, false]) {
      const backend = revoking();
      const { prompter, asked } = confirming(answer);
      const ctx = fakeContext({ backend, prompter, io: fakeIO({ tty: true }) });
      await runRevoke(opts(), ctx);
      expect(asked).toEqual(["Revoke virtual key vk1 (checkout)? Apps using it stop working."]);
      expect(backend.methods()).toEqual(answer ? ["virtualKeys.get", "virtualKeyRevoke.revoke"] : ["virtualKeys.get"]);
      expect(ctx.io.err()).toBe(answer ? "✓ Revoked virtual key vk1 (checkout)\n" : "Not revoked; nothing was changed.\n");
    }
  });
});

describe("gw vk disable / enable", () => {
  const opts = { id: "vk1", dryRun: false, quiet: false, output: json };

  it("confirm on stderr and print the record", async () => {
    const backend = fakeBackend(langwatch, {
      virtualKeys: { get: async () => virtualKey() },
      virtualKeyStatus: { disable: async () => virtualKey({ status: "disabled" }), enable: async () => virtualKey() },
    });
    const ctx = fakeContext({ backend });
    await runDisable(opts, ctx);
    await runEnable({ ...opts, quiet: true }, ctx);
    expect(backend.methods()).toEqual(["virtualKeys.get", "virtualKeyStatus.disable", "virtualKeyStatus.enable"]);
    expect(ctx.io.err()).toBe("✓ Disabled virtual key vk1 (checkout)\n✓ Enabled virtual key vk1 (checkout)\n");
    expect(ctx.io.out()).toBe(`${JSON.stringify(virtualKey({ status: "disabled" }), null, 2)}\nvk1\n`);
  });
});

describe("gw vk disable twice", () => {
  it("says already disabled, exit 0, and sends no write", async () => {
    const backend = fakeBackend(langwatch, {
      virtualKeys: { get: async () => virtualKey({ status: "disabled" }) },
      virtualKeyStatus: { disable: async () => virtualKey({ status: "disabled" }), enable: async () => virtualKey() },
    });
    const ctx = fakeContext({ backend });
    await runDisable({ id: "vk1", dryRun: false, quiet: true, output: json }, ctx);
    expect(backend.methods()).toEqual(["virtualKeys.get"]);
    expect(ctx.io.err()).toBe("Virtual key vk1 (checkout) is already disabled; nothing was changed.\n");
    expect(ctx.io.out()).toBe("vk1\n");
  });
});
