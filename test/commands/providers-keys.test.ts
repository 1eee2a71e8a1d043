import { describe, expect, it } from "vitest";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { addCommand, runKeysAdd, type KeysAddOptions } from "../../src/commands/providers/keys/add.js";
import { runKeysList } from "../../src/commands/providers/keys/list.js";
import { runKeysRemove, type KeysRemoveOptions } from "../../src/commands/providers/keys/remove.js";
import { runKeysUpdate, updateCommand, type KeysUpdateOptions } from "../../src/commands/providers/keys/update.js";
import type { ProviderKey } from "../../src/domain/provider-key.js";
import { ExitCode } from "../../src/exit-codes.js";
import type { OutputChoice } from "../../src/output/format.js";
import { fakeBackend } from "../helpers/fake-backend.js";
import { fakeContext } from "../helpers/fake-context.js";
import { fakeIO } from "../helpers/fake-io.js";
import { parseOptions, confirming } from "../helpers/command-seam.js";

const json: OutputChoice = { format: "json", raw: false };
const table: OutputChoice = { format: "table", raw: false };
const usage = (message: string | RegExp) => expect.objectContaining({ exitCode: ExitCode.Usage, message: expect.stringMatching(message) });
const SECRET = "sk-proj-commandTestSecret0000000042";

const key = (over: Partial<ProviderKey> = {}): ProviderKey => ({
  id: "k1", backend: "bifrost", provider: "openai", name: "prod", weight: 0.7, models: ["gpt-4o"], enabled: true,
  createdAt: null, updatedAt: null, details: {}, ...over,
});

const addOpts = (over: Partial<KeysAddOptions> = {}): KeysAddOptions => ({
  provider: "openai", fields: { name: "prod" }, valueStdin: false, flags: ["name"], output: table, dryRun: false, quiet: false, ...over,
});
const updateOpts = (over: Partial<KeysUpdateOptions> = {}): KeysUpdateOptions => ({
  provider: "openai", id: "k1", patch: { weight: 0.5 }, valueStdin: false, flags: ["weight"], output: table, dryRun: false, quiet: false, ...over,
});
const removeOpts = (over: Partial<KeysRemoveOptions> = {}): KeysRemoveOptions => ({ provider: "openai", id: "k1", yes: false, dryRun: false, quiet: false, ...over });

describe("gw providers keys list", () => {
  it("prints the keys as a table or JSON, with no value column", async () => {
    const backend = fakeBackend(bifrost, { providerKeys: { listNeedsProvider: true, list: async () => [key(), key({ id: "k2", name: "backup", models: null, enabled: false, weight: null })] } });
    const ctx = fakeContext({ backend });
    await runKeysList({ provider: "openai", output: table }, ctx);
    expect(ctx.io.out()).toBe("ID\tPROVIDER\tNAME\tWEIGHT\tMODELS\tSTATUS\nk1\topenai\tprod\t0.7\tgpt-4o\tenabled\nk2\topenai\tbackup\t-\tall\tdisabled\n");
    expect(backend.calls).toEqual([{ method: "providerKeys.list", args: ["openai"] }]);
    const j = fakeContext({ backend });
    await runKeysList({ provider: "openai", output: json }, j);
    expect(JSON.parse(j.io.out())).toHaveLength(2);
  });

  it("needs a provider where keys are per provider (exit 2, nothing asked of the backend)", async () => {
    const backend = fakeBackend(bifrost, { providerKeys: { listNeedsProvider: true } });
    await expect(runKeysList({ output: table }, fakeContext({ backend }))).rejects.toEqual(usage(/^missing <provider>: the bifrost backend keeps keys per provider/));
    expect(backend.calls).toEqual([]);
  });

  it("a backend without provider keys is a usage error with its reason", async () => {
    await expect(runKeysList({ provider: "openai", output: table }, fakeContext({ backend: fakeBackend(langwatch) }))).rejects.toEqual(
      usage(/the langwatch backend does not support `gw providers keys list`: LangWatch keeps provider credentials/),
    );
  });
});

