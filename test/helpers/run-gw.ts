import { execa, type Result } from "execa";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GW_BIN } from "./paths.js";

export interface GwRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A throw-away GW_CONFIG_DIR (not created yet, so tests see gw create it). */
export function tempConfigDir(): string {
  return join(mkdtempSync(join(tmpdir(), "gw-test-")), "config");
}

/**
 * Run the built `gw` binary the way a script would: no TTY, no inherited GW_* variables, its own
 * config dir, keys kept in the file (GW_KEYRING=0). `input` is piped to stdin (otherwise stdin is empty/closed).
 *
 * Every run is also a redaction check (issue 6): the API key in GW_API_KEY, and any `secrets` the test
 * names (a key piped to `profile add`), must never appear in stdout or stderr, --debug and --dry-run included.
 */
export async function runGw(
  args: string[],
  opts: { configDir: string; env?: Record<string, string>; input?: string; timeoutMs?: number; secrets?: string[] },
): Promise<GwRun> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith("GW_") && k !== "NO_COLOR" && k !== "CLICOLOR_FORCE") env[k] = v;
  }
  const result: Result = await execa("node", [GW_BIN, ...args], {
    // GW_KEYRING=0: a test never writes to the keychain of the person running it; test/e2e/keychain.test.ts
    // turns it back on inside a D-Bus session of its own.
    env: { ...env, GW_CONFIG_DIR: opts.configDir, GW_KEYRING: "0", ...opts.env },
    extendEnv: false,
    reject: false,
    input: opts.input ?? "",
    timeout: opts.timeoutMs ?? 20_000,
  });
  const run = { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  assertNoSecret(run, [opts.env?.GW_API_KEY, ...(opts.secrets ?? [])], args);
  return run;
}

/** Fails the test when a secret (or its base64, as Basic auth carries it) leaks into gw's output. */
export function assertNoSecret(run: GwRun, secrets: (string | undefined)[], args: string[]): void {
  const output = `${run.stdout}\n${run.stderr}`;
  for (const secret of secrets) {
    if (!secret || secret.length < 8) continue;
    for (const form of [secret, Buffer.from(secret).toString("base64")]) {
      if (output.includes(form)) throw new Error(`redaction: a secret appeared in the output of gw ${args.join(" ")}`);
    }
  }
}
