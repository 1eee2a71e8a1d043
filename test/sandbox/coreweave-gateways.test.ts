import { mkdtempSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coreweave, CW_KEY, GATEWAYS, newGateway } from "./coreweave-helpers.js";

describe("CoreWeave sandbox: auth (research §3.1)", () => {
  it("answers 401 UNAUTHENTICATED without a Bearer token or with a wrong one, before routing", async () => {
    const api = await coreweave();
    for (const headers of [{}, { Authorization: "Bearer wrong-token" }, { Authorization: `Basic ${CW_KEY}` }, { "X-Auth-Token": CW_KEY }]) {
      const r = await api.get(GATEWAYS, headers);
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(r.body).toMatchObject({ code: 16, details: [] });
    }
    expect((await api.get("/nope", {})).status).toBe(401);
    expect((await api.get("/nope")).body).toEqual({ code: 5, message: "no route for GET /nope", details: [] });
  });
});

describe("CoreWeave sandbox: reads", () => {
  it("lists the demo gateways in {items} and the zones in {zones}", async () => {
    const api = await coreweave();
    const list = await api.get(GATEWAYS);
    expect(list.status).toBe(200);
    expect(list.body.items.map((g: any) => [g.spec.name, g.status.status])).toEqual([
      ["chat-prod", "STATUS_READY"],
      ["eval-wandb", "STATUS_READY"],
      ["batch-central", "STATUS_FAILED"],
    ]);
    const failed = list.body.items[2];
    expect(failed.status.endpoints).toBeUndefined();
    expect(failed.status.conditions[0]).toMatchObject({ type: "Ready", status: "False", reason: "ProvisioningFailed", zone: "US-CENTRAL-07A" });
    expect((await api.get(`${GATEWAYS}/parameters`)).body).toEqual({ zones: ["US-EAST-04A", "US-EAST-06A", "US-WEST-09B", "US-CENTRAL-07A"] });
  });

  it("never shows a W&B key", async () => {
    const api = await coreweave();
    const wandb = (await api.get(GATEWAYS)).body.items[1];
    expect(wandb.spec.weightsAndBiasesAuth).toEqual({ serverUrl: "https://api.wandb.ai", enableUsageReports: true, enableRateLimiting: false });
  });

  it("filters by updatedAfter, and seeds a number of gateways or none", async () => {
    const api = await coreweave();
    const created = await api.post(newGateway({ name: "fresh" }));
    const since = new Date(Date.parse(created.body.gateway.status.createdAt) - 1).toISOString();
    const recent = await api.get(`${GATEWAYS}?updatedAfter=${encodeURIComponent(since)}`);
    expect(recent.body.items.map((g: any) => g.spec.name)).toEqual(["fresh"]);
    const bad = await api.get(`${GATEWAYS}?updatedAfter=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(3);
    expect(api.contractViolations()).toEqual(["contract: GET /v1alpha1/inference/gateways: query parameter updatedAfter must match format \"date-time\""]);

    expect((await (await coreweave({ seed: 5 })).get(GATEWAYS)).body.items).toHaveLength(5);
    expect((await (await coreweave({ seed: "empty" })).get(GATEWAYS)).body).toEqual({ items: [] });
  });

  it("answers 404 NOT_FOUND with ResourceInfo for an unknown id", async () => {
    const api = await coreweave();
    const r = await api.get(`${GATEWAYS}/00000000-0000-4000-8000-000000000000`);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      code: 5,
      message: "gateway 00000000-0000-4000-8000-000000000000 not found",
      details: [expect.objectContaining({ "@type": "type.googleapis.com/google.rpc.ResourceInfo", resourceName: "00000000-0000-4000-8000-000000000000" })],
    });
  });
});

describe("CoreWeave sandbox: create (research §3.3 constraints)", () => {
  it("creates in STATUS_CREATING without endpoints, zones spelled as /parameters does", async () => {
    const api = await coreweave({ transitionMs: 60_000 });
    const r = await api.post(newGateway({ zones: ["us-east-06a"], endpointConfiguration: { additionalDns: ["llm.example.com"] } }));
    expect(r.status).toBe(200);
    const { spec, status } = r.body.gateway;
    expect(spec).toMatchObject({ name: "t", zones: ["US-EAST-06A"], coreWeaveAuth: {}, organizationId: "cw-sandbox", endpointConfiguration: { additionalDns: ["llm.example.com"] } });
    expect(spec.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(status.status).toBe("STATUS_CREATING");
    expect(status.endpoints).toBeUndefined();
    expect((await api.get(`${GATEWAYS}/${spec.id}`)).body.gateway.status.status).toBe("STATUS_CREATING");
  });

  it.each([
    ["two auth types", { weightsAndBiasesAuth: { apiKey: "k" } }],
    ["no routing", { bodyBasedRouting: undefined }],
    ["two routings", { pathBasedRouting: {} }],
    ["no zones", { zones: [] }],
    ["a header name over 100 characters", { bodyBasedRouting: undefined, headerBasedRouting: { headerName: "x".repeat(101) } }],
    ["an unknown apiType", { bodyBasedRouting: { apiType: "API_TYPE_ANTHROPIC" } }],
    ["a header name that is not a string", { bodyBasedRouting: undefined, headerBasedRouting: { headerName: 7 } }],
  ])("the contract refuses %s: 400 INVALID_ARGUMENT, logged", async (_what, over) => {
    const api = await coreweave();
    const r = await api.post(newGateway(over));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(3);
    expect(r.body.details[0]["@type"]).toBe("type.googleapis.com/google.rpc.BadRequest");
    expect(api.contractViolations()).toHaveLength(1);
    expect((await api.get(GATEWAYS)).body.items).toHaveLength(3);
  });

  it.each([
    ["an unknown zone", { zones: ["MARS-01A"] }, "zones[0]"],
    ["two zones (one zone per gateway today)", { zones: ["US-EAST-04A", "US-WEST-09B"] }, "zones"],
    ["W&B auth without a key", { coreWeaveAuth: undefined, weightsAndBiasesAuth: { serverUrl: "https://api.wandb.ai" } }, "weightsAndBiasesAuth.apiKey"],
    ["an empty name", { name: " " }, "name"],
    ["a header name that is not a token", { bodyBasedRouting: undefined, headerBasedRouting: { headerName: "x model" } }, "headerBasedRouting.headerName"],
    ["a DNS name that is not one", { endpointConfiguration: { additionalDns: ["not a host"] } }, "endpointConfiguration.additionalDns[0]"],
    ["an id that is not a UUID", { id: "abc" }, "id"],
  ])("the service refuses %s: 400 INVALID_ARGUMENT naming the field", async (_what, over, field) => {
    const api = await coreweave();
    const r = await api.post(newGateway(over));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(3);
    expect(r.body.details[0].fieldViolations.map((v: any) => v.field)).toContain(field);
    expect(api.contractViolations()).toEqual([]);
  });

  it("ignores fields it does not know, as protobuf JSON parsers may (the shared spec allows them)", async () => {
    const api = await coreweave();
    const r = await api.post(newGateway({ labels: { team: "a" } }));
    expect(r.status).toBe(200);
    expect(r.body.gateway.spec.labels).toBeUndefined();
    expect(api.contractViolations()).toEqual([]);
  });

  it("takes a client-chosen UUID once (409 ALREADY_EXISTS the second time)", async () => {
    const api = await coreweave();
    const id = "11111111-2222-4333-8444-555555555555";
    expect((await api.post(newGateway({ id }))).body.gateway.spec.id).toBe(id);
    const again = await api.post(newGateway({ id }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(6);
  });
});

describe("CoreWeave sandbox: update (research §3.4)", () => {
  async function readyGateway(api: Awaited<ReturnType<typeof coreweave>>, over: Record<string, unknown> = {}) {
    const id = (await api.post(newGateway(over))).body.gateway.spec.id as string;
    return id;
  }

  it("needs the full spec with the path's id, and goes UPDATING", async () => {
    const api = await coreweave({ transitionMs: 60_000 });
    const id = (await api.get(GATEWAYS)).body.items[0].spec.id;
    expect((await api.patch(id, { name: "x" })).status).toBe(400);
    expect(api.contractViolations()).toHaveLength(1);
    const other = await api.patch(id, { ...newGateway(), id: "00000000-0000-4000-8000-000000000000" });
    expect(other.status).toBe(400);
    expect(other.body.details[0].fieldViolations[0]).toMatchObject({ field: "id" });
    const ok = await api.patch(id, { ...newGateway({ name: "renamed" }), id, headerBasedRouting: { headerName: "x-model" }, bodyBasedRouting: undefined });
    expect(ok.status).toBe(200);
    expect(ok.body.gateway.spec).toMatchObject({ name: "renamed", headerBasedRouting: { headerName: "x-model" } });
    expect(ok.body.gateway.spec.bodyBasedRouting).toBeUndefined();
    expect(ok.body.gateway.status.status).toBe("STATUS_UPDATING");
    expect(ok.body.gateway.status.endpoints).toBeUndefined();
    expect((await api.patch("00000000-0000-4000-8000-000000000000", { ...newGateway(), id: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
  });

  it("keeps the stored W&B key when an update leaves it out; switching to W&B needs one", async () => {
    const api = await coreweave();
    const wandb = (await api.get(GATEWAYS)).body.items[1].spec;
    const keep = await api.patch(wandb.id, { id: wandb.id, name: wandb.name, zones: wandb.zones, weightsAndBiasesAuth: { enableRateLimiting: true }, pathBasedRouting: {} });
    expect(keep.status).toBe(200);
    expect(keep.body.gateway.spec.weightsAndBiasesAuth).toEqual({ serverUrl: "https://api.wandb.ai", enableUsageReports: false, enableRateLimiting: true });

    const id = await readyGateway(api);
    const noKey = await api.patch(id, { ...newGateway(), id, coreWeaveAuth: undefined, weightsAndBiasesAuth: {} });
    expect(noKey.status).toBe(400);
    expect(noKey.body.details[0].fieldViolations[0].field).toBe("weightsAndBiasesAuth.apiKey");
    const withKey = await api.patch(id, { ...newGateway(), id, coreWeaveAuth: undefined, weightsAndBiasesAuth: { apiKey: "wb-new-key" } });
    expect(withKey.body.gateway.spec.weightsAndBiasesAuth).toEqual({ serverUrl: "https://api.wandb.ai", enableUsageReports: false, enableRateLimiting: false });
    expect(JSON.stringify(withKey.body)).not.toContain("wb-new-key");
  });

  it("an empty endpointConfiguration keeps the DNS names; a list replaces them", async () => {
    const api = await coreweave();
    const chat = (await api.get(GATEWAYS)).body.items[0].spec;
    const base = { id: chat.id, name: chat.name, zones: chat.zones, coreWeaveAuth: {}, pathBasedRouting: {} };
    expect((await api.patch(chat.id, { ...base, endpointConfiguration: {} })).body.gateway.spec.endpointConfiguration).toEqual({ additionalDns: ["llm.example.com"] });
    expect((await api.patch(chat.id, base)).body.gateway.spec.endpointConfiguration).toEqual({ additionalDns: ["llm.example.com"] });
    expect((await api.patch(chat.id, { ...base, endpointConfiguration: { additionalDns: ["b.example.com"] } })).body.gateway.spec.endpointConfiguration).toEqual({
      additionalDns: ["b.example.com"],
    });
  });

  it("refuses a change to a gateway being deleted (400 FAILED_PRECONDITION)", async () => {
    const api = await coreweave({ transitionMs: 60_000 });
    const id = (await api.get(GATEWAYS)).body.items[0].spec.id;
    await api.del(id);
    const r = await api.patch(id, { ...newGateway(), id });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 9, details: [expect.objectContaining({ "@type": "type.googleapis.com/google.rpc.PreconditionFailure" })] });
  });
});

describe("CoreWeave sandbox: delete (research §3.5)", () => {
  it("answers the gateway DELETING; a repeat answers the same; unknown id 404", async () => {
    const api = await coreweave({ transitionMs: 60_000 });
    const id = (await api.get(GATEWAYS)).body.items[0].spec.id;
    const first = await api.del(id);
    expect(first.status).toBe(200);
    expect(first.body.gateway.status.status).toBe("STATUS_DELETING");
    expect(first.body.gateway.status.endpoints).toBeUndefined();
    expect((await api.del(id)).body).toEqual(first.body);
    expect((await api.get(GATEWAYS)).body.items).toHaveLength(3);
    expect((await api.del("00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

describe("CoreWeave sandbox: state file", () => {
  it("saves every change and loads it again, W&B keys only as a digest", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "gw-cw-")), "state.json");
    const api = await coreweave({ stateFile: file });
    const created = await api.post(newGateway({ name: "kept", coreWeaveAuth: undefined, weightsAndBiasesAuth: { apiKey: "wb-secret-123" } }));
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("wb-secret-123");
    expect(text).toContain(`sha256:${createHash("sha256").update("wb-secret-123").digest("hex")}`);
    await api.sb.close();
    const again = await coreweave({ stateFile: file });
    const names = (await again.get(GATEWAYS)).body.items.map((g: any) => g.spec.name);
    expect(names).toContain("kept");
    expect((await again.get(`${GATEWAYS}/${created.body.gateway.spec.id}`)).body.gateway.status.status).toBe("STATUS_READY");
  });
});
