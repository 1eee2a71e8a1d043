import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rulesJson, stepHops, type RouterChain } from "../../src/domain/router-chain.js";

/** Issue 14 (layout): the backend-neutral domain names no backend's wire values; ngrok's module maps them. */
describe("src/domain/router-chain.ts", () => {
  it("holds no ngrok wire value in its code (comments may name ngrok)", () => {
    const code = readFileSync(new URL("../../src/domain/router-chain.ts", import.meta.url), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    expect(code).not.toMatch(/["'`]ngrok["'`]/);
  });

  it("a hosted step is labelled and named as the backend says", () => {
    const hosted = { type: "ngrok", label: "ngrok.ai inference" };
    const rules: RouterChain[] = [{ provider: "openai", model: null, steps: [{ type: "hosted", keys: [] }] }];
    expect(stepHops(rules[0]!.steps[0]!, hosted)).toEqual(["ngrok.ai inference"]);
    expect(rulesJson(rules, hosted)).toEqual([{ provider: "openai", model: null, steps: [{ type: "ngrok", keys: [] }] }]);
    expect(rulesJson(null, hosted)).toBeNull();
  });
});
