import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";

/** Issue 14: a key gw could not send as a header, or that is not a key at all, is refused before it is stored. */
const add = ["profile", "add", "p", "--base-url", "https://gw.example.com"];

describe("gw profile add refuses malformed keys (exit 2), naming the rule, never the key", () => {
  const cases: [string, string, RegExp][] = [
    ["a control character", "sk-lw-abc\u0007def-0123456789", /the API key has a control character at position 10; keys are printable ASCII/],
    ["an escape sequence", "sk-lw-\u001b[31mred-0123456789", /control character at position 7/],
    ["a non-ASCII character", "sk-lw-ключ-0123456789", /the API key has a non-ASCII character at position 7; keys are printable ASCII/],
    ["more than 4096 characters", `sk-lw-${"a".repeat(4100)}`, /the API key is 4106 characters long; at most 4096 are accepted/],
  ];
  for (const [what, key, message] of cases) {
    it(`with ${what}, from stdin`, async () => {
      const configDir = tempConfigDir();
      const r = await runGw([...add, "--api-key-stdin"], { configDir, input: key, secrets: [key] });
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^error: --api-key-stdin: /);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(existsSync(join(configDir, "config.json"))).toBe(false);
    });
    it(`with ${what}, from GW_API_KEY`, async () => {
      const configDir = tempConfigDir();
      const r = await runGw(add, { configDir, env: { GW_API_KEY: key } });
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^error: GW_API_KEY: /);
      expect(existsSync(join(configDir, "config.json"))).toBe(false);
    });
  }

  it("accepts a key of exactly 4096 printable ASCII characters", async () => {
    const configDir = tempConfigDir();
    const key = `sk-lw-${"x".repeat(4090)}`;
    const r = await runGw([...add, "--api-key-stdin"], { configDir, input: `${key}\n`, secrets: [key] });
    expect(r.exitCode, r.stderr).toBe(0);
  });
});
