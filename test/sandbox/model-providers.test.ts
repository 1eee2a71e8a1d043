import { describe, expect, it } from "vitest";
import { PROVIDERS, sandbox } from "./helpers.js";

const MP = "/api/model-providers";

describe("GET /api/model-providers (research §2.6)", () => {
  it.each(["a", "b"] as const)("era %s: stored rows carry an id, registry defaults do not; keys are masked", async (era) => {
    const api = await sandbox({ langwatchEra: era });
    const r = await api.get(MP);
    expect(r.status).toBe(200);
    expect(r.body.openai).toMatchObject({ id: expect.any(String), provider: "openai", enabled: true, deploymentMapping: null });
    expect(r.body.openai.models.length).toBeGreaterThan(0);
    expect(r.body.gemini).toMatchObject({ id: expect.any(String), enabled: false });
    expect(r.body.bedrock).not.toHaveProperty("id");
    expect(r.body.bedrock).toMatchObject({ provider: "bedrock", enabled: false, customKeys: null });
    expect(r.body.openai.customKeys.OPENAI_API_KEY).toMatch(/^HAS_KEY•+$/);
    expect(r.body.azure.customKeys.AZURE_OPENAI_ENDPOINT).toBe("https://sandbox.openai.azure.com");
    expect(JSON.stringify(r.body)).not.toContain("sandbox-openai-key");
  });
});

describe("PUT /api/model-providers/{provider}", () => {
  it("stores a registry default (gaining an id), which can then be bound", async () => {
    const api = await sandbox({ seed: "empty" });
    const r = await api.put(`${MP}/bedrock`, { enabled: true, customKeys: { AWS_ACCESS_KEY_ID: "AKIA", AWS_REGION_NAME: "eu-west-1" } });
    expect(r.status).toBe(200);
    expect(r.body.bedrock).toMatchObject({ id: expect.any(String), enabled: true, customKeys: { AWS_ACCESS_KEY_ID: "HAS_KEY••••••••••••••••••••••••", AWS_REGION_NAME: "eu-west-1" } });
    expect(r.body.openai.id).toEqual(expect.any(String)); // the whole map comes back
    expect((await api.post(PROVIDERS, { model_provider_id: r.body.bedrock.id })).status).toBe(201);
  });

  it("enabling gemini lets it be bound; disabling openai makes binds fail with 500", async () => {
    const api = await sandbox();
    const gemini = (await api.put(`${MP}/gemini`, { enabled: true })).body.gemini;
    expect(gemini.enabled).toBe(true);
    expect((await api.post(PROVIDERS, { model_provider_id: gemini.id })).status).toBe(201);
    const openai = (await api.put(`${MP}/openai`, { enabled: false })).body.openai;
    expect((await api.post(PROVIDERS, { model_provider_id: openai.id, slot: "new" })).status).toBe(500);
  });

  it("keeps a stored secret when the masked placeholder is sent back", async () => {
    const api = await sandbox();
    const before = (await api.get(MP)).body.openai.customKeys;
    const r = await api.put(`${MP}/openai`, { enabled: true, customKeys: { ...before, OPENAI_BASE_URL: "https://proxy.example" } });
    expect(r.body.openai.customKeys).toEqual({ OPENAI_API_KEY: before.OPENAI_API_KEY, OPENAI_BASE_URL: "https://proxy.example" });
  });

  it("answers an unknown provider 400 {error} and a schema failure 422 flat validation_error", async () => {
    const api = await sandbox();
    const unknown = await api.put(`${MP}/nosuch`, { enabled: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ error: expect.stringContaining("nosuch") });
    const bad = await api.put(`${MP}/openai`, { customKeys: {} });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: "validation_error", message: expect.stringContaining("enabled") });
  });
});
