import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBifrostSandbox } from "../../src/sandbox/bifrost/index.js";
import type { BackendInit } from "../../src/sandbox/backend.js";
import { contractPath } from "../../src/sandbox/contract.js";
import { startEmulator } from "../helpers/emulators.js";
import { bifrost, KEY } from "./bifrost-helpers.js";

const init = (over: Partial<BackendInit> = {}): BackendInit => ({
  apiKey: KEY, seed: "demo", langwatchEra: "a", bifrostVersion: "1.5", bifrostAuth: "bearer", transitionMs: 0, ...over,
});

const contractDoc = JSON.parse(readFileSync(contractPath("bifrost"), "utf8"));

describe("contracts/bifrost.openapi.json", () => {
  it("is OpenAPI 3.1 without the 3.0 nullable keyword, and marks what the shared spec lacks", () => {
    expect(contractDoc.openapi).toBe("3.1.0");
    expect(JSON.stringify(contractDoc)).not.toContain('"nullable"');
    expect(contractDoc.paths["/api/version"].get.security).toEqual([]); // public
    expect(contractDoc.components.schemas.ConfigResponse.properties).not.toHaveProperty("version");
    expect(contractDoc.components.schemas.UpdateProviderRequestV14["x-gw-source"]).toMatch(/research §2.5/);
  });

  it("describes every route the sandbox serves, in every generation", () => {
    for (const version of ["1.4", "1.5", "2"] as const) {
      const sb = createBifrostSandbox(init({ bifrostVersion: version }));
      const missing = sb.routes.filter((r) => !sb.contract!.has(r.method, r.path)).map((r) => `${r.method} ${r.path}`);
      expect(missing, `v${version}`).toEqual([]);
    }
  });

  it("answers every seeded read in the documented response shape", async () => {
    const api = await bifrost();
    const contract = createBifrostSandbox(init()).contract!;
    const vk = (await api.get("/api/governance/virtual-keys")).body.virtual_keys[0].id;
    const rule = (await api.get("/api/governance/routing-rules")).body.rules[0].id;
    const key = (await api.get("/api/providers/openai/keys")).body.keys[0].id;
    const reads: [string, string][] = [
      ["/api/version", "/api/version"],
      ["/api/config", "/api/config"],
      ["/api/providers", "/api/providers"],
      ["/api/providers/:provider", "/api/providers/azure"],
      ["/api/providers/:provider/keys", "/api/providers/openai/keys"],
      ["/api/providers/:provider/keys/:key_id", `/api/providers/openai/keys/${key}`],
      ["/api/keys", "/api/keys"],
      ["/api/governance/providers", "/api/governance/providers"],
      ["/api/governance/virtual-keys", "/api/governance/virtual-keys"],
      ["/api/governance/virtual-keys/:vk_id", `/api/governance/virtual-keys/${vk}`],
      ["/api/governance/routing-rules", "/api/governance/routing-rules"],
      ["/api/governance/routing-rules/:rule_id", `/api/governance/routing-rules/${rule}`],
      ["/api/governance/budgets", "/api/governance/budgets"],
      ["/api/governance/rate-limits", "/api/governance/rate-limits"],
      ["/api/providers/:provider", "/api/providers/nope"],
    ];
    for (const [route, path] of reads) {
      const r = await api.get(path);
      expect(contract.checkResponse("GET", route, r.status, r.body), `${path} ${r.status}`).toBeUndefined();
    }
    const v2 = await bifrost({ bifrostVersion: "2" });
    const v2Contract = createBifrostSandbox(init({ bifrostVersion: "2" })).contract!;
    const v2Key = (await v2.get("/api/governance/virtual-keys")).body.virtual_keys[4].id;
    const v2Rule = (await v2.get("/api/routing/rules")).body.rules[0].id;
    for (const [route, path] of [
      ["/api/version", "/api/version"],
      ["/api/routing/rules", "/api/routing/rules"],
      ["/api/routing/rules/:rule_id", `/api/routing/rules/${v2Rule}`],
      ["/api/governance/routing-rules", "/api/governance/routing-rules"],
      ["/api/governance/virtual-keys", "/api/governance/virtual-keys"],
      ["/api/governance/virtual-keys/:vk_id", `/api/governance/virtual-keys/${v2Key}`],
      ["/api/providers/:provider", "/api/providers/openai"],
    ] as const) {
      const r = await v2.get(path);
      expect(v2Contract.checkResponse("GET", route, r.status, r.body), `v2 ${path} ${r.status}`).toBeUndefined();
    }
    const v14 = await bifrost({ bifrostVersion: "1.4" });
    const openai = await v14.get("/api/providers/openai");
    expect(createBifrostSandbox(init({ bifrostVersion: "1.4" })).contract!.checkResponse("GET", "/api/providers/:provider", 200, openai.body)).toBeUndefined();
  });

  it("refuses a request the contract refuses, in Bifrost's 400 body, and logs it", async () => {
    const api = await bifrost();
    const r = await api.put("/api/providers/openai", { network_config: {}, concurrency_and_buffer_size: { concurrency: "ten", buffer_size: 10 } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ is_bifrost_error: false, status_code: 400, error: { message: "Invalid request: body.concurrency_and_buffer_size.concurrency must be integer" } });
    expect(api.violations()).toEqual(["contract: PUT /api/providers/openai: body.concurrency_and_buffer_size.concurrency must be integer"]);
    expect((await api.call("POST", "/api/providers", "{not json")).body.error.message).toMatch(/^Invalid JSON/);
  });

  it("v1.4 takes keys on the provider PUT, which the v1.5 contract refuses", async () => {
    const api = await bifrost({ bifrostVersion: "1.4" });
    const r = await api.put("/api/providers/anthropic", { network_config: {}, concurrency_and_buffer_size: { concurrency: 1, buffer_size: 1 }, keys: [{ value: "sk-ant-a-brand-new-key-0001" }] });
    expect(r.status).toBe(200);
    expect(api.violations()).toEqual([]);
  });
});

describe("Bifrost sandbox seeds and state", () => {
  it("seeds N custom providers, each with a key and a virtual key; empty seeds nothing", async () => {
    const many = await bifrost({ seed: 3 });
    expect((await many.get("/api/providers")).body.providers.map((p: { name: string }) => p.name)).toEqual(["provider-001", "provider-002", "provider-003"]);
    expect((await many.get("/api/governance/virtual-keys")).body.count).toBe(3);
    const empty = await bifrost({ seed: "empty" });
    expect((await empty.get("/api/providers")).body).toEqual({ providers: [], total: 0 });
  });

  it("the demo seed is the same on every run (docs and tests can name its ids)", () => {
    const a = createBifrostSandbox(init()).snapshot() as { virtualKeys: { id: string; value: string }[] };
    const b = createBifrostSandbox(init()).snapshot() as { virtualKeys: { id: string; value: string }[] };
    expect(a.virtualKeys.map((k) => k.id)).toEqual(b.virtualKeys.map((k) => k.id));
  });

  it("saves every change to --state and loads it back; refuses the other generation's file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "gw-bifrost-")), "state.json");
    const api = await bifrost({ stateFile: file });
    await api.post("/api/providers", { provider: "mistral" });
    await api.sb.close();
    const again = await bifrost({ stateFile: file });
    expect((await again.get("/api/providers/mistral")).status).toBe(200);
    await again.sb.close();
    await expect(startEmulator({ backend: "bifrost", apiKey: KEY, stateFile: file, bifrostVersion: "1.4" })).rejects.toThrow(/v1.5 sandbox, but v1.4 was asked for/);
  });
});
