import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[]) => runGw(args, { configDir, env });

// Transitions far longer than the wait: every --wait here expires.
beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "coreweave", "--transition-ms", "60000"]);
  env = { GW_BACKEND: "coreweave", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  expect(sandbox.contractViolations()).toEqual([]);
  await sandbox?.stop();
});

describe("--wait-timeout", () => {
  it("create: exits 6 saying the gateway was created but did not settle", async () => {
    const r = await gw(["gateways", "create", "--name", "slow", "--zone", "US-EAST-04A", "--wait", "--wait-timeout", "1"]);
    expect(r.exitCode).toBe(6);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error: gateway ([0-9a-f-]{36}) was created, but it did not settle within 1s \(status: creating\); follow it with gw gateways get \1$/m);
    const polls = sandbox.log.filter((l) => /^GET \/v1alpha1\/inference\/gateways\/[0-9a-f-]{36} 200/.test(l));
    expect(polls.length).toBeGreaterThanOrEqual(2);
  });

  it("update and delete: exit 6 the same way", async () => {
    const list = JSON.parse((await gw(["gateways", "list", "-o", "json"])).stdout) as { id: string; name: string }[];
    const chat = list.find((g) => g.name === "chat-prod")!;
    const updated = await gw(["gateways", "update", chat.id, "--routing", "path", "--wait", "--wait-timeout", "1"]);
    expect(updated.exitCode).toBe(6);
    expect(updated.stderr).toMatch(/was updated, but it did not settle within 1s \(status: updating\)/);
    const deleted = await gw(["gateways", "delete", chat.id, "--yes", "--wait", "--wait-timeout", "1"]);
    expect(deleted.exitCode).toBe(6);
    expect(deleted.stderr).toMatch(/was deleted, but it did not settle within 1s \(status: deleting\)/);
  });
});
