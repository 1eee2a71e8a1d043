import { describe, expect, it } from "vitest";
import { findBinding, PROVIDERS, sandbox, VKS, type Api } from "./helpers.js";

async function chainIds(api: Api): Promise<{ openai: string; anthropic: string; azureFb: string; azureOff: string }> {
  return {
    openai: (await findBinding(api, "openai", "primary")).id,
    anthropic: (await findBinding(api, "anthropic", "primary")).id,
    azureFb: (await findBinding(api, "azure", "fallback-1")).id,
    azureOff: (await findBinding(api, "azure", "primary")).id,
  };
}

const CHAIN_500 = {
  error: "Internal server error",
  message: "One or more provider credentials do not belong to this project or are disabled (BAD_REQUEST) [TRPCError]",
};

describe("era A virtual keys: list and seed (research §2.7)", () => {
  it("lists every key newest first, revoked included, with the chain as binding ids", async () => {
    const api = await sandbox();
    const ids = await chainIds(api);
    const r = await api.get(VKS);
    expect(r.body.data.map((k: { name: string }) => k.name)).toEqual(["legacy-batch", "ci", "prod-chat"]);
    const prod = r.body.data[2];
    expect(prod.provider_credential_ids).toEqual([ids.openai, ids.anthropic, ids.azureFb]);
    expect(prod.fallback_chain_length).toBe(3);
    expect(prod.config.rateLimits).toEqual({ rpm: 1200, tpm: null, rpd: null });
    expect(prod.id).toMatch(/^vk_[A-Za-z0-9_-]{22}$/);
    expect(r.body.data[0]).toMatchObject({ status: "revoked", revoked_at: expect.any(String) });
    expect(r.body.data[1]).toMatchObject({ environment: "test", provider_credential_ids: [ids.anthropic] });
  });
});

