import { describe, expect, it } from "vitest";
import { KEYS_REFUSED } from "../../src/sandbox/bifrost/providers.js";
import { bifrost, errorBody, putBodyFrom } from "./bifrost-helpers.js";

const P = "/api/providers";

describe("Bifrost sandbox: providers (v1.5)", () => {
  it("lists every provider sorted by name, unpaginated, with defaults filled in and no keys inside", async () => {
    const api = await bifrost();
    const r = await api.get(P);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(5);
    expect(r.body.providers.map((p: { name: string }) => p.name)).toEqual(["anthropic", "azure", "groq", "internal-llm", "openai"]);
    const anthropic = r.body.providers[0];
    expect(anthropic.network_config).toEqual({ default_request_timeout_in_seconds: 30, max_retries: 0, retry_backoff_initial: 500, retry_backoff_max: 5000 });
    expect(anthropic.concurrency_and_buffer_size).toEqual({ concurrency: 1000, buffer_size: 5000 });
    expect(anthropic).not.toHaveProperty("keys");
    const groq = r.body.providers[2];
    expect([groq.provider_status, groq.status]).toEqual(["error", "list_models_failed"]);
  });

  it("redacts secrets on read: proxy credentials, key values", async () => {
    const api = await bifrost();
    const azure = (await api.get(`${P}/azure`)).body;
    expect(azure.proxy_config.password).toEqual({ value: "sand************************word", env_var: "", from_env: false });
    expect(azure.proxy_config.username.value).toBe("<REDACTED>"); // too short to show any of it
    const keys = (await api.get(`${P}/openai/keys`)).body.keys;
    expect(keys[0].value.value).toBe("sk-p************************0001");
    expect(keys[1].value).toEqual({ value: "sk-p************************0002", env_var: "env.OPENAI_BACKUP_KEY", from_env: true });
  });

  it("answers 404 in Bifrost's error body for an unknown provider", async () => {
    const api = await bifrost();
    expect(await api.get(`${P}/nope`)).toEqual({ status: 404, body: errorBody(404, "Provider not found: nope") });
  });

  it("PUT replaces network_config and concurrency whole, keeps omitted blocks and flags, clears a null block", async () => {
    const api = await bifrost();
    const r = await api.put(`${P}/azure`, { network_config: { base_url: "https://other.example.com" }, concurrency_and_buffer_size: { concurrency: 5, buffer_size: 10 } });
    expect(r.status).toBe(200);
    expect(r.body.network_config).toEqual({ base_url: "https://other.example.com", default_request_timeout_in_seconds: 30, max_retries: 0, retry_backoff_initial: 500, retry_backoff_max: 5000 });
    expect(r.body.proxy_config.type).toBe("http"); // omitted: kept (v1.5)
    const cleared = await api.put(`${P}/azure`, { network_config: {}, concurrency_and_buffer_size: { concurrency: 5, buffer_size: 10 }, proxy_config: null });
    expect(cleared.body.proxy_config).toBeNull();
  });

  it("PUT of the object as read is a no-op that keeps the redacted secrets", async () => {
    const api = await bifrost();
    const before = (await api.get(`${P}/azure`)).body;
    const r = await api.put(`${P}/azure`, putBodyFrom(before));
    expect(r.status).toBe(200);
    expect(r.body).toEqual(before);
    // The stored password survived the redacted echo: its redacted form is unchanged, not the redaction of "sand****...".
    expect(r.body.proxy_config.password.value).toBe("sand************************word");
  });

  it("refuses keys on the PUT (v1.5) and what the handler refuses", async () => {
    const api = await bifrost();
    const base = putBodyFrom((await api.get(`${P}/openai`)).body);
    expect(await api.put(`${P}/openai`, { ...base, keys: [{ value: "x" }] })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining("must NOT have more than 0 items") } } });
    expect(api.violations()).toHaveLength(1); // the contract catches it first
    const bigger = await api.put(`${P}/openai`, { ...base, concurrency_and_buffer_size: { concurrency: 600, buffer_size: 500 } });
    expect(bigger).toEqual({ status: 400, body: errorBody(400, "Concurrency must be less than or equal to buffer size") });
    const privateNet = await api.put(`${P}/openai`, { ...base, network_config: { base_url: "http://192.168.1.4:8000" } });
    expect(privateNet.body.error.message).toMatch(/private network; set network_config.allow_private_network/);
    const backoff = await api.put(`${P}/openai`, { ...base, network_config: { retry_backoff_initial: 9000, retry_backoff_max: 100 } });
    expect(backoff.status).toBe(400);
    expect(KEYS_REFUSED).toMatch(/^keys are not accepted on this endpoint/);
  });

  it("PUT upserts a standard provider; a non-standard name needs custom_provider_config", async () => {
    const api = await bifrost();
    const created = await api.put(`${P}/mistral`, { network_config: {}, concurrency_and_buffer_size: { concurrency: 1, buffer_size: 1 } });
    expect(created.status).toBe(200);
    expect((await api.get(`${P}/mistral`)).status).toBe(200);
    const unknown = await api.put(`${P}/my-llm`, { network_config: {}, concurrency_and_buffer_size: { concurrency: 1, buffer_size: 1 } });
    expect(unknown.body.error.message).toMatch(/^unsupported provider: my-llm/);
  });

  it("POST adds a provider (409 if it exists) and checks custom providers", async () => {
    const api = await bifrost();
    expect(await api.post(P, { provider: "openai" })).toEqual({ status: 409, body: errorBody(409, "Provider openai already exists") });
    const custom = await api.post(P, { provider: "vllm-box", network_config: { base_url: "http://127.0.0.1:8000" }, custom_provider_config: { base_provider_type: "openai" } });
    expect(custom.status).toBe(200);
    expect(custom.body.custom_provider_config).toEqual({ base_provider_type: "openai" });
    expect((await api.post(P, { provider: "openai2", custom_provider_config: { base_provider_type: "nope" } })).body.error.message).toMatch(/must be a standard provider/);
    expect((await api.post(P, { provider: "anthropic", custom_provider_config: { base_provider_type: "openai" } })).body.error.message).toMatch(/cannot be the same as a standard provider/);
    expect((await api.post(P, { provider: "x", custom_provider_config: {} })).body.error.message).toMatch(/base_provider_type is required/);
  });

  it("reports a failed model discovery in the body of a successful write", async () => {
    const api = await bifrost();
    const r = await api.post(P, { provider: "mistral", network_config: { base_url: "https://mistral.invalid" } });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("list_models_failed");
    expect(r.body.description).toMatch(/no such host/);
  });

  it("DELETE answers 200 with the name, also for an unknown provider (v1.5 is idempotent)", async () => {
    const api = await bifrost();
    const r = await api.del(`${P}/groq`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: "groq", provider_status: "deleted" });
    expect((await api.get(`${P}/groq`)).status).toBe(404);
    expect((await api.del(`${P}/groq`)).status).toBe(200);
  });
});

