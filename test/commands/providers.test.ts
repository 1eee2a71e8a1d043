import { describe, expect, it } from "vitest";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { coreweave } from "../../src/backends/coreweave/index.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { ngrok } from "../../src/backends/ngrok/index.js";
import { bindCommand, runBind, type BindOptions } from "../../src/commands/providers/bind.js";
import { runGet } from "../../src/commands/providers/get.js";
import { runList } from "../../src/commands/providers/list.js";
import { runDelete, runDisable, runEnable } from "../../src/commands/providers/status.js";
import { runUpdate, updateCommand, type UpdateOptions } from "../../src/commands/providers/update.js";
import { ExitCode } from "../../src/exit-codes.js";
import type { OutputChoice } from "../../src/output/format.js";
import { fakeBackend, langwatchBinding } from "../helpers/fake-backend.js";
import { fakeContext } from "../helpers/fake-context.js";
import { fakeIO } from "../helpers/fake-io.js";
import { parseOptions, confirming } from "../helpers/command-seam.js";

const json: OutputChoice = { format: "json", raw: false };
const table: OutputChoice = { format: "table", raw: false };
const usage = (message: string) => expect.objectContaining({ exitCode: ExitCode.Usage, message });

const b1 = langwatchBinding();
const b2 = langwatchBinding({ id: "b2", provider: "anthropic", providerId: "mp_2", slot: "fallback", rpm: null, fallbackPriority: null, health: null, status: "disabled" });

describe("gw providers list / get", () => {
  it("-o json prints the records as a JSON array", async () => {
    const ctx = fakeContext({ backend: fakeBackend(langwatch, { bindings: { pages: async function* () { yield [b1, b2]; } } }) });
    await runList({ output: json }, ctx);
    expect(ctx.io.out()).toBe(`${JSON.stringify([b1, b2], null, 2)}\n`);
    expect(ctx.io.err()).toBe("");
  });

  it("a piped table is the backend's columns, tab-separated, every page in order", async () => {
    const n1 = langwatchBinding({ id: "p1", backend: "ngrok", providerId: "acme", name: "Acme", baseUrl: "https://acme.test/v1", models: ["m1", "m2", "m3", "m4"] });
    const n2 = langwatchBinding({ id: "p2", backend: "ngrok", providerId: "beta", name: null, baseUrl: null, models: [] });
    const ctx = fakeContext({ backend: fakeBackend(ngrok, { bindings: { pages: async function* () { yield [n1]; yield [n2]; } } }) });
    await runList({ output: table }, ctx);
    expect(ctx.io.out()).toBe(
      "ID\tPROVIDER ID\tNAME\tBASE URL\tMODELS\tSURFACES\tUPDATED\n" +
        "p1\tacme\tAcme\thttps://acme.test/v1\tm1, m2, +2 more\t-\t-\n" +
        "p2\tbeta\t-\t-\t-\t-\t-\n",
    );
  });

  it("LangWatch's table shows slot, priority and health; an unset limit inherits", async () => {
    const ctx = fakeContext({ backend: fakeBackend(langwatch, { bindings: { pages: async function* () { yield [b1, b2]; } } }) });
    await runList({ output: table }, ctx);
    expect(ctx.io.out()).toBe(
      "ID\tPROVIDER\tSLOT\tRPM\tTPM\tRPD\tPRIORITY\tHEALTH\tSTATUS\n" +
        "b1\topenai\tprimary\t600\tinherit\tinherit\t10\thealthy\tactive\n" +
        "b2\tanthropic\tfallback\tinherit\tinherit\tinherit\t-\t-\tdisabled\n",
    );
  });

  it("an empty list prints nothing on stdout and the backend's hint on stderr", async () => {
    const ctx = fakeContext({ backend: fakeBackend(langwatch, { bindings: { pages: async function* () { yield []; } } }) });
    await runList({ output: table }, ctx);
    expect(ctx.io.out()).toBe("");
    expect(ctx.io.err()).toBe("No provider bindings. Create one: gw providers bind --provider <model-provider-id>\n");
  });

  it("get prints the detail view", async () => {
    const backend = fakeBackend(langwatch, { bindings: { get: async () => b1 } });
    const ctx = fakeContext({ backend });
    await runGet({ id: "b1", output: table }, ctx);
    expect(backend.calls).toEqual([{ method: "bindings.get", args: ["b1"] }]);
    expect(ctx.io.out()).toBe(
      [
        "ID:                b1",
        "Provider:          openai (mp_1)",
        "Slot:              primary",
        "RPM:               600",
        "TPM:               inherit",
        "RPD:               inherit",
        "Fallback priority: 10",
        "Rotation policy:   MANUAL",
        "Health:            healthy",
        "Status:            active",
        "Created:           2026-05-01T10:00:00.000Z",
        "",
      ].join("\n"),
    );
  });

  it("a backend without bindings refuses with its reason", async () => {
    const ctx = fakeContext({ backend: fakeBackend(coreweave, {}) });
    await expect(runList({ output: json }, ctx)).rejects.toEqual(
      usage("the coreweave backend does not support `gw providers list`: CoreWeave has inference gateways, not provider bindings: use gw gateways (see gw backends)"),
    );
  });
});

