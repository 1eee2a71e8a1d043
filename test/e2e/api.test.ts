import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[], input?: string) => runGw(args, { configDir, env, ...(input !== undefined ? { input } : {}) });

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => sandbox?.stop());

describe("gw api", () => {
  it("GETs a path with the profile's auth and prints the body", async () => {
    const r = await gw(["api", "get", "/api/gateway/v1/providers"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).data.length).toBeGreaterThan(0);
  });

  it("sends typed --field values as the JSON body", async () => {
    const list = JSON.parse((await gw(["api", "GET", "api/gateway/v1/providers"])).stdout).data as { id: string; slot: string }[];
    const target = list.find((b) => b.slot === "batch")!;
    const r = await gw(["api", "PATCH", `/api/gateway/v1/providers/${target.id}`, "-F", "rate_limit_rpm=77", "-f", "slot=night"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ provider_credential: { id: target.id } });
    const after = JSON.parse((await gw(["providers", "get", target.id, "--raw"])).stdout);
    expect(after).toMatchObject({ rate_limit_rpm: 77, slot: "night" });
  });

  it("reads the body from --input (file or stdin)", async () => {
    const list = JSON.parse((await gw(["api", "GET", "/api/gateway/v1/providers"])).stdout).data as { id: string }[];
    const file = join(configDir, "..", "body.json");
    writeFileSync(file, JSON.stringify({ rate_limit_tpm: 1000 }));
    expect((await gw(["api", "PATCH", `/api/gateway/v1/providers/${list[0]!.id}`, "--input", file])).exitCode).toBe(0);
    const viaStdin = await gw(["api", "PATCH", `/api/gateway/v1/providers/${list[0]!.id}`, "--input", "-"], '{"rate_limit_tpm": null}');
    expect(viaStdin.exitCode, viaStdin.stderr).toBe(0);
    expect(JSON.parse((await gw(["providers", "get", list[0]!.id, "--raw"])).stdout).rate_limit_tpm).toBeNull();
  });

  it("prints the error body on stdout and exits with the documented code", async () => {
    const r = await gw(["api", "POST", "/api/gateway/v1/providers", "-f", "model_provider_id=nope"]);
    expect(r.exitCode).toBe(4);
    expect(JSON.parse(r.stdout).error).toMatch(/ModelProvider not found/);
    expect(r.stderr).toMatch(/^error: POST \/api\/gateway\/v1\/providers: HTTP 404/);
  });

  it("--dry-run prints the request and sends nothing", async () => {
    const before = sandbox.log.length;
    const r = await gw(["api", "DELETE", "/api/gateway/v1/providers/abc", "--dry-run"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`DELETE ${sandbox.url}/api/gateway/v1/providers/abc`);
    expect(sandbox.log.slice(before)).toEqual([]);
  });

  it("refuses full URLs, bad methods and bad fields (exit 2)", async () => {
    expect((await gw(["api", "GET", "https://example.com/x"])).stderr).toMatch(/give a path, not a URL/);
    expect((await gw(["api", "FETCH", "/x"])).exitCode).toBe(2);
    expect((await gw(["api", "POST", "/x", "-F", "novalue"])).exitCode).toBe(2);
    expect((await gw(["api", "POST", "/x", "--input", "/nonexistent.json"])).stderr).toMatch(/no such file/);
  });
});