describe("era A virtual key lifecycle", () => {
  it("creates (201 + secret once), gets, patches the chain, rotates and revokes idempotently", async () => {
    const api = await sandbox();
    const ids = await chainIds(api);
    const created = await api.post(VKS, { name: "svc", provider_credential_ids: [ids.openai, ids.anthropic], config: { fallback: { maxAttempts: 2 } } });
    expect(created.status).toBe(201);
    const { virtual_key: vk, secret } = created.body;
    expect(secret).toMatch(/^lw_vk_live_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(vk.display_prefix).toBe(secret.slice(0, 18));
    expect(vk).toMatchObject({ environment: "live", status: "active", revision: "1", description: null, fallback_chain_length: 2 });
    // a nested object sent gets schema defaults for its missing keys
    expect(vk.config.fallback).toEqual({ on: ["5xx", "timeout", "rate_limit_exceeded"], timeoutMs: 30000, maxAttempts: 2 });
    expect(JSON.stringify((await api.get(`${VKS}/${vk.id}`)).body)).not.toContain(secret);

    const patched = await api.patch(`${VKS}/${vk.id}`, { provider_credential_ids: [ids.azureFb], description: null, config: { cache: { mode: "force" } } });
    expect(patched.status).toBe(200);
    expect(patched.body.virtual_key).toMatchObject({ provider_credential_ids: [ids.azureFb], fallback_chain_length: 1, revision: "2", description: null });
    expect(patched.body.virtual_key.config.cache).toEqual({ mode: "force", ttlS: 3600 });
    expect(patched.body.virtual_key.config.fallback.maxAttempts).toBe(2); // shallow merge keeps other top-level keys

    const rotated = await api.post(`${VKS}/${vk.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    expect(rotated.body.virtual_key.display_prefix).toBe(rotated.body.secret.slice(0, 18));

    const revoked = await api.post(`${VKS}/${vk.id}/revoke`);
    expect(revoked.body.virtual_key).toMatchObject({ status: "revoked", revoked_at: expect.any(String) });
    const again = await api.post(`${VKS}/${vk.id}/revoke`);
    expect(again.status).toBe(200);
    expect(again.body.virtual_key).toEqual(revoked.body.virtual_key);
  });

  it("keeps the description when PATCH sends null, replaces it with a string", async () => {
    const api = await sandbox();
    const prod = (await api.get(VKS)).body.data.find((k: { name: string }) => k.name === "prod-chat");
    const r = await api.patch(`${VKS}/${prod.id}`, { description: null });
    expect(r.body.virtual_key.description).toBe("Customer chat, production");
    expect(r.body.virtual_key.revision).toBe(String(Number(prod.revision) + 1));
    expect((await api.patch(`${VKS}/${prod.id}`, { description: "new" })).body.virtual_key.description).toBe("new");
  });

  it("uses test secrets for environment test", async () => {
    const api = await sandbox();
    const r = await api.post(VKS, { name: "t", environment: "test", provider_credential_ids: [(await chainIds(api)).openai] });
    expect(r.body.secret).toMatch(/^lw_vk_test_/);
  });
});

describe("era A virtual key errors", () => {
  it("answers validation failures 400 in the nested shape", async () => {
    const api = await sandbox();
    for (const body of [{ name: "x", provider_credential_ids: [] }, { provider_credential_ids: ["a"] }, { name: "x", provider_credential_ids: ["a"], environment: "prod" }]) {
      const r = await api.post(VKS, body);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ type: "bad_request", code: "validation_error", message: expect.any(String) });
    }
  });

  it("answers 500 for a disabled or unknown binding in the chain, on create and on PATCH", async () => {
    const api = await sandbox();
    const ids = await chainIds(api);
    expect(await api.post(VKS, { name: "x", provider_credential_ids: [ids.openai, ids.azureOff] })).toMatchObject({ status: 500, body: CHAIN_500 });
    const prod = (await api.get(VKS)).body.data.find((k: { name: string }) => k.name === "prod-chat");
    expect(await api.patch(`${VKS}/${prod.id}`, { provider_credential_ids: ["nope"] })).toMatchObject({ status: 500, body: CHAIN_500 });
  });

  it("keeps an existing chain working after its binding is disabled (only new chains refuse it)", async () => {
    const api = await sandbox();
    const ids = await chainIds(api);
    await api.del(`${PROVIDERS}/${ids.azureFb}`);
    const prod = (await api.get(VKS)).body.data.find((k: { name: string }) => k.name === "prod-chat");
    expect(prod.provider_credential_ids).toContain(ids.azureFb);
    expect((await api.patch(`${VKS}/${prod.id}`, { name: "prod-chat-2" })).status).toBe(200);
  });

  it("splits not-found by route: nested on GET, flat on PATCH/rotate/revoke", async () => {
    const api = await sandbox();
    expect(await api.get(`${VKS}/vk_missing`)).toMatchObject({
      status: 404,
      body: { error: { type: "not_found", code: "virtual_key_not_found", message: "virtual key not found" } },
    });
    const flat = { error: "Virtual key not found", message: "Virtual key not found" };
    expect(await api.patch(`${VKS}/vk_missing`, { name: "n" })).toMatchObject({ status: 404, body: flat });
    expect(await api.post(`${VKS}/vk_missing/rotate`)).toMatchObject({ status: 404, body: flat });
    expect(await api.post(`${VKS}/vk_missing/revoke`)).toMatchObject({ status: 404, body: flat });
  });

  it("answers 500 when updating or rotating a revoked key, 409 on a duplicate name", async () => {
    const api = await sandbox();
    const revoked = (await api.get(VKS)).body.data.find((k: { name: string }) => k.name === "legacy-batch");
    expect((await api.patch(`${VKS}/${revoked.id}`, { name: "again" })).status).toBe(500);
    expect((await api.post(`${VKS}/${revoked.id}/rotate`)).body.message).toMatch(/\(BAD_REQUEST\) \[TRPCError\]$/);
    const dup = await api.post(VKS, { name: "ci", provider_credential_ids: [(await chainIds(api)).openai] });
    expect(dup).toMatchObject({ status: 409, body: { error: "Conflict" } });
  });
});
