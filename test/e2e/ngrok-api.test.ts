import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

// gw api sends exactly what it is given, so this is the one place an invalid body reaches the sandbox:
// it must be refused the way ngrok's schema (additionalProperties: false) refuses it.
let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[]) => runGw(args, { configDir, env });

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "ngrok", "--seed", "empty"]);
  env = { GW_BACKEND: "ngrok", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  // Exactly the one deliberate violation below.
  expect(sandbox.contractViolations()).toEqual(["contract: POST /providers: body must NOT have additional properties (region)"]);
  await sandbox?.stop();
});

describe("gw api against the ngrok sandbox", () => {
  it("POST /providers with an unknown field is refused like the real API (400, exit 5), and nothing is created", async () => {
    const r = await gw(["api", "POST", "/providers", "-f", "providerId=x", "-f", "name=X", "-f", "baseUrl=https://x.example.com", "-f", "region=eu"]);
    expect(r.exitCode).toBe(5);
    expect(JSON.parse(r.stdout)).toEqual({
      statusCode: 400,
      msg: "invalid request: body must NOT have additional properties (region)",
      details: { problems: "body must NOT have additional properties (region)" },
    });
    expect(r.stderr).toMatch(/^error: POST \/providers: HTTP 400 Bad Request: invalid request: body must NOT have additional properties \(region\)/);
    const list = await gw(["api", "GET", "/providers"]);
    expect(JSON.parse(list.stdout).aiGatewayProviders).toEqual([]);
  });

  it("the same body without the unknown field is created (201)", async () => {
    const r = await gw(["api", "POST", "/providers", "-f", "providerId=x", "-f", "name=X", "-f", "baseUrl=https://x.example.com"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ providerId: "x", models: [] });
  });
});
