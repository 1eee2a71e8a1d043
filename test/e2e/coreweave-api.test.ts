import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[], input?: string) => runGw(args, { configDir, env, ...(input !== undefined ? { input } : {}) });

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "coreweave", "--transition-ms", "100"]);
  env = { GW_BACKEND: "coreweave", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => sandbox?.stop());

describe("gw api against the CoreWeave sandbox", () => {
  it("GETs with the Bearer token", async () => {
    const r = await gw(["api", "GET", "/v1alpha1/inference/gateways/parameters"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).zones).toContain("US-EAST-04A");
  });

  it("a body the contract refuses (two auth types) is answered 400 INVALID_ARGUMENT and logged", async () => {
    const body = { name: "x", zones: ["US-EAST-04A"], coreWeaveAuth: {}, weightsAndBiasesAuth: { apiKey: "k" }, pathBasedRouting: {} };
    const r = await gw(["api", "POST", "/v1alpha1/inference/gateways", "--input", "-"], JSON.stringify(body));
    expect(r.exitCode).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: 3, details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest" }] });
    expect(sandbox.contractViolations()).toEqual(["contract: POST /v1alpha1/inference/gateways: body must match exactly one schema in oneOf"]);
    expect(JSON.parse((await gw(["api", "GET", "/v1alpha1/inference/gateways"])).stdout).items).toHaveLength(3);
  });
});
