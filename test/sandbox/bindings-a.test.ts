import { describe, expect, it } from "vitest";
import { bindings, findBinding, modelProviderId, PROVIDERS, sandbox } from "./helpers.js";

const KEYS = ["id", "model_provider_id", "model_provider_name", "slot", "rate_limit_rpm", "rate_limit_tpm", "rate_limit_rpd",
  "rotation_policy", "fallback_priority_global", "health_status", "disabled_at", "created_at"];
const NOT_FOUND_500 = { error: "Internal server error", message: "NOT_FOUND (NOT_FOUND) [TRPCError]" };

describe("GET /providers (research §2.2)", () => {
  it("returns the demo bindings with exactly the 12 keys, disabled included", async () => {
    const api = await sandbox();
    const list = await bindings(api);
    expect(list).toHaveLength(5);
    for (const b of list) expect(Object.keys(b).sort()).toEqual([...KEYS].sort());
    expect(list.filter((b) => b.disabled_at !== null).map((b) => `${b.model_provider_name}/${b.slot}`)).toEqual(["azure/primary"]);
    expect(list.every((b) => b.id.length === 21 && /^[A-Za-z0-9_-]+$/.test(b.id))).toBe(true);
    const openai = list.find((b) => b.model_provider_name === "openai" && b.slot === "primary")!;
    expect(openai).toMatchObject({ rate_limit_rpm: 600, rate_limit_tpm: null, rate_limit_rpd: 10000, fallback_priority_global: 10, health_status: "healthy", rotation_policy: "manual" });
  });

  it("orders by fallback_priority_global ASC with nulls last, then created_at ASC", async () => {
    const api = await sandbox();
    const order = (await bindings(api)).map((b) => [b.model_provider_name, b.slot, b.fallback_priority_global]);
    expect(order).toEqual([
      ["openai", "primary", 10],
      ["anthropic", "primary", 20],
      ["azure", "fallback-1", 30],
      ["azure", "primary", 40],
      ["openai", "batch", null],
    ]);
    const mp = await modelProviderId(api, "anthropic");
    await api.post(PROVIDERS, { model_provider_id: mp, slot: "late" });
    await api.post(PROVIDERS, { model_provider_id: mp, slot: "first", fallback_priority_global: 1 });
    const slots = (await bindings(api)).map((b) => b.slot);
    expect(slots[0]).toBe("first");
    expect(slots.slice(-2)).toEqual(["batch", "late"]);
  });

  it("has no GET by id", async () => {
    const api = await sandbox();
    const b = await findBinding(api, "openai", "primary");
    expect((await api.get(`${PROVIDERS}/${b.id}`)).status).toBe(404);
  });
});

describe("POST /providers (research §2.3)", () => {
  it("binds: 201 with only the id; the list shows the stored row", async () => {
    const api = await sandbox({ seed: "empty" });
    const mp = await modelProviderId(api, "openai");
    const r = await api.post(PROVIDERS, { model_provider_id: mp, rate_limit_rpm: 100, rotation_policy: "AUTO", extra_headers: { "x-a": "1" } });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ provider_credential: { id: expect.stringMatching(/^[A-Za-z0-9_-]{21}$/) } });
    const [row] = await bindings(api);
    expect(row).toMatchObject({ id: r.body.provider_credential.id, model_provider_id: mp, model_provider_name: "openai", slot: "primary",
      rate_limit_rpm: 100, rate_limit_tpm: null, rotation_policy: "manual", health_status: "unknown", disabled_at: null });
  });

  it("404s an unknown, missing or foreign model provider", async () => {
    const api = await sandbox();
    const body = { error: "ModelProvider not found for this project", message: "ModelProvider not found for this project" };
    for (const payload of [{ model_provider_id: "nope" }, {}]) {
      const r = await api.post(PROVIDERS, payload);
      expect(r.status).toBe(404);
      expect(r.body).toEqual(body);
    }
  });

  it("409s a second binding of the same (provider, slot) but allows another slot", async () => {
    const api = await sandbox();
    const mp = await modelProviderId(api, "openai");
    const dup = await api.post(PROVIDERS, { model_provider_id: mp });
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({ error: "Conflict", message: "Unique constraint violated on (projectId, modelProviderId, slot)" });
    expect((await api.post(PROVIDERS, { model_provider_id: mp, slot: "fallback-2" })).status).toBe(201);
  });

  it("answers 500 with the TRPCError BAD_REQUEST message for a disabled model provider", async () => {
    const api = await sandbox();
    const gemini = await modelProviderId(api, "gemini");
    const r = await api.post(PROVIDERS, { model_provider_id: gemini });
    expect(r.status).toBe(500);
    expect(r.body).toEqual({
      error: "Internal server error",
      message: "ModelProvider is disabled. Enable it in Settings → Model Providers first. (BAD_REQUEST) [TRPCError]",
    });
  });

  it("answers 500 when a limit is not an integer (Prisma rejects it)", async () => {
    const api = await sandbox({ seed: "empty" });
    const r = await api.post(PROVIDERS, { model_provider_id: await modelProviderId(api, "openai"), rate_limit_rpm: "600" });
    expect(r.status).toBe(500);
    expect(r.body.error).toBe("Internal server error");
    expect(await bindings(api)).toEqual([]);
  });
});