describe("gw providers update", () => {
  const opts = (over: Partial<UpdateOptions>): UpdateOptions => ({ id: "b1", patch: {}, flags: [], output: json, force: false, dryRun: false, quiet: false, ...over });

  it("sends exactly the named fields, prints the record and confirms on stderr", async () => {
    const backend = fakeBackend(langwatch, { bindings: { update: async () => ({ ...b1, rpm: 900 }) } });
    const ctx = fakeContext({ backend });
    await runUpdate(opts({ patch: { rpm: 900 }, flags: ["rpm"] }), ctx);
    expect(backend.calls).toEqual([{ method: "bindings.update", args: ["b1", { rpm: 900 }, { force: false, warn: ctx.warn }] }]);
    expect(ctx.io.out()).toBe(`${JSON.stringify({ ...b1, rpm: 900 }, null, 2)}\n`);
    expect(ctx.io.err()).toBe("✓ Updated binding b1: rpm 900\n");
  });

  it("describes cleared fields and header sets in the confirmation; --quiet prints the id only", async () => {
    const backend = fakeBackend(langwatch, { bindings: { update: async () => b1 } });
    const ctx = fakeContext({ backend });
    await runUpdate(opts({ patch: { tpm: null, headers: { A: "1", B: "2" } }, flags: ["unset", "header"], quiet: true }), ctx);
    expect(ctx.io.out()).toBe("b1\n");
    expect(ctx.io.err()).toBe("✓ Updated binding b1: tpm cleared, headers 2 headers\n");
  });

  it("Bifrost's --force reaches the adapter", async () => {
    const backend = fakeBackend(bifrost, { bindings: { update: async () => b1 } });
    const ctx = fakeContext({ backend });
    await runUpdate(opts({ patch: { rpm: 5 }, flags: ["rpm", "force"], force: true }), ctx);
    expect(backend.calls[0]?.args[2]).toMatchObject({ force: true });
  });

  it("refuses a flag the backend does not honour before sending anything", async () => {
    const backend = fakeBackend(bifrost, { bindings: {} });
    await expect(runUpdate(opts({ patch: { fallbackPriority: 1 }, flags: ["fallback-priority"] }), fakeContext({ backend }))).rejects.toEqual(
      usage("the bifrost backend does not support --fallback-priority on `gw providers update` (see gw backends)"),
    );
    expect(backend.calls).toEqual([]);
  });

  it("refuses to --unset what the backend cannot set", async () => {
    const backend = fakeBackend(bifrost, { bindings: {} });
    await expect(runUpdate(opts({ patch: { fallbackPriority: null }, flags: ["unset"] }), fakeContext({ backend }))).rejects.toEqual(
      usage("the bifrost backend cannot --unset fallback-priority (see gw backends)"),
    );
    expect(backend.calls).toEqual([]);
  });

  it("an empty patch is a usage error before the backend is even loaded", async () => {
    await expect(runUpdate(opts({}), fakeContext())).rejects.toEqual(
      usage("nothing to update: name at least one field to change (see gw providers update --help)"),
    );
  });

  it("argv -> options: the named fields, the flags given, the write switches", async () => {
    const o = await parseOptions<UpdateOptions>(updateCommand, ["b1", "--rpm", "600", "--unset", "tpm,rpd", "--header", "A=1", "--header", "B=2", "--force", "-q", "-o", "json"]);
    expect(o).toEqual({
      id: "b1", patch: { rpm: 600, tpm: null, rpd: null, headers: { A: "1", B: "2" } }, flags: ["rpm", "header", "unset", "force"],
      output: json, force: true, dryRun: false, quiet: true,
    });
    await expect(parseOptions(updateCommand, ["b1", "--rpm", "1", "--unset", "rpm"])).rejects.toThrow("--unset rpm conflicts with --rpm");
    await expect(parseOptions(updateCommand, ["b1", "--rpm", "0"])).rejects.toThrow('invalid value for --rpm: "0" (must be a positive integer, e.g. 600)');
  });
});

