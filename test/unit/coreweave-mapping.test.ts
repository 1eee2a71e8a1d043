import { describe, expect, it } from "vitest";
import { gatewayFromBody, gatewaysFromListBody, statusOf, toGateway, zonesFromBody } from "../../src/backends/coreweave/from-wire.js";
import { createBody, updateBody } from "../../src/backends/coreweave/to-wire.js";
import { resolveUpdate } from "../../src/backends/coreweave/merge.js";
import { rawOf } from "../../src/domain/binding.js";
import type { Gateway } from "../../src/domain/gateway.js";
import { ExitCode } from "../../src/exit-codes.js";

const ID = "4f1b2c3d-0000-4000-8000-00000000abcd";

function wireGateway(spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}) {
  return {
    spec: {
      id: ID,
      name: "chat",
      zones: ["US-EAST-04A"],
      coreWeaveAuth: {},
      organizationId: "cw-org",
      endpointConfiguration: { additionalDns: ["llm.example.com"], allowedSourceIpRanges: ["10.0.0.0/8"] },
      bodyBasedRouting: { apiType: "API_TYPE_OPENAI" },
      ...spec,
    },
    status: {
      createdAt: "2026-11-01T10:00:00Z",
      updatedAt: "2026-11-01T10:05:00Z",
      status: "STATUS_READY",
      endpoints: ["https://chat.example"],
      conditions: [{ type: "Ready", status: "True", reason: "Available", message: "ok", zone: "US-EAST-04A", lastUpdateTime: "2026-11-01T10:05:00Z" }],
      ...status,
    },
  };
}

describe("CoreWeave wire -> Gateway record (research §3.3)", () => {
  it("maps every field of a CoreWeave-auth, body-routed gateway", () => {
    const g = gatewayFromBody({ gateway: wireGateway() }, "get");
    expect(g).toEqual({
      id: ID,
      backend: "coreweave",
      name: "chat",
      zones: ["US-EAST-04A"],
      auth: "coreweave",
      wandb: null,
      routing: "body",
      apiType: "openai",
      headerName: null,
      additionalDns: ["llm.example.com"],
      endpoints: ["https://chat.example"],
      status: "ready",
      conditions: [{ type: "Ready", status: "True", reason: "Available", message: "ok", zone: "US-EAST-04A", lastUpdateTime: "2026-11-01T10:05:00Z" }],
      organizationId: "cw-org",
      createdAt: "2026-11-01T10:00:00Z",
      updatedAt: "2026-11-01T10:05:00Z",
    } satisfies Gateway);
  });

  it("reads integer enums by proto order, as older docs showed them", () => {
    const g = toGateway(wireGateway({ bodyBasedRouting: { apiType: 1 } }, { status: 6, conditions: [{ type: "Ready", status: 2 }] }), "get");
    expect(g.status).toBe("failed");
    expect(g.apiType).toBe("openai");
    expect(g.conditions[0]!.status).toBe("False");
    expect([0, 1, 2, 3, 4, 5, 6, 99].map(statusOf)).toEqual(["unspecified", "creating", "ready", "updating", "deleting", "error", "failed", "unspecified"]);
    expect(statusOf("STATUS_CREATING")).toBe("creating");
    expect(statusOf(undefined)).toBe("unspecified");
  });

  it("never puts a W&B key in the record, and masks one the server echoed in the raw body", () => {
    const key = "wandb-secret-key-0123456789";
    const g = toGateway(
      wireGateway({ coreWeaveAuth: undefined, weightsAndBiasesAuth: { apiKey: key, serverUrl: "https://api.wandb.ai", enableUsageReports: true } }),
      "get",
    );
    expect(g.auth).toBe("wandb");
    expect(g.wandb).toEqual({ serverUrl: "https://api.wandb.ai", usageReports: true, rateLimiting: false });
    expect(JSON.stringify(g)).not.toContain(key);
    const raw = rawOf(g) as { spec: { weightsAndBiasesAuth: { apiKey: string } } };
    expect(raw.spec.weightsAndBiasesAuth.apiKey).toBe("wand****6789");
    expect(JSON.stringify(raw)).not.toContain(key);
  });

  it("reads header and path routing, and fields protobuf JSON leaves out as empty", () => {
    const header = toGateway({ spec: { id: ID, headerBasedRouting: { headerName: "x-model" }, weightsAndBiasesAuth: {} } }, "get");
    expect(header).toMatchObject({ routing: "header", headerName: "x-model", apiType: null, auth: "wandb", zones: [], endpoints: [], conditions: [], status: "unspecified", name: "" });
    expect(header.wandb).toEqual({ serverUrl: null, usageReports: false, rateLimiting: false });
    expect(toGateway({ spec: { id: ID, pathBasedRouting: {} } }, "get")).toMatchObject({ routing: "path", auth: null });
  });

  it("reads a list with or without items, and refuses a body that is not a gateway (exit 6)", () => {
    expect(gatewaysFromListBody({}, "list")).toEqual([]);
    expect(gatewaysFromListBody(undefined, "list")).toEqual([]);
    expect(gatewaysFromListBody({ items: [wireGateway()] }, "list").map((g) => g.id)).toEqual([ID]);
    expect(() => gatewaysFromListBody({ items: {} }, "list")).toThrow(expect.objectContaining({ exitCode: ExitCode.Unavailable }));
    expect(() => gatewayFromBody({ gateway: { status: {} } }, "get")).toThrow(/no "spec" object/);
    expect(() => gatewayFromBody({ gateway: { spec: { name: "x" } } }, "get")).toThrow(/"id" is not a string/);
  });

  it("reads the zones and keeps the raw body", () => {
    const zones = zonesFromBody({ zones: ["US-EAST-04A", 3, "US-WEST-09B"] }, "zones");
    expect([...zones]).toEqual(["US-EAST-04A", "US-WEST-09B"]);
    expect(rawOf(zones)).toEqual({ zones: ["US-EAST-04A", 3, "US-WEST-09B"] });
  });
});

