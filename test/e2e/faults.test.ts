import { afterEach, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

let sandbox: SandboxProcess | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const envFor = (s: SandboxProcess) => ({ GW_BACKEND: "langwatch", GW_BASE_URL: s.url, GW_API_KEY: s.apiKey });

describe("retries and fault injection", () => {
  it("retries a GET on 503 and gives up with exit 6, saying how many attempts", async () => {
    sandbox = await startSandboxProcess(["--fail-rate", "1"]);
    const r = await runGw(["providers", "list", "--retries", "2"], { configDir: tempConfigDir(), env: envFor(sandbox) });
    expect(r.exitCode).toBe(6);
    expect(r.stderr).toMatch(/retrying in .*attempt 2\/3/);
    expect(r.stderr.trim().split("\n").at(-1)).toMatch(/^error: list bindings: .*503/);
    expect(sandbox.log.filter((l) => l.startsWith("GET /api/gateway/v1/providers")).length).toBe(3);
  });

  it("does not retry a PATCH that failed with 503 (it may have been applied)", async () => {
    sandbox = await startSandboxProcess(["--fail-rate", "1"]);
    const r = await runGw(["providers", "update", "abc", "--rpm", "5"], { configDir: tempConfigDir(), env: envFor(sandbox) });
    expect(r.exitCode).toBe(6);
    expect(sandbox.log.filter((l) => l.startsWith("PATCH")).length).toBe(1);
  });

  it("honours Retry-After on 429 and exits 7 when the budget runs out", async () => {
    sandbox = await startSandboxProcess(["--rate-limit", "1"]);
    const env = envFor(sandbox);
    const configDir = tempConfigDir();
    // The first request takes the only token; the next ones wait for Retry-After (1 s) and succeed.
    const ok = await runGw(["providers", "list", "-o", "json"], { configDir, env });
    expect(ok.exitCode, ok.stderr).toBe(0);
    const burst = await Promise.all([1, 2, 3].map(() => runGw(["providers", "list", "--retries", "0"], { configDir, env })));
    const limited = burst.filter((r) => r.exitCode === 7);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.stderr).toMatch(/rate limited \(HTTP 429\)/);
    const retried = await runGw(["providers", "list", "--retries", "3"], { configDir, env });
    expect(retried.exitCode, retried.stderr).toBe(0);
  });

  it("times out slow responses with --timeout (exit 6)", async () => {
    sandbox = await startSandboxProcess(["--latency", "3000"]);
    const started = Date.now();
    const r = await runGw(["providers", "list", "--timeout", "1", "--retries", "0"], { configDir: tempConfigDir(), env: envFor(sandbox) });
    expect(r.exitCode).toBe(6);
    expect(r.stderr).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(2900);
  });
});
