import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { bindCommand, type BindOptions } from "../../src/commands/providers/bind.js";
import { updateCommand, type UpdateOptions } from "../../src/commands/providers/update.js";
import type { Context } from "../../src/context.js";
import { fakeContext } from "../helpers/fake-context.js";

/** argv -> Options through the run seam: no backend involved. */
async function parse<T>(make: (ctx: Context, run: (o: T) => Promise<void>) => Command, argv: string[]): Promise<T> {
  let captured: T | undefined;
  const cmd = make(fakeContext(), async (o) => void (captured = o));
  cmd.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  await cmd.parseAsync(argv, { from: "user" });
  return captured!;
}

const bind = ["--provider-id", "p", "--name", "P", "--base-url", "https://p.example"];

describe("--model MODEL-ID[=UPSTREAM-ID] (ngrok providerModelId)", () => {
  it("a bare id stays a string; id=upstream and id= become specs; splits at the first =", async () => {
    const o = await parse<BindOptions>(bindCommand, [...bind, "--model", "llama3.2:8b", "--model", "llama3=meta-llama/Llama-3-8B", "--model", "x=a=b"]);
    expect(o.input.models).toEqual(["llama3.2:8b", { id: "llama3", upstream: "meta-llama/Llama-3-8B" }, { id: "x", upstream: "a=b" }]);
    const u = await parse<UpdateOptions>(updateCommand, ["p", "--model", "llama3=", "--model", " new = org/new "]);
    expect(u.patch.models).toEqual([{ id: "llama3", upstream: null }, { id: "new", upstream: "org/new" }]);
  });

  it("refuses a value without a model id", async () => {
    await expect(parse(bindCommand, [...bind, "--model", "=meta-llama/x"])).rejects.toThrow(
      'invalid value for --model: "=meta-llama/x" (expected MODEL-ID or MODEL-ID=UPSTREAM-ID)',
    );
    await expect(parse(bindCommand, [...bind, "--model", " "])).rejects.toThrow("invalid value for --model: must not be empty");
  });
});