describe("Gateway input -> CreateGatewayRequest", () => {
  it("sends one auth block and one routing block", () => {
    expect(createBody({ name: "a", zones: ["US-EAST-04A"], auth: "coreweave", routing: "body", apiType: "openai" })).toEqual({
      name: "a",
      zones: ["US-EAST-04A"],
      coreWeaveAuth: {},
      bodyBasedRouting: { apiType: "API_TYPE_OPENAI" },
    });
    expect(
      createBody({
        name: "b",
        zones: ["US-EAST-04A"],
        auth: "wandb",
        wandb: { apiKey: "k", serverUrl: "https://wandb.example", usageReports: false, rateLimiting: true },
        routing: "header",
        headerName: "x-model",
        additionalDns: ["a.example.com"],
      }),
    ).toEqual({
      name: "b",
      zones: ["US-EAST-04A"],
      weightsAndBiasesAuth: { apiKey: "k", serverUrl: "https://wandb.example", enableUsageReports: false, enableRateLimiting: true },
      endpointConfiguration: { additionalDns: ["a.example.com"] },
      headerBasedRouting: { headerName: "x-model" },
    });
    expect(createBody({ name: "c", zones: ["Z"], auth: "coreweave", routing: "path" })).toEqual({ name: "c", zones: ["Z"], coreWeaveAuth: {}, pathBasedRouting: {} });
  });
});