describe("gw providers bind", () => {
  const opts = (over: Partial<BindOptions>): BindOptions => ({ input: {}, flags: [], output: json, dryRun: false, quiet: false, ...over });
  const created = langwatchBinding({ id: "b3" });

  it("binds with the flags' input, confirms with the slot, prints the record", async () => {
    const backend = fakeBackend(langwatch, { bindings: { bind: async () => created }, modelProviders: {} });
    const ctx = fakeContext({ backend });
    await runBind(opts({ input: { providerId: "mp_1", rpm: 600 }, flags: ["provider", "rpm"] }), ctx);
    expect(backend.calls).toEqual([{ method: "bindings.bind", args: [{ providerId: "mp_1", rpm: 600 }] }]);
    expect(ctx.io.err()).toBe("✓ Bound openai as binding b3 (slot primary)\n");
    expect(JSON.parse(ctx.io.out())).toEqual(created);
  });

  it("--quiet prints only the id; a record without a slot says none", async () => {
    const backend = fakeBackend(bifrost, { bindings: { bind: async () => ({ ...created, id: "openai", slot: null }) } });
    const ctx = fakeContext({ backend });
    await runBind(opts({ input: { providerId: "openai" }, flags: ["provider"], quiet: true }), ctx);
    expect(ctx.io.out()).toBe("openai\n");
    expect(ctx.io.err()).toBe("✓ Bound openai as binding openai\n");
  });

  it.each([
    [bifrost, "missing required flag: --provider"],
    [ngrok, "missing required flags: --provider-id, --name, --base-url"],
  ])("%# each backend names its own required flags", async (info, message) => {
    const backend = fakeBackend(info, { bindings: {} });
    await expect(runBind(opts({}), fakeContext({ backend }))).rejects.toEqual(usage(message));
    expect(backend.calls).toEqual([]);
  });

  it("LangWatch off a terminal: --provider is required, since the wizard needs one", async () => {
    const backend = fakeBackend(langwatch, { bindings: {}, modelProviders: {} });
    await expect(runBind(opts({ input: { rpm: 5 }, flags: ["rpm"] }), fakeContext({ backend }))).rejects.toEqual(
      usage("missing required flag: --provider (the bind wizard needs a terminal)"),
    );
    expect(backend.calls).toEqual([]);
  });

  it("refuses a flag the backend does not honour", async () => {
    const backend = fakeBackend(bifrost, { bindings: {} });
    await expect(
      runBind(opts({ input: { providerId: "openai", fallbackPriority: 1 }, flags: ["provider", "fallback-priority"] }), fakeContext({ backend })),
    ).rejects.toEqual(usage("the bifrost backend does not support --fallback-priority on `gw providers bind` (see gw backends)"));
  });

  it("argv -> options", async () => {
    const o = await parseOptions<BindOptions>(bindCommand, ["--provider", "mp_1", "--slot", "backup", "--rpm", "600", "--header", "X-A=1", "--dry-run"]);
    expect(o).toEqual({
      input: { providerId: "mp_1", slot: "backup", rpm: 600, headers: { "X-A": "1" } }, flags: ["provider", "slot", "rpm", "header"],
      output: table, dryRun: true, quiet: false,
    });
    const n = await parseOptions<BindOptions>(bindCommand, ["--provider-id", "acme", "--name", "Acme", "--base-url", "https://acme.test/v1", "--model", "m1", "--model", "m2"]);
    expect(n.input).toEqual({ providerId: "acme", name: "Acme", baseUrl: "https://acme.test/v1", models: ["m1", "m2"] });
    await expect(parseOptions(bindCommand, ["--provider", "a", "--provider-id", "b"])).rejects.toThrow("--provider and --provider-id name the same thing; give one");
  });
});

