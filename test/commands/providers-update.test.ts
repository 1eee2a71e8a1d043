import { describe, expect, it } from "vitest";
import type { Backend } from "../../src/backends/backend.js";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { langwatch as langwatchInfo } from "../../src/backends/langwatch/index.js";
import { runUpdate, updateCommand, type UpdateOptions } from "../../src/commands/providers/update.js";
import type { Binding, BindingPatch } from "../../src/domain/binding.js";
import { fakeContext } from "../helpers/fake-context.js";
import { fakeIO } from "../helpers/fake-io.js";

const binding: Binding = {
  id: "b1", backend: "langwatch", provider: "openai", providerId: "mp_1", slot: "primary", rpm: 600, tpm: null,
  rpd: null, fallbackPriority: 10, rotationPolicy: "MANUAL", health: "healthy", status: "active", disabledAt: null,
  createdAt: "2026-05-01T10:00:00.000Z",
};

/** argv -> UpdateOptions through the run seam (no backend involved). */
async function parse(argv: string[]): Promise<UpdateOptions> {
  let captured: UpdateOptions | undefined;
  const cmd = updateCommand(fakeContext(), async (opts) => {
    captured = opts;
  });
  cmd.exitOverride();
  await cmd.parseAsync(argv, { from: "user" });
  return captured!;
}

describe("gw providers update: argv -> options", () => {
  it("collects only the named fields and the flags given", async () => {
    const opts = await parse(["b1", "--rpm", "600", "--unset", "tpm,rpd", "--header", "A=1", "--header", "B=2"]);
    expect(opts.id).toBe("b1");
    expect(opts.patch).toEqual({ rpm: 600, tpm: null, rpd: null, headers: { A: "1", B: "2" } });
    expect(opts.flags.sort()).toEqual(["header", "rpm", "unset"]);
    expect(opts.output).toEqual({ format: "table", raw: false });
  });

  it("--unset headers clears the header set", async () => {
    expect((await parse(["b1", "--unset", "headers", "--unset", "fallback-priority"])).patch).toEqual({ headers: null, fallbackPriority: null });
  });

  it("refuses a field both set and cleared", async () => {
    await expect(parse(["b1", "--rpm", "5", "--unset", "rpm"])).rejects.toThrow("--unset rpm conflicts with --rpm");
  });
});

describe("gw providers update: run", () => {
  function backendRecording(calls: BindingPatch[]): Backend {
    const unused = () => Promise.reject(new Error("unused"));
    return {
      info: langwatchInfo,
      bindings: {
        list: async () => [binding],
        pages: async function* () {
          yield [binding];
        },
        get: async () => binding,
        bind: unused,
        writes: { bind: unused, update: unused },
        update: async (_id, patch) => {
          calls.push(patch);
          return { ...binding, ...(patch.rpm !== undefined ? { rpm: patch.rpm } : {}) };
        },
      },
    };
  }

  it("prints the updated record on stdout and a confirmation on stderr", async () => {
    const calls: BindingPatch[] = [];
    const ctx = fakeContext({ io: fakeIO(), backend: backendRecording(calls) });
    await runUpdate({ id: "b1", patch: { rpm: 900 }, flags: ["rpm"], output: { format: "json", raw: false } }, ctx);
    expect(calls).toEqual([{ rpm: 900 }]);
    expect(JSON.parse(ctx.io.out())).toMatchObject({ id: "b1", rpm: 900 });
    expect(ctx.io.err()).toBe("✓ Updated binding b1: rpm 900\n");
  });

  it("refuses a flag the backend cannot honour before sending anything", async () => {
    const calls: BindingPatch[] = [];
    const backend = { ...backendRecording(calls), info: bifrost };
    const ctx = fakeContext({ backend });
    await expect(
      runUpdate({ id: "b1", patch: { fallbackPriority: 5 }, flags: ["fallback-priority"], output: { format: "json", raw: false }, force: false, dryRun: false, quiet: false }, ctx),
    ).rejects.toThrow(/bifrost backend does not support --fallback-priority/);
    expect(calls).toEqual([]);
  });
});
