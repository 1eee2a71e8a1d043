import { describe, expect, it } from "vitest";
import { PROVIDERS, sandbox } from "./helpers.js";

const GONE = "Gateway provider bindings folded into ModelProvider in iter 110.";

describe("era B: /providers answers 410 after auth (research §3.1)", () => {
  it.each([
    ["GET", PROVIDERS, "Use GET /api/gateway-platform/v1/model-providers or the Advanced (Gateway) tab in the dashboard."],
    ["POST", PROVIDERS, "Configure rate limits, providerConfig, fallback priority via the Advanced (Gateway) tab on /api/gateway-platform/v1/model-providers/:id."],
    ["PATCH", `${PROVIDERS}/abc`, "PATCH the advanced fields via PATCH /api/gateway-platform/v1/model-providers/:id."],
    ["DELETE", `${PROVIDERS}/abc`, "Disable the underlying ModelProvider via DELETE /api/gateway-platform/v1/model-providers/:id (soft-disable)."],
  ])("%s %s", async (method, path, hint) => {
    const api = await sandbox({ langwatchEra: "b" });
    const body = method === "POST" || method === "PATCH" ? { rate_limit_rpm: 5 } : undefined;
    const r = await api.call(method, path, body);
    expect(r.status).toBe(410);
    expect(r.body).toEqual({ error: { type: "gone", code: "gateway_provider_bindings_gone", message: `${GONE} ${hint}` } });
    expect(r.body.error.message).toContain("model-providers");
    const anonymous = await api.call(method, path, body, {});
    expect(anonymous.status).toBe(401);
  });

  it("answers an unknown route with a canonical 404", async () => {
    const api = await sandbox({ langwatchEra: "b" });
    const r = await api.get(`${PROVIDERS}/abc`);
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ type: "not_found" });
  });
});
