import { describe, expect, it } from "vitest";
import { FOREIGN_PROJECT_ID, seedState } from "../../src/sandbox/langwatch/seed.js";
import { bindings, PROVIDERS, sandbox, VKS } from "./helpers.js";

/** The demo seed is deterministic, so the ids of the other project's rows are known here. */
const demo = seedState("demo", "a");
const foreignProvider = [...demo.modelProviders.values()].find((m) => m.projectId === FOREIGN_PROJECT_ID)!;
const foreignBinding = [...demo.bindings.values()].find((b) => b.projectId === FOREIGN_PROJECT_ID)!;

describe("rows of another project (research §6 Scopes)", () => {
  it("are invisible in the lists", async () => {
    const api = await sandbox();
    expect((await bindings(api)).map((b) => b.id)).not.toContain(foreignBinding.id);
    const providers = (await api.get("/api/model-providers")).body as Record<string, { id?: string }>;
    expect(Object.values(providers).map((p) => p.id)).not.toContain(foreignProvider.id);
  });

  it("cannot be bound (404), patched or disabled (500 NOT_FOUND), or chained (500)", async () => {
    const api = await sandbox();
    expect((await api.post(PROVIDERS, { model_provider_id: foreignProvider.id })).status).toBe(404);
    expect((await api.patch(`${PROVIDERS}/${foreignBinding.id}`, { rate_limit_rpm: 1 })).body.message).toBe("NOT_FOUND (NOT_FOUND) [TRPCError]");
    expect((await api.del(`${PROVIDERS}/${foreignBinding.id}`)).status).toBe(500);
    const vk = await api.post(VKS, { name: "x", provider_credential_ids: [foreignBinding.id] });
    expect(vk.status).toBe(500);
  });
});
