import { describe, expect, it } from "vitest";
import type { ChainView } from "../../src/backends/backend.js";
import { ngrok } from "../../src/backends/ngrok/index.js";
import { runChain } from "../../src/commands/chain/index.js";
import { runSet } from "../../src/commands/chain/set.js";
import type { AccessConfiguration } from "../../src/domain/router-chain.js";
import type { OutputChoice } from "../../src/output/format.js";
import { fakeBackend, virtualKey } from "../helpers/fake-backend.js";
import { fakeContext } from "../helpers/fake-context.js";
import { fakeIO } from "../helpers/fake-io.js";

const table: OutputChoice = { format: "table", raw: false };
const json: OutputChoice = { format: "json", raw: false };
const key = virtualKey({ id: "aigk_1", name: "web", backend: "ngrok", chain: null, providersAllowed: ["openai"], configuration: { id: "aigac_1", name: "Default" } });

const configuration: AccessConfiguration = {
  id: "aigac_1",
  name: "Default",
  description: null,
  metadata: null,
  scope: { providers: ["openai", "my-ollama"], models: [] },
  rules: null,
};
const rules = [
  {
    provider: "openai",
    model: null,
    steps: [
      { type: "user" as const, keys: [{ id: "aigpk_1", name: "main", keyRedacted: "sk-...aaaa" }, { id: "aigpk_2", name: "", keyRedacted: "" }] },
      { type: "hosted" as const, keys: [] },
    ],
  },
  { provider: null, model: "my-ollama:llama3.2", steps: [{ type: "user" as const, keys: [{ id: "aigpk_3", name: "lab", keyRedacted: "" }] }] },
];
const hosted = { type: "ngrok", label: "ngrok.ai inference" };
const view = (over: Partial<Extract<ChainView, { kind: "router" }>> = {}): ChainView => ({ kind: "router", key, configuration, sharedWith: ["aigk_2"], rules, hosted, ...over });
const showing = (v: ChainView) => fakeBackend(ngrok, { chains: { show: async () => v } });

describe("gw chain: ngrok router rules (kind router)", () => {
  it("one line per rule: its target, then its steps' keys in order and ngrok.ai inference", async () => {
    const ctx = fakeContext({ backend: showing(view()), io: fakeIO({ columns: 200 }) });
    await runChain({ id: "aigk_1", output: table }, ctx);
    expect(ctx.io.out().split("\n")).toEqual([
      "Access key aigk_1 (web)",
      "Configuration aigac_1 (Default), shared with access key aigk_2",
      "Access: providers openai, my-ollama; models none",
      "Router rules (steps in order; a model rule wins over a provider rule for the same upstream):",
      "1. provider openai: main (aigpk_1, sk-...aaaa) -> aigpk_2 (aigpk_2) -> ngrok.ai inference",
      "2. model my-ollama:llama3.2: lab (aigpk_3)",
      "Upstreams without a rule use ngrok's defaults (built-in providers go through ngrok.ai inference, user-defined ones fail until a rule with provider keys exists).",
      "",
    ]);
  });

  it("wraps a rule one hop per line when it does not fit the terminal", async () => {
    const ctx = fakeContext({ backend: showing(view()), io: fakeIO({ columns: 40 }) });
    await runChain({ id: "aigk_1", output: table }, ctx);
    const lines = ctx.io.out().split("\n");
    const at = lines.indexOf("1. provider openai:");
    expect(lines.slice(at, at + 4)).toEqual(["1. provider openai:", "       main (aigpk_1, sk-...aaaa)", "    -> aigpk_2 (aigpk_2)", "    -> ngrok.ai inference"]);
  });

  it("no configuration: one line saying so (allow-all, defaults); no rules: the defaults apply", async () => {
    const none = fakeContext({ backend: showing(view({ configuration: null, rules: null, sharedWith: [] })) });
    await runChain({ id: "aigk_1", output: table }, none);
    expect(none.io.out()).toBe(
      "Access key aigk_1 (web)\nNo access key configuration: allow-all scope and ngrok's default routing (built-in providers go through ngrok.ai inference, " +
        "user-defined ones fail until a rule with provider keys exists).\n",
    );
    const empty = fakeContext({ backend: showing(view({ rules: [], sharedWith: [], configuration: { ...configuration, scope: null } })) });
    await runChain({ id: "aigk_1", output: table }, empty);
    expect(empty.io.out().split("\n").slice(1, 4)).toEqual([
      "Configuration aigac_1 (Default)",
      "Access: allow-all (every provider and model)",
      "No router rules: ngrok's default routing applies (built-in providers go through ngrok.ai inference, user-defined ones fail until a rule with provider keys exists).",
    ]);
  });

  it("-o json: the key, its configuration, who shares it, the scope and the rules as records", async () => {
    const ctx = fakeContext({ backend: showing(view()) });
    await runChain({ id: "aigk_1", output: json }, ctx);
    expect(JSON.parse(ctx.io.out())).toEqual({
      virtualKeyId: "aigk_1",
      name: "web",
      configuration: { id: "aigac_1", name: "Default" },
      sharedWith: ["aigk_2"],
      access: { providers: ["openai", "my-ollama"], models: [] },
      // The hosted step under ngrok's name for it, as gw printed it before the domain named it `hosted`.
      rules: [{ ...rules[0], steps: [rules[0]!.steps[0], { type: "ngrok", keys: [] }] }, rules[1]],
    });
  });

  it("strips terminal controls a server put into names", async () => {
    const nasty = [{ provider: "open\u001b[2Jai", model: null, steps: [{ type: "user" as const, keys: [{ id: "k\u0007", name: "n\u001b]0;x\u0007", keyRedacted: "" }] }] }];
    const ctx = fakeContext({ backend: showing(view({ rules: nasty })), io: fakeIO({ columns: 200 }) });
    await runChain({ id: "aigk_1", output: table }, ctx);
    expect(ctx.io.out()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it("chain set hands the hops to the adapter and shows what it answers", async () => {
    const backend = fakeBackend(ngrok, { chainWrites: { set: async () => view({ sharedWith: [] }) } });
    const ctx = fakeContext({ backend, io: fakeIO({ columns: 200 }) });
    await runSet({ id: "aigk_1", bindingIds: ["openai", "main", "ngrok"], dryRun: false, quiet: false, output: table }, ctx);
    expect(backend.calls[0]).toEqual({ method: "chainWrites.set", args: ["aigk_1", ["openai", "main", "ngrok"]] });
    expect(ctx.io.out()).toContain("1. provider openai: main (aigpk_1, sk-...aaaa)");
  });
});
