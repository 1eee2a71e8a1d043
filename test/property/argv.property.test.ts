import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { fakeIO } from "../helpers/fake-io.js";

/**
 * Whatever a person or a script types, gw answers with a documented exit code, a message on stderr when it
 * fails, and never a stack trace (without --debug) or an "unexpected" exit 1. Arguments are drawn from gw's
 * own vocabulary mixed with junk, so the parser, the validators and the commands behind them all get hit.
 * Requests go to a closed loopback port (nothing listens), so network commands fail fast with exit 6.
 */
const DOCUMENTED = new Set([0, 2, 3, 4, 5, 6, 7, 10, 130]);

const WORDS = [
  "profile", "providers", "vk", "chain", "limits", "gateways", "export", "diff", "apply", "backends", "api", "completion",
  "list", "ls", "get", "bind", "update", "disable", "enable", "delete", "create", "rotate", "revoke", "set", "show", "zones",
  "add", "use", "remove", "bash", "zsh", "fish", "GET", "POST", "PATCH", "/api/gateway/v1/providers",
];
const FLAGS = [
  "--rpm", "--tpm", "--rpd", "--slot", "-o", "--output", "--json", "--raw", "--dry-run", "-q", "--quiet", "--yes", "--header",
  "--unset", "--timeout", "--profile", "--debug", "--provider", "--provider-id", "--model", "--clear-models", "--surface",
  "--zone", "--name", "--base-url", "--force", "-f", "--file", "--fallback-priority", "--rotation-policy", "--chain",
  "--concurrency", "--prune", "--exit-code", "--backend", "--auth", "--api-key-stdin", "--no-api-key", "--metadata",
  "--routing", "--wait", "--wait-timeout", "--field", "-F", "--input", "--ca-file", "--help", "-v",
];
const VALUES = ["", "0", "-1", "600", "1e3", "abc", "x=y", "=", "MANUAL", "json", "yaml", "table", "openai/chat-completions",
  "http://", "https://gw.example.com", "rpm", "headers", "\u001b[31mred", "ünïcode", "a".repeat(300), "-", "--", "null"];

const word = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES), fc.string({ maxLength: 12 }));

/** A real command followed by flag/value pairs: gets past the parser into validation and the commands. */
const COMMANDS = [
  ["providers", "list"], ["providers", "get", "b1"], ["providers", "bind"], ["providers", "update", "b1"], ["providers", "disable", "b1"],
  ["providers", "delete", "b1"], ["vk", "list"], ["vk", "create", "--name", "k"], ["vk", "revoke", "k1"], ["chain", "k1"],
  ["chain", "set", "k1", "b1"], ["limits"], ["gateways", "list"], ["gateways", "create"], ["backends"], ["profile", "add", "p"],
  ["profile", "show"], ["api", "GET", "/x"], ["diff", "-f", "missing.yaml"], ["export"], ["completion", "bash"],
];
const structured = fc
  .tuple(fc.constantFrom(...COMMANDS), fc.array(fc.tuple(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES)), { maxLength: 4 }))
  .map(([command, pairs]) => [...command, ...pairs.flat()]);
const argvWords = fc.oneof(fc.array(word, { minLength: 1, maxLength: 7 }), structured);

let env: Record<string, string>;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "gw-prop-"));
  process.chdir(dir); // `export --file x` writes relative to the working directory
  env = {
    GW_CONFIG_DIR: join(dir, "config"),
    GW_BACKEND: "langwatch",
    GW_BASE_URL: "http://127.0.0.1:9",
    GW_API_KEY: "sk-lw-property-0123456789abcdef",
  };
});

describe("argument parsing (property-based)", () => {
  it("always ends with a documented exit code, a message when it fails, and no stack trace", async () => {
    await fc.assert(
      fc.asyncProperty(argvWords, async (words) => {
        fc.pre(!words.includes("sandbox"));
        const argv = ["--retries", "0", "--timeout", "1", ...words];
        const io = fakeIO();
        const code = await main(argv, { io, env });
        const stderr = io.err();
        expect(DOCUMENTED.has(code), `exit ${code} for ${JSON.stringify(argv)}\n${stderr}`).toBe(true);
        if (code !== 0 && code !== 10) expect(stderr.trim(), JSON.stringify(argv)).not.toBe("");
        if (!words.includes("--debug")) expect(stderr, JSON.stringify(argv)).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        expect(io.out() + stderr).not.toContain(env.GW_API_KEY);
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});
