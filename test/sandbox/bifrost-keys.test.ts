import { describe, expect, it } from "vitest";
import { bifrost, errorBody } from "./bifrost-helpers.js";

const keys = (p: string) => `/api/providers/${p}/keys`;

describe("Bifrost sandbox: provider keys (v1.5)", () => {
  it("creates a key with a generated id, enabled, deny-by-default models, and answers it redacted", async () => {
    const api = await bifrost();
    const r = await api.post(keys("anthropic"), { name: "anthropic-second", value: "sk-ant-new-secret-value-0042" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: "anthropic-second", enabled: true, models: [], value: { value: "sk-a************************0042", env_var: "", from_env: false } });
    expect(r.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await api.get(keys("anthropic"))).body.total).toBe(2);
    expect(JSON.stringify((await api.get("/api/keys")).body)).not.toContain("sk-ant-new-secret-value-0042");
  });

  it("PUT takes the whole key: the path id wins and a redacted value echoed back keeps the secret", async () => {
    const api = await bifrost();
    const [key] = (await api.get(keys("anthropic"))).body.keys;
    const r = await api.put(`${keys("anthropic")}/${key.id}`, { ...key, id: "ignored", weight: 0.5 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: key.id, weight: 0.5, value: key.value });
    const changed = await api.put(`${keys("anthropic")}/${key.id}`, { ...key, value: "sk-ant-rotated-secret-0000099" });
    expect(changed.body.value.value).toBe("sk-a************************0099");
  });

  it("refuses a clashing name (409), an empty value (400), keys on a keyless provider (400), unknown ids (404)", async () => {
    const api = await bifrost();
    expect(await api.post(keys("anthropic"), { name: "openai-prod", value: "x-value-long-enough" })).toEqual({ status: 409, body: errorBody(409, "key with name openai-prod already exists") });
    expect(await api.post(keys("anthropic"), { name: "empty" })).toEqual({ status: 400, body: errorBody(400, "key value is required") });
    expect((await api.post(keys("internal-llm"), { value: "x" })).body.error.message).toMatch(/keyless/);
    expect((await api.get(`${keys("openai")}/nope`)).status).toBe(404);
    expect((await api.get(keys("nope"))).status).toBe(404);
  });

  it("DELETE answers the deleted key, redacted", async () => {
    const api = await bifrost();
    const [first] = (await api.get(keys("openai"))).body.keys;
    const r = await api.del(`${keys("openai")}/${first.id}`);
    expect(r.body).toEqual(first);
    expect((await api.get(keys("openai"))).body.total).toBe(1);
  });
});
