import { describe, expect, it } from "vitest";
import { bindCommand, type BindOptions } from "../../src/commands/providers/bind.js";
import { updateCommand, type UpdateOptions } from "../../src/commands/providers/update.js";
import { parseOptions } from "../helpers/command-seam.js";

const bind = ["--provider-id", "p", "--name", "P", "--base-url", "https://p.example"];

describe("--model MODEL-ID[=UPSTREAM-ID] (ngrok providerModelId)", () => {
  it("a bare id stays a string; id=upstream and id= become specs; splits at the first =", async () => {
    const o = await parseOptions<BindOptions>(bindCommand, [...bind, "--model", "llama3.2:8b", "--model", "llama3=meta-llama/Llama-3-8B", "--model", "x=a=b"]);
    expect(o.input.models).toEqual(["llama3.2:8b", { id: "llama3", upstream: "meta-llama/Llama-3-8B" }, { id: "x", upstream: "a=b" }]);
    const u = await parseOptions<UpdateOptions>(updateCommand, ["p", "--model", "llama3=", "--model", " new = org/new "]);
    expect(u.patch.models).toEqual([{ id: "llama3", upstream: null }, { id: "new", upstream: "org/new" }]);
  });

  it("refuses a value without a model id", async () => {
    await expect(parseOptions(bindCommand, [...bind, "--model", "=meta-llama/x"])).rejects.toThrow(
      'invalid value for --model: "=meta-llama/x" (expected MODEL-ID or MODEL-ID=UPSTREAM-ID)',
    );
    await expect(parseOptions(bindCommand, [...bind, "--model", " "])).rejects.toThrow("invalid value for --model: must not be empty");
  });
});