describe("PATCH /providers/{id} tri-state (research §2.4)", () => {
  it("keeps absent fields, clears null ones, sets values; answers only the id", async () => {
    const api = await sandbox();
    const before = await findBinding(api, "openai", "primary");
    const r = await api.patch(`${PROVIDERS}/${before.id}`, { rate_limit_rpd: null, rate_limit_tpm: 5000 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ provider_credential: { id: before.id } });
    const after = await findBinding(api, "openai", "primary");
    expect(after).toEqual({ ...before, rate_limit_rpd: null, rate_limit_tpm: 5000 });
  });

  it("ignores slot:null, renames on a string slot, clears priority with null", async () => {
    const api = await sandbox();
    const b = await findBinding(api, "anthropic", "primary");
    await api.patch(`${PROVIDERS}/${b.id}`, { slot: null, fallback_priority_global: null });
    const kept = (await bindings(api)).find((x) => x.id === b.id)!;
    expect(kept.slot).toBe("primary");
    expect(kept.fallback_priority_global).toBeNull();
    await api.patch(`${PROVIDERS}/${b.id}`, { slot: "fallback-9" });
    expect((await bindings(api)).find((x) => x.id === b.id)!.slot).toBe("fallback-9");
  });

  it("stores any rotation_policy string as MANUAL, read back lower-case", async () => {
    const api = await sandbox();
    const b = await findBinding(api, "azure", "fallback-1");
    expect((await api.patch(`${PROVIDERS}/${b.id}`, { rotation_policy: "EXTERNAL_SECRET_STORE" })).status).toBe(200);
    expect((await findBinding(api, "azure", "fallback-1")).rotation_policy).toBe("manual");
  });

  it("treats {} as a successful no-op and refuses renaming onto a taken slot with 409", async () => {
    const api = await sandbox();
    const b = await findBinding(api, "openai", "batch");
    expect((await api.patch(`${PROVIDERS}/${b.id}`, {})).status).toBe(200);
    expect(await findBinding(api, "openai", "batch")).toEqual(b);
    expect((await api.patch(`${PROVIDERS}/${b.id}`, { slot: "primary" })).status).toBe(409);
  });

  it("answers an unknown id with 500 NOT_FOUND, not 404", async () => {
    const api = await sandbox();
    const r = await api.patch(`${PROVIDERS}/no-such-binding`, { rate_limit_rpm: 1 });
    expect(r.status).toBe(500);
    expect(r.body).toEqual(NOT_FOUND_500);
  });
});

describe("DELETE /providers/{id} (research §2.5)", () => {
  it("sets disabled_at on every call, moving it forward; the row stays listed", async () => {
    const api = await sandbox();
    const b = await findBinding(api, "openai", "batch");
    const first = await api.del(`${PROVIDERS}/${b.id}`);
    expect(first.status).toBe(200);
    expect(first.body.provider_credential.id).toBe(b.id);
    expect(Date.parse(first.body.provider_credential.disabled_at)).toBeGreaterThan(Date.now() - 60_000);
    await new Promise((r) => setTimeout(r, 5));
    const second = await api.del(`${PROVIDERS}/${b.id}`);
    expect(second.body.provider_credential.disabled_at > first.body.provider_credential.disabled_at).toBe(true);
    expect((await findBinding(api, "openai", "batch")).disabled_at).toBe(second.body.provider_credential.disabled_at);
  });

  it("answers an unknown id with 500 NOT_FOUND", async () => {
    const api = await sandbox();
    const r = await api.del(`${PROVIDERS}/nope`);
    expect(r.status).toBe(500);
    expect(r.body).toEqual(NOT_FOUND_500);
  });
});