describe("Bifrost sandbox: providers (v1.4)", () => {
  it("carries keys inside the provider, and a PUT's keys are the full set", async () => {
    const api = await bifrost({ bifrostVersion: "1.4" });
    const openai = (await api.get(`${P}/openai`)).body;
    expect(openai.keys).toHaveLength(2);
    expect(openai.keys[0].value.value).toBe("sk-p************************0001");
    // Echo only the first key: the second is deleted; the redacted value keeps the stored secret.
    const r = await api.put(`${P}/openai`, { ...putBodyFrom(openai), keys: [openai.keys[0]] });
    expect(r.status).toBe(200);
    expect(r.body.keys).toHaveLength(1);
    expect(r.body.keys[0].value.value).toBe("sk-p************************0001");
    expect(r.body.keys[0].id).toBe(openai.keys[0].id);
    // Without keys, every key is gone.
    const none = await api.put(`${P}/openai`, putBodyFrom({ ...openai, keys: undefined }));
    expect(none.body.keys).toEqual([]);
  });

  it("clears blocks a PUT leaves out, and answers 404 when deleting an unknown provider", async () => {
    const api = await bifrost({ bifrostVersion: "1.4" });
    const r = await api.put(`${P}/azure`, { network_config: {}, concurrency_and_buffer_size: { concurrency: 5, buffer_size: 10 } });
    expect(r.body.proxy_config).toBeNull();
    expect(r.body.keys).toEqual([]);
    expect(await api.del(`${P}/nope`)).toEqual({ status: 404, body: errorBody(404, "Provider not found: nope") });
    expect((await api.get(`${P}/openai/keys`)).status).toBe(404); // no /keys endpoints before v1.5
  });

  it("reports its release at /api/version, and none in /api/config (as every generation)", async () => {
    const api = await bifrost({ bifrostVersion: "1.4" });
    expect((await api.get("/api/config")).body).not.toHaveProperty("version");
    expect((await api.get("/api/version")).body).toBe("v1.4.9");
  });
});
