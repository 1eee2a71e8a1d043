import { describe, expect, it } from "vitest";
import { bindingsFromListBody, idFromWriteBody, toBinding } from "../../src/backends/langwatch/from-wire.js";
import { bindBody, patchBody } from "../../src/backends/langwatch/to-wire.js";
import { rawOf } from "../../src/domain/binding.js";
import { GwError } from "../../src/errors.js";

const wire = {
  id: "V1StGXR8_Z5jdHi6B-myT",
  model_provider_id: "mp_openai",
  model_provider_name: "openai",
  slot: "primary",
  rate_limit_rpm: 600,
  rate_limit_tpm: null,
  rate_limit_rpd: null,
  rotation_policy: "manual",
  fallback_priority_global: 10,
  health_status: "unknown",
  disabled_at: null,
  created_at: "2026-05-01T10:00:00.000Z",
};

describe("LangWatch wire -> normalized binding", () => {
  it("maps every field and keeps the raw body for --raw", () => {
    const b = toBinding(wire, "list");
    expect(b).toEqual({
      id: wire.id, backend: "langwatch", provider: "openai", providerId: "mp_openai", slot: "primary",
      rpm: 600, tpm: null, rpd: null, fallbackPriority: 10, rotationPolicy: "MANUAL", health: "unknown",
      status: "active", disabledAt: null, createdAt: "2026-05-01T10:00:00.000Z",
      name: null, baseUrl: null, models: null, updatedAt: null, details: null,
    });
    expect(rawOf(b)).toBe(wire);
    expect(JSON.stringify(b)).not.toContain("model_provider_id");
  });

  it("marks bindings with disabled_at as disabled", () => {
    expect(toBinding({ ...wire, disabled_at: "2026-06-01T00:00:00.000Z" }, "x").status).toBe("disabled");
  });

  it("reports a malformed body as one line (exit 6), not a crash", () => {
    for (const body of [null, "html", { data: "x" }, { data: [{ id: 5 }] }, { data: [{ ...wire, rate_limit_rpm: "600" }] }]) {
      try {
        bindingsFromListBody(body, "list bindings");
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(GwError);
        expect((err as GwError).exitCode).toBe(6);
        expect((err as GwError).message).toMatch(/^list bindings: unexpected response/);
      }
    }
  });

  it("reads the id from the write response", () => {
    expect(idFromWriteBody({ provider_credential: { id: "abc" } }, "x")).toBe("abc");
    expect(() => idFromWriteBody({ id: "abc" }, "bind")).toThrow(/provider_credential/);
  });
});

describe("normalized -> LangWatch wire", () => {
  it("sends exactly the fields a patch names, null as null", () => {
    expect(patchBody({ rpm: 600 })).toEqual({ rate_limit_rpm: 600 });
    expect(patchBody({ rpd: null, fallbackPriority: null, headers: null })).toEqual({
      rate_limit_rpd: null, fallback_priority_global: null, extra_headers: null,
    });
    expect(patchBody({ slot: "b", rotationPolicy: "MANUAL", headers: { A: "1" }, tpm: 5 })).toEqual({
      slot: "b", rotation_policy: "MANUAL", extra_headers: { A: "1" }, rate_limit_tpm: 5,
    });
    expect(patchBody({})).toEqual({});
  });

  it("builds the bind body, leaving out what inherits", () => {
    expect(bindBody({ providerId: "mp_1" })).toEqual({ model_provider_id: "mp_1" });
    expect(bindBody({ providerId: "mp_1", slot: "fallback-1", rpm: 1, tpm: 2, rpd: 3, fallbackPriority: 0, headers: {} })).toEqual({
      model_provider_id: "mp_1", slot: "fallback-1", rate_limit_rpm: 1, rate_limit_tpm: 2, rate_limit_rpd: 3,
      fallback_priority_global: 0, extra_headers: {},
    });
  });
});

describe("LangWatch virtual keys have none of Bifrost's fields", () => {
  it("sets providerConfigs, budgets, rateLimit, teamId and customerId to null", async () => {
    const { toVirtualKey } = await import("../../src/backends/langwatch/vk-from-wire.js");
    const key = toVirtualKey({ id: "vk_1", name: "k", provider_credential_ids: ["b1"], config: { rateLimits: { rpm: 5 } } }, "t");
    expect(key).toMatchObject({ rpm: 5, chain: ["b1"], providerConfigs: null, budgets: null, rateLimit: null, teamId: null, customerId: null });
  });
});
