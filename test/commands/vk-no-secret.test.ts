import { describe, expect, it } from "vitest";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { runCreate, type CreateOptions } from "../../src/commands/vk/create.js";
import { runRotate } from "../../src/commands/vk/rotate.js";
import type { OutputChoice } from "../../src/output/format.js";
import { fakeBackend, issuedKey, virtualKey } from "../helpers/fake-backend.js";
import { fakeContext } from "../helpers/fake-context.js";

/** A server that answers a create or rotate without the secret (it reveals it elsewhere, once): success, said on stderr. */
const json: OutputChoice = { format: "json", raw: false };
const table: OutputChoice = { format: "table", raw: false };
const NO_SECRET =
  "warning: the server did not return the key's secret, so gw has none to show; look for it in the control plane's dashboard\n";

const opts = (over: Partial<CreateOptions> = {}): CreateOptions => ({
  input: { name: "checkout", chain: ["b1"] }, dryRun: false, quiet: false, flags: ["name", "chain"], output: table, ...over,
});
const secretless = () =>
  fakeBackend(langwatch, {
    virtualKeyWrites: { create: async () => issuedKey(virtualKey(), "") },
    virtualKeyRotate: { rotate: async () => issuedKey(virtualKey(), "") },
  });

describe("gw vk create / rotate when the server returns no secret", () => {
  it("a table prints nothing on stdout and says why on stderr", async () => {
    const ctx = fakeContext({ backend: secretless() });
    await runCreate(opts(), ctx);
    expect(ctx.io.out()).toBe("");
    expect(ctx.io.err()).toBe(`✓ Created virtual key vk1 (checkout)\n${NO_SECRET}`);
  });

  it("-o json prints secret: null", async () => {
    const ctx = fakeContext({ backend: secretless() });
    await runCreate(opts({ output: json }), ctx);
    expect(JSON.parse(ctx.io.out())).toEqual({ virtualKey: JSON.parse(JSON.stringify(virtualKey())), secret: null });
  });

  it("--quiet prints id<TAB> (an empty secret field), for create and rotate", async () => {
    const ctx = fakeContext({ backend: secretless() });
    await runCreate(opts({ quiet: true }), ctx);
    expect(ctx.io.out()).toBe("vk1\t\n");

    const rotated = fakeContext({ backend: secretless() });
    await runRotate({ id: "vk1", dryRun: false, quiet: true, output: table }, rotated);
    expect(rotated.io.out()).toBe("vk1\t\n");
    expect(rotated.io.err()).toBe(`✓ Rotated virtual key vk1 (checkout)\n${NO_SECRET}`);
  });
});

describe("name<TAB>secret lines carry no terminal controls (issue 14)", () => {
  it("an id with an escape sequence is printed without it", async () => {
    const { printIssuedKey } = await import("../../src/commands/vk/issued.js");
    const { fakeContext } = await import("../helpers/fake-context.js");
    const ctx = fakeContext();
    const key = { id: "vk\u001b[2J1", name: "n" } as never;
    await printIssuedKey(ctx, { format: "table", raw: false }, { key, secret: "sk-secret-\u001b]0;x\u0007value" }, "Created", true);
    expect(ctx.io.out()).toBe("vk1\tsk-secret-value\n");
  });
});
