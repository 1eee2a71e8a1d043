import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { coreweave } from "../../src/backends/coreweave/index.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { ngrok } from "../../src/backends/ngrok/index.js";
import { rotateCommand, runKeysRotate, type KeysRotateOptions } from "../../src/commands/providers/keys/rotate.js";
import type { Context } from "../../src/context.js";
import type { ProviderKey } from "../../src/domain/provider-key.js";
import { ExitCode } from "../../src/exit-codes.js";
import type { OutputChoice } from "../../src/output/format.js";
import { fakeBackend } from "../helpers/fake-backend.js";
import { fakeContext } from "../helpers/fake-context.js";
import { fakeIO } from "../helpers/fake-io.js";

const json: OutputChoice = { format: "json", raw: false };
const table: OutputChoice = { format: "table", raw: false };
const usage = (message: string | RegExp) => expect.objectContaining({ exitCode: ExitCode.Usage, message: expect.stringMatching(message) });
const SECRET = "sk-ngrok-rotateTestSecret00000000042";

const key = (over: Partial<ProviderKey> = {}): ProviderKey => ({
  id: "aigpk_1", backend: "ngrok", provider: "my-ollama", name: "ollama-bearer", weight: null, models: null, enabled: true,
  createdAt: "2026-06-01T09:25:00Z", updatedAt: "2026-12-01T10:00:00Z", details: { uri: null }, ...over,
});

const opts = (over: Partial<KeysRotateOptions> = {}): KeysRotateOptions => ({
  provider: "my-ollama", id: "aigpk_1", valueStdin: false, output: table, dryRun: false, quiet: false, ...over,
});

/** argv -> options through the run seam: no backend involved. */
async function parse(argv: string[]): Promise<KeysRotateOptions> {
  let captured: KeysRotateOptions | undefined;
  const make = (ctx: Context) => rotateCommand(ctx, async (o) => void (captured = o));
  const cmd: Command = make(fakeContext());
  cmd.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  await cmd.parseAsync(argv, { from: "user" });
  return captured!;
}

describe("gw providers keys rotate", () => {
  it("parses <provider> <key-id>, --value-stdin and the write and output flags; no value on argv", async () => {
    expect(await parse(["my-ollama", "aigpk_1", "--value-stdin", "-q", "--dry-run", "-o", "json"])).toEqual({
      provider: "my-ollama", id: "aigpk_1", valueStdin: true, output: json, dryRun: true, quiet: true,
    });
    await expect(parse(["my-ollama", "aigpk_1", "--value", SECRET])).rejects.toThrow(/unknown option '--value'/);
    await expect(parse(["my-ollama"])).rejects.toThrow(/missing required argument 'key-id'/);
  });

  it("the value from stdin goes to the part; the note and the table never show it", async () => {
    const backend = fakeBackend(ngrok, { providerKeyRotate: { rotate: async () => key() } });
    const ctx = fakeContext({ backend, io: fakeIO({ stdin: `${SECRET}\n` }) });
    await runKeysRotate(opts({ valueStdin: true }), ctx);
    expect(backend.calls).toEqual([{ method: "providerKeyRotate.rotate", args: ["my-ollama", "aigpk_1", SECRET] }]);
    expect(ctx.io.err()).toBe("✓ Rotated key aigpk_1 (ollama-bearer) of provider my-ollama\n");
    expect(ctx.io.out()).toMatch(/^ID: +aigpk_1\nProvider: +my-ollama\nName: +ollama-bearer\n/);
    expect(`${ctx.io.out()}${ctx.io.err()}`).not.toContain(SECRET);
    // The value is a secret of the context from the moment it is read: any later message masks it.
    expect(ctx.secrets).toContain(SECRET);
  });

  it("GW_PROVIDER_KEY without --value-stdin; -q prints only the id; -o json the record", async () => {
    const backend = fakeBackend(ngrok, { providerKeyRotate: { rotate: async () => key() } });
    const quiet = fakeContext({ backend, env: { GW_PROVIDER_KEY: ` ${SECRET} ` } });
    await runKeysRotate(opts({ quiet: true }), quiet);
    expect(backend.calls[0]!.args).toEqual(["my-ollama", "aigpk_1", SECRET]);
    expect(quiet.io.out()).toBe("aigpk_1\n");
    const j = fakeContext({ backend, env: { GW_PROVIDER_KEY: SECRET } });
    await runKeysRotate(opts({ output: json }), j);
    expect(JSON.parse(j.io.out())).toEqual(key());
  });

  it("a name with terminal controls is printed on one line without them", async () => {
    const backend = fakeBackend(ngrok, { providerKeyRotate: { rotate: async () => key({ name: "evil\u001b[2J\nname" }) } });
    const ctx = fakeContext({ backend, env: { GW_PROVIDER_KEY: SECRET } });
    await runKeysRotate(opts({ quiet: true }), ctx);
    expect(ctx.io.err()).not.toMatch(/\u001b/);
    expect(ctx.io.err().trim().split("\n")).toHaveLength(1);
  });

  it("no value: exit 2, never asking the backend; an empty or multi-line stdin: exit 2", async () => {
    const backend = fakeBackend(ngrok, { providerKeyRotate: {} });
    await expect(runKeysRotate(opts(), fakeContext({ backend }))).rejects.toEqual(
      usage(/^the key's value is needed: pipe it with --value-stdin or set GW_PROVIDER_KEY \(never on the command line\)$/),
    );
    await expect(runKeysRotate(opts({ valueStdin: true }), fakeContext({ backend, io: fakeIO({ stdin: "\n" }) }))).rejects.toEqual(usage(/stdin was empty/));
    await expect(runKeysRotate(opts({ valueStdin: true }), fakeContext({ backend, io: fakeIO({ stdin: "a-line\nanother-line" }) }))).rejects.toEqual(
      usage(/single line/),
    );
    expect(backend.calls).toEqual([]);
  });

  it("backends without rotation refuse with their reason (exit 2) before reading the value", async () => {
    const reasons: [typeof bifrost | typeof langwatch | typeof coreweave, RegExp][] = [
      [bifrost, /^the bifrost backend does not support `gw providers keys rotate`: update the value with `gw providers keys update --value-stdin`/],
      [langwatch, /^the langwatch backend does not support `gw providers keys rotate`: LangWatch keeps provider credentials in its dashboard/],
      [coreweave, /^the coreweave backend does not support `gw providers keys rotate`: CoreWeave/],
    ];
    for (const [info, reason] of reasons) {
      const io = fakeIO({ stdin: SECRET });
      const ctx = fakeContext({ backend: fakeBackend(info, { providerKeyRotate: { rotate: async () => key() } }), io });
      await expect(runKeysRotate(opts({ valueStdin: true }), ctx)).rejects.toEqual(usage(reason));
      expect(ctx.secrets).toEqual([]); // stdin was not read
    }
  });

  it("a failure of the part reaches the caller as is (its exit code)", async () => {
    const { NotFoundError } = await import("../../src/errors.js");
    const backend = fakeBackend(ngrok, {
      providerKeyRotate: { rotate: async () => Promise.reject(new NotFoundError("rotate provider key aigpk_1: provider x has no key aigpk_1")) },
    });
    await expect(runKeysRotate(opts({ provider: "x" }), fakeContext({ backend, env: { GW_PROVIDER_KEY: SECRET } }))).rejects.toMatchObject({
      exitCode: ExitCode.NotFound,
    });
  });
});