describe("gw providers keys add", () => {
  it("parses the flags; the value never comes from argv", async () => {
    const o = await parseOptions(addCommand, ["openai", "--name", "prod", "--value-stdin", "--weight", "0.5", "--model", "gpt-4o", "--model", "o1", "-q"]);
    expect(o).toMatchObject({ provider: "openai", fields: { name: "prod", weight: 0.5, models: ["gpt-4o", "o1"] }, valueStdin: true, quiet: true });
    await expect(parseOptions(addCommand, ["openai", "--name", "prod", "--value", SECRET])).rejects.toThrow(/unknown option '--value'/);
  });

  it("reads the value from stdin with --value-stdin (one line), and it joins the secrets at once", async () => {
    const add = async (_p: string, input: { value: string }) => key({ name: input.value === SECRET ? "prod" : "wrong" });
    const backend = fakeBackend(bifrost, { providerKeys: { add } });
    const ctx = fakeContext({ backend, io: fakeIO({ stdin: `${SECRET}\n` }) });
    await runKeysAdd(addOpts({ valueStdin: true, flags: ["name", "value-stdin"], fields: { name: "prod", weight: 0.5 } }), ctx);
    expect(backend.calls).toEqual([{ method: "providerKeys.add", args: ["openai", { name: "prod", value: SECRET, weight: 0.5 }] }]);
    expect(ctx.secrets).toContain(SECRET);
    expect(ctx.io.err()).toBe("✓ Added key k1 (prod) to provider openai\n");
    expect(ctx.io.out()).toMatch(/^ID: +k1$/m);
    expect(ctx.io.out() + ctx.io.err()).not.toContain(SECRET);
  });

  it("reads GW_PROVIDER_KEY without --value-stdin; -q prints the id alone", async () => {
    const backend = fakeBackend(bifrost, { providerKeys: { add: async () => key() } });
    const ctx = fakeContext({ backend, env: { GW_PROVIDER_KEY: ` ${SECRET} ` } });
    await runKeysAdd(addOpts({ quiet: true, fields: { name: "prod", models: ["gpt-4o"] } }), ctx);
    expect(backend.calls[0]!.args).toEqual(["openai", { name: "prod", value: SECRET, models: ["gpt-4o"] }]);
    expect(ctx.io.out()).toBe("k1\n");
  });

  it("refuses to add without a value, with an empty or multi-line stdin (exit 2, nothing sent)", async () => {
    const backend = fakeBackend(bifrost, { providerKeys: {} });
    await expect(runKeysAdd(addOpts(), fakeContext({ backend }))).rejects.toEqual(usage(/^the key's value is needed: pipe it with --value-stdin or set GW_PROVIDER_KEY/));
    await expect(runKeysAdd(addOpts({ valueStdin: true }), fakeContext({ backend, io: fakeIO({ stdin: " \n" }) }))).rejects.toEqual(usage("--value-stdin: stdin was empty"));
    await expect(runKeysAdd(addOpts({ valueStdin: true }), fakeContext({ backend, io: fakeIO({ stdin: "a\nb\n" }) }))).rejects.toEqual(
      usage("--value-stdin: the value must be a single line"),
    );
    expect(backend.calls).toEqual([]);
  });

  it("a server's key name with terminal controls is shown clean in the confirmation", async () => {
    const backend = fakeBackend(bifrost, { providerKeys: { add: async () => key({ name: "\u001b[31mred" }) } });
    const ctx = fakeContext({ backend, env: { GW_PROVIDER_KEY: SECRET } });
    await runKeysAdd(addOpts({ output: json }), ctx);
    expect(ctx.io.err()).toBe("✓ Added key k1 (red) to provider openai\n");
  });
});

describe("gw providers keys update", () => {
  it("parses --enable / --disable, and refuses both together", async () => {
    expect((await parseOptions(updateCommand, ["openai", "k1", "--disable"])).patch).toEqual({ enabled: false });
    expect((await parseOptions(updateCommand, ["openai", "k1", "--enable", "--model", "*"])).patch).toEqual({ enabled: true, models: ["*"] });
    await expect(parseOptions(updateCommand, ["openai", "k1", "--enable", "--disable"])).rejects.toThrow("--enable conflicts with --disable");
  });

  it("sends only the named fields; --value-stdin rotates the value, GW_PROVIDER_KEY alone does not", async () => {
    const backend = fakeBackend(bifrost, { providerKeys: { update: async () => key({ weight: 0.5 }) } });
    const ctx = fakeContext({ backend, env: { GW_PROVIDER_KEY: "sk-from-env-not-used-0000" } });
    await runKeysUpdate(updateOpts(), ctx);
    expect(backend.calls[0]!.args).toEqual(["openai", "k1", { weight: 0.5 }]);
    expect(ctx.io.err()).toBe("✓ Updated key k1 (prod) of provider openai\n");
    const rotate = fakeContext({ backend, io: fakeIO({ stdin: SECRET }) });
    await runKeysUpdate(updateOpts({ patch: {}, valueStdin: true, flags: ["value-stdin"], output: json }), rotate);
    expect(backend.calls[1]!.args).toEqual(["openai", "k1", { value: SECRET }]);
    expect(rotate.secrets).toContain(SECRET);
    expect(JSON.parse(rotate.io.out())).toMatchObject({ id: "k1", weight: 0.5 });
  });

  it("refuses an update that names nothing (exit 2, before the backend is asked)", async () => {
    await expect(runKeysUpdate(updateOpts({ patch: {}, flags: [] }), fakeContext())).rejects.toEqual(usage(/^nothing to update/));
  });
});

describe("gw providers keys remove", () => {
  it("needs --yes when not in a terminal (exit 2, nothing removed)", async () => {
    const backend = fakeBackend(bifrost, { providerKeys: {} });
    await expect(runKeysRemove(removeOpts(), fakeContext({ backend }))).rejects.toEqual(usage("--yes required to remove a key when not running in a terminal"));
    expect(backend.calls).toEqual([]);
  });

  it("--yes removes without asking; -q prints the id", async () => {
    const backend = fakeBackend(bifrost, { providerKeys: { remove: async () => undefined } });
    const ctx = fakeContext({ backend });
    await runKeysRemove(removeOpts({ yes: true, quiet: true }), ctx);
    expect(backend.calls).toEqual([{ method: "providerKeys.remove", args: ["openai", "k1"] }]);
    expect(ctx.io.out()).toBe("k1\n");
    expect(ctx.io.err()).toBe("✓ Removed key k1 from provider openai\n");
  });

  it("asks in a terminal: no keeps the key, yes removes it", async () => {
    const backend = fakeBackend(bifrost, { providerKeys: { remove: async () => undefined } });
    const no = confirming(false);
    const kept = fakeContext({ backend, io: fakeIO({ tty: true }), prompter: no.prompter });
    await runKeysRemove(removeOpts(), kept);
    expect(no.asked).toEqual(["Remove key k1 from provider openai? Requests it serves will use other keys or fail."]);
    expect(kept.io.err()).toBe("Not removed; nothing was changed.\n");
    expect(backend.calls).toEqual([]);
    const yes = confirming(true);
    await runKeysRemove(removeOpts(), fakeContext({ backend, io: fakeIO({ tty: true }), prompter: yes.prompter }));
    expect(backend.methods()).toEqual(["providerKeys.remove"]);
  });

  it("--dry-run needs no --yes (nothing is sent)", async () => {
    const backend = fakeBackend(bifrost, { providerKeys: { remove: async () => undefined } });
    await runKeysRemove(removeOpts({ dryRun: true }), fakeContext({ backend }));
    expect(backend.methods()).toEqual(["providerKeys.remove"]);
  });
});
