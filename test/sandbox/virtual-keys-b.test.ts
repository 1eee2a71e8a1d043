import { describe, expect, it } from "vitest";
import { modelProviderId, sandbox, VKS, type Api } from "./helpers.js";

const eraB = (opts = {}) => sandbox({ langwatchEra: "b", ...opts });
const byName = async (api: Api, name: string) => (await api.get(VKS)).body.data.find((k: { name: string }) => k.name === name);

describe("era B listing and paging (research §3.3)", () => {
  it("walks every key once, newest first, with next_cursor; default page 50", async () => {
    const api = await eraB({ seed: 120 });
    const first = await api.get(VKS);
    expect(first.body.data).toHaveLength(50);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { data: { name: string; created_at: string }[]; next_cursor: string | null } } =
        await api.get(`${VKS}?limit=45${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      seen.push(...r.body.data.map((k) => k.name));
      cursor = r.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]).toBe("key-00120");
    expect(seen.at(-1)).toBe("key-00001");
  });

  it("rejects a bad cursor (invalid_cursor) and an out-of-range limit (validation_error)", async () => {
    const api = await eraB();
    expect((await api.get(`${VKS}?cursor=not-a-cursor`)).body).toEqual({ error: { type: "bad_request", code: "invalid_cursor", message: expect.any(String) } });
    for (const limit of ["0", "201", "ten"]) {
      const r = await api.get(`${VKS}?limit=${limit}`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("validation_error");
    }
    expect((await api.get(`${VKS}?limit=200`)).body.next_cursor).toBeNull();
  });

  it("filters by external_id", async () => {
    const api = await eraB();
    const r = await api.get(`${VKS}?external_id=batch-001`);
    expect(r.body.data.map((k: { name: string }) => k.name)).toEqual(["batch-policy"]);
  });

  it("serves the HEAD DTO: routing fields, scopes, no environment or chain", async () => {
    const api = await eraB();
    const prod = await byName(api, "prod-chat");
    expect(prod).toMatchObject({ routing_mode: "fallback_all", routing_policy_id: null, purpose: "user", organization_id: "org_sandbox",
      scopes: [{ scope_type: "project", scope_id: "proj_sandbox" }], trace_project_id: "proj_sandbox" });
    expect(prod.config.providersAllowed).toEqual([await modelProviderId(api, "openai"), await modelProviderId(api, "anthropic"), await modelProviderId(api, "azure")]);
    expect(prod).not.toHaveProperty("environment");
    expect(prod).not.toHaveProperty("provider_credential_ids");
    expect((await byName(api, "batch-policy")).routing_policy_id).toMatch(/^rp_/);
  });
});

describe("era B create", () => {
  it("creates with a vk-lw- secret and defaults", async () => {
    const api = await eraB();
    const r = await api.post(VKS, { name: "svc" });
    expect(r.status).toBe(201);
    expect(r.body.secret).toMatch(/^vk-lw-[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(r.body.virtual_key).toMatchObject({ routing_mode: "none", status: "active", config: { fallback: { maxAttempts: 3 }, providersAllowed: null } });
  });

  it("replays the same Idempotency-Key + body and refuses a different body with 409", async () => {
    const api = await eraB();
    const headers = { "Idempotency-Key": "create-svc-0001" };
    const first = await api.post(VKS, { name: "svc", metadata: { a: "1" } }, headers);
    const replay = await api.post(VKS, { metadata: { a: "1" }, name: "svc" }, headers);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("x-idempotent-replay")).toBe("true");
    expect(first.headers.get("x-idempotent-replay")).toBeNull();
    expect(replay.body).toEqual(first.body);
    const other = await api.post(VKS, { name: "other" }, headers);
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ type: "conflict", code: "idempotency_error" });
    expect((await api.get(`${VKS}?limit=200`)).body.data.filter((k: { name: string }) => k.name === "svc")).toHaveLength(1);
  });

  it("does not store failed outcomes under an Idempotency-Key", async () => {
    const api = await eraB();
    const headers = { "Idempotency-Key": "retry-after-fix" };
    expect((await api.post(VKS, { name: "" }, headers)).status).toBe(400);
    expect((await api.post(VKS, { name: "fixed" }, headers)).status).toBe(201);
  });

  it("enforces the routing_mode / routing_policy_id pairing", async () => {
    const api = await eraB();
    expect((await api.post(VKS, { name: "a", routing_mode: "policy" })).body.error).toMatchObject({ type: "bad_request", code: "routing_policy_required" });
    expect((await api.post(VKS, { name: "b", routing_mode: "fallback_all", routing_policy_id: "rp_x" })).body.error.code).toBe("routing_policy_conflict");
    const implied = await api.post(VKS, { name: "c", routing_policy_id: "rp_x" });
    expect(implied.body.virtual_key).toMatchObject({ routing_mode: "policy", routing_policy_id: "rp_x" });
  });

  it("answers 400 validation_error in the canonical envelope, and 409 on an external_id collision", async () => {
    const api = await eraB();
    for (const body of [{}, { name: "x".repeat(129) }, { name: "x", config: { providersAllowed: [] } }, { name: "x", scopes: [] }]) {
      const r = await api.post(VKS, body);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ type: "bad_request", code: "validation_error" });
    }
    expect((await api.post(VKS, { name: "dup", external_id: "batch-001" })).body.error.code).toBe("external_id_conflict");
  });
});

describe("era B update and state transitions", () => {
  it("PATCH: leaving policy drops the id; metadata replaces; description null is ignored", async () => {
    const api = await eraB();
    const k = await byName(api, "batch-policy");
    const r = await api.patch(`${VKS}/${k.id}`, { routing_mode: "none", metadata: { x: "y" }, description: null });
    expect(r.body.virtual_key).toMatchObject({ routing_mode: "none", routing_policy_id: null, metadata: { x: "y" }, description: null });
    expect(r.body.virtual_key.revision).toBe("2");
    expect((await api.patch(`${VKS}/${k.id}`, { routing_mode: "policy" })).body.error.code).toBe("routing_policy_required");
  });

  it("disable (with reason) and enable are idempotent; revoke is terminal", async () => {
    const api = await eraB();
    const k = await byName(api, "ci");
    const disabled = await api.post(`${VKS}/${k.id}/disable`, { reason: "pause" });
    expect(disabled.body.virtual_key.status).toBe("disabled");
    expect((await api.post(`${VKS}/${k.id}/disable`)).body.virtual_key).toEqual(disabled.body.virtual_key);
    expect((await api.post(`${VKS}/${k.id}/disable`, { reason: "x".repeat(501) })).body.error.code).toBe("validation_error");
    expect((await api.post(`${VKS}/${k.id}/enable`)).body.virtual_key.status).toBe("active");
    const rotated = await api.post(`${VKS}/${k.id}/rotate`);
    expect(rotated.body.secret).toMatch(/^vk-lw-/);
    expect((await api.post(`${VKS}/${k.id}/revoke`)).body.virtual_key).toMatchObject({ status: "revoked", revoked_at: expect.any(String) });
    expect((await api.post(`${VKS}/${k.id}/revoke`)).status).toBe(200);
    expect((await api.post(`${VKS}/${k.id}/enable`)).status).toBe(400);
  });

  it("answers a missing key with a canonical 404 on every route", async () => {
    const api = await eraB();
    const nf = { error: { type: "not_found", code: "virtual_key_not_found", message: "virtual key not found" } };
    expect((await api.get(`${VKS}/vk_nope`)).body).toEqual(nf);
    expect((await api.patch(`${VKS}/vk_nope`, { name: "a" })).body).toEqual(nf);
    for (const op of ["disable", "enable", "rotate", "revoke"]) expect((await api.post(`${VKS}/vk_nope/${op}`)).status).toBe(404);
  });
});
