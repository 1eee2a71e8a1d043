import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--langwatch-era", "b"]);
  env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => sandbox?.stop());

describe("a LangWatch v3.4+ server (era b: bindings API answers 410)", () => {
  it.each([
    [["providers", "list"]],
    [["providers", "get", "abc"]],
    [["providers", "bind", "--provider", "mp_x"]],
    [["providers", "update", "abc", "--rpm", "600"]],
    [["providers", "disable", "abc", "--yes"]],
  ])("`gw %j` says in one line that the dashboard manages these settings (exit 5)", async (args) => {
    const r = await runGw(args, { configDir, env });
    expect(r.exitCode).toBe(5);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: .*this LangWatch server \(v3\.4 or later\) manages .* in its dashboard/);
    expect(lines[0]).toMatch(/410 gateway_provider_bindings_gone/);
    expect(r.stdout).toBe("");
  });
});