describe("GET, merge, PATCH: the full spec goes back (research §3.4)", () => {
  const wire = wireGateway();
  const current = toGateway(wire, "get");

  it("keeps every field it was not asked to change, including ones gw does not model, and drops organizationId", () => {
    const patch = { name: "renamed" };
    expect(updateBody(ID, wire.spec, patch, resolveUpdate(current, patch))).toEqual({
      id: ID,
      name: "renamed",
      zones: ["US-EAST-04A"],
      coreWeaveAuth: {},
      endpointConfiguration: { additionalDns: ["llm.example.com"], allowedSourceIpRanges: ["10.0.0.0/8"] },
      bodyBasedRouting: { apiType: "API_TYPE_OPENAI" },
    });
  });

  it("switching routing or auth leaves exactly one block of each", () => {
    const patch = { routing: "header" as const, headerName: "x-model", auth: "wandb" as const, wandbApiKeyIfNeeded: "env-key" };
    const body = updateBody(ID, wire.spec, patch, resolveUpdate(current, patch));
    expect(Object.keys(body).filter((k) => k.endsWith("Routing"))).toEqual(["headerBasedRouting"]);
    expect(Object.keys(body).filter((k) => k.endsWith("Auth"))).toEqual(["weightsAndBiasesAuth"]);
    expect(body.weightsAndBiasesAuth).toEqual({ apiKey: "env-key" });
    expect(body.headerBasedRouting).toEqual({ headerName: "x-model" });
  });

  it("replaces the DNS names when given, keeping the rest of endpointConfiguration", () => {
    const patch = { additionalDns: ["b.example.com"] };
    expect(updateBody(ID, wire.spec, patch, resolveUpdate(current, patch)).endpointConfiguration).toEqual({
      additionalDns: ["b.example.com"],
      allowedSourceIpRanges: ["10.0.0.0/8"],
    });
  });

  it("staying on W&B auth keeps the block as read: no key unless given, or the one the server echoed", () => {
    const wandbWire = wireGateway({ coreWeaveAuth: undefined, weightsAndBiasesAuth: { serverUrl: "https://api.wandb.ai", enableUsageReports: true } });
    const wandbGateway = toGateway(wandbWire, "get");
    const patch = { wandb: { rateLimiting: true }, wandbApiKeyIfNeeded: "env-key" };
    const resolved = resolveUpdate(wandbGateway, patch);
    expect(resolved.wandbApiKey).toBeUndefined();
    expect(updateBody(ID, wandbWire.spec, patch, resolved).weightsAndBiasesAuth).toEqual({
      serverUrl: "https://api.wandb.ai",
      enableUsageReports: true,
      enableRateLimiting: true,
    });
    const echoed = wireGateway({ coreWeaveAuth: undefined, weightsAndBiasesAuth: { apiKey: "stored-key" } });
    const keep = updateBody(ID, echoed.spec, { name: "x" }, resolveUpdate(toGateway(echoed, "get"), { name: "x" }));
    expect(keep.weightsAndBiasesAuth).toEqual({ apiKey: "stored-key" });
    const rotate = { wandb: { apiKey: "new-key" } };
    expect(updateBody(ID, echoed.spec, rotate, resolveUpdate(toGateway(echoed, "get"), rotate)).weightsAndBiasesAuth).toEqual({ apiKey: "new-key" });
  });

  it("an apiType read as a number goes back by name", () => {
    const numeric = wireGateway({ bodyBasedRouting: { apiType: 1 } });
    const body = updateBody(ID, numeric.spec, { name: "x" }, resolveUpdate(toGateway(numeric, "get"), { name: "x" }));
    expect(body.bodyBasedRouting).toEqual({ apiType: "API_TYPE_OPENAI" });
  });

  it("refuses flags that do not fit the gateway as it is (exit 2)", () => {
    const usage = expect.objectContaining({ exitCode: ExitCode.Usage });
    expect(() => resolveUpdate(current, { wandb: { serverUrl: "https://x" } })).toThrow(usage);
    expect(() => resolveUpdate(current, { wandb: { serverUrl: "https://x" } })).toThrow(/add --auth wandb to switch/);
    expect(() => resolveUpdate(current, { routing: "path", apiType: "openai" })).toThrow(/--api-type applies to body routing/);
    expect(() => resolveUpdate(current, { routing: "header" })).toThrow(/needs --header-name/);
    expect(() => resolveUpdate(current, { auth: "wandb" })).toThrow(/needs the W&B API key/);
    expect(resolveUpdate(current, { auth: "wandb", wandb: { apiKey: "k" } })).toEqual({ auth: "wandb", routing: "body", wandbApiKey: "k" });
    const noAuth = { ...current, auth: null };
    expect(() => resolveUpdate(noAuth, { name: "x" })).toThrow(/reports no auth type/);
  });
});