describe("gw providers disable / enable / delete", () => {
  const status = { id: "b1", output: json, dryRun: false, quiet: false };

  const disabling = (current = b1) =>
    fakeBackend(langwatch, { bindings: { get: async () => current }, bindingDisable: { disable: async () => ({ ...b1, status: "disabled" as const }) } });

  it("disable on LangWatch with --yes confirms and prints the record", async () => {
    const backend = disabling();
    const ctx = fakeContext({ backend });
    await runDisable({ ...status, yes: true }, ctx);
    expect(backend.methods()).toEqual(["bindings.get", "bindingDisable.disable"]);
    expect(ctx.io.err()).toBe("✓ Disabled binding b1\n");
    expect(JSON.parse(ctx.io.out())).toMatchObject({ id: "b1", status: "disabled" });
  });

  it("disable on LangWatch is permanent: off a terminal it needs --yes, before any request", async () => {
    const backend = disabling();
    await expect(runDisable(status, fakeContext({ backend }))).rejects.toEqual(
      usage("--yes required to disable a binding (it is permanent) when not running in a terminal; pass --yes to confirm"),
    );
    expect(backend.calls).toEqual([]);
  });

  it("disable on LangWatch asks on a terminal, saying it is permanent and keeps the slot; no changes nothing", async () => {
    for (const answer of [true, false]) {
      const backend = disabling();
      const { prompter, asked } = confirming(answer);
      const ctx = fakeContext({ backend, prompter, io: fakeIO({ tty: true }) });
      await runDisable(status, ctx);
      expect(asked).toEqual([
        `Disable binding b1 (${b1.provider}/${b1.slot}) for good? LangWatch has no re-enable, and slot ${b1.slot} stays taken (bind again in another slot).`,
      ]);
      expect(backend.methods()).toEqual(answer ? ["bindings.get", "bindingDisable.disable"] : ["bindings.get"]);
      expect(ctx.io.err()).toBe(answer ? "✓ Disabled binding b1\n" : "Not disabled; nothing was changed.\n");
    }
  });

  it("disabling a disabled binding says so, exit 0, and sends no write", async () => {
    const backend = disabling({ ...b1, status: "disabled" as const });
    const ctx = fakeContext({ backend, io: fakeIO({ tty: true }) });
    await runDisable({ ...status, yes: true }, ctx);
    expect(backend.methods()).toEqual(["bindings.get"]);
    expect(ctx.io.err()).toBe(`Binding b1 (${b1.provider}/${b1.slot}) is already disabled; nothing was changed.\n`);
    expect(JSON.parse(ctx.io.out())).toMatchObject({ id: "b1", status: "disabled" });
  });

  it("disable on Bifrost and enable on LangWatch are usage errors with the descriptor's reason", async () => {
    await expect(runDisable(status, fakeContext({ backend: fakeBackend(bifrost, { bindings: {} }) }))).rejects.toEqual(
      usage("the bifrost backend does not support `gw providers disable`: Bifrost providers have no disabled state (only their keys do); delete the provider instead (see gw backends)"),
    );
    await expect(runEnable(status, fakeContext({ backend: fakeBackend(langwatch, { bindingEnable: {} }) }))).rejects.toEqual(
      usage("the langwatch backend does not support `gw providers enable`: LangWatch has no re-enable for a disabled binding; bind the provider in another slot (see gw backends)"),
    );
  });

  const deleting = () => fakeBackend(bifrost, { bindings: { get: async () => ({ ...b1, id: "openai" }) }, bindingDelete: { remove: async () => undefined } });
  const del = { id: "openai", yes: false, dryRun: false, quiet: false };

  it("asks on a terminal, then deletes", async () => {
    const backend = deleting();
    const { prompter, asked } = confirming(true);
    const ctx = fakeContext({ backend, prompter, io: fakeIO({ tty: true }) });
    await runDelete(del, ctx);
    expect(asked).toEqual(["Delete provider openai (openai) from bifrost? Traffic routed to it will fail."]);
    expect(backend.methods()).toEqual(["bindings.get", "bindingDelete.remove"]);
    expect(ctx.io.err()).toBe("✓ Deleted provider openai\n");
  });

  it("a no at the prompt changes nothing", async () => {
    const backend = deleting();
    const ctx = fakeContext({ backend, prompter: confirming(false).prompter, io: fakeIO({ tty: true }) });
    await runDelete(del, ctx);
    expect(backend.methods()).toEqual(["bindings.get"]);
    expect(ctx.io.err()).toBe("Not deleted; nothing was changed.\n");
  });

  it("--yes on a terminal and in a script deletes without asking; --quiet prints the id", async () => {
    for (const io of [fakeIO({ tty: true }), fakeIO()]) {
      const backend = deleting();
      const ctx = fakeContext({ backend, io });
      await runDelete({ ...del, yes: true, quiet: true }, ctx);
      expect(backend.calls).toEqual([{ method: "bindingDelete.remove", args: ["openai"] }]);
      expect(ctx.io.out()).toBe("openai\n");
    }
  });

  it("a script without --yes is a usage error and deletes nothing; a dry run needs no --yes", async () => {
    const backend = deleting();
    await expect(runDelete(del, fakeContext({ backend }))).rejects.toEqual(
      usage("--yes required to delete a provider when not running in a terminal; pass --yes to confirm"),
    );
    expect(backend.calls).toEqual([]);
    await runDelete({ ...del, dryRun: true }, fakeContext({ backend }));
    expect(backend.methods()).toContain("bindingDelete.remove");
  });

  it("LangWatch bindings cannot be deleted", async () => {
    await expect(runDelete({ ...del, yes: true }, fakeContext({ backend: fakeBackend(langwatch, { bindingDelete: {} }) }))).rejects.toEqual(
      usage("the langwatch backend does not support `gw providers delete`: LangWatch bindings cannot be deleted; use `gw providers disable` (see gw backends)"),
    );
  });
});
