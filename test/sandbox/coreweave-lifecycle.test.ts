import { describe, expect, it } from "vitest";
import { begin, conditionsOf, endpointsOf, settleAll } from "../../src/sandbox/coreweave/lifecycle.js";
import { seedState } from "../../src/sandbox/coreweave/seed.js";
import { emptyState, type GatewayRow } from "../../src/sandbox/coreweave/state.js";
import { coreweave, GATEWAYS, newGateway, sleep } from "./coreweave-helpers.js";

const T = Date.parse("2026-11-23T12:00:00.000Z");

function row(zone: string): GatewayRow {
  return {
    id: "6f0e0b0a-0000-4000-8000-000000000001", name: "g", zones: [zone], wandb: null, routing: { kind: "path" },
    additionalDns: [], allowedSourceIpRanges: [], phase: "STATUS_READY", settlesAt: null,
    createdAt: new Date(T).toISOString(), updatedAt: new Date(T).toISOString(), phaseSince: new Date(T).toISOString(),
  };
}

/** The transitions on an explicit clock: no waiting, nothing to flake. */
describe("CoreWeave sandbox lifecycle (research §3.4-3.5)", () => {
  it("CREATING -> READY after transitionMs, with endpoints only then", () => {
    const s = emptyState();
    const g = row("US-EAST-04A");
    s.gateways.set(g.id, g);
    begin(g, "STATUS_CREATING", T, 300);
    settleAll(s, T + 299);
    expect(g.phase).toBe("STATUS_CREATING");
    expect(endpointsOf(g)).toEqual([]);
    settleAll(s, T + 300);
    expect(g.phase).toBe("STATUS_READY");
    expect(g.updatedAt).toBe("2026-11-23T12:00:00.300Z");
    expect(endpointsOf(g)).toEqual(["https://gw-6f0e0b0a.us-east-04a.inference.coreweave.sandbox"]);
    expect(conditionsOf(g).map((c) => [c.type, c.status])).toEqual([["Ready", "True"], ["Progressing", "False"]]);
  });

  it("in the zone without capacity: a new gateway FAILS, a change ends in ERROR", () => {
    const s = emptyState();
    const created = row("US-CENTRAL-07A");
    const moved = { ...row("US-CENTRAL-07A"), id: "6f0e0b0a-0000-4000-8000-000000000002" };
    s.gateways.set(created.id, created);
    s.gateways.set(moved.id, moved);
    begin(created, "STATUS_CREATING", T, 10);
    begin(moved, "STATUS_UPDATING", T, 10);
    settleAll(s, T + 10);
    expect([created.phase, moved.phase]).toEqual(["STATUS_FAILED", "STATUS_ERROR"]);
    expect(conditionsOf(created)[0]).toMatchObject({ type: "Ready", status: "False", reason: "ProvisioningFailed", zone: "US-CENTRAL-07A" });
    expect(conditionsOf(moved)[0]).toMatchObject({ reason: "RolloutFailed" });
  });

  it("DELETING -> gone", () => {
    const s = emptyState();
    const g = row("US-EAST-04A");
    s.gateways.set(g.id, g);
    begin(g, "STATUS_DELETING", T, 50);
    settleAll(s, T + 49);
    expect(s.gateways.has(g.id)).toBe(true);
    settleAll(s, T + 50);
    expect(s.gateways.has(g.id)).toBe(false);
  });

  it("the demo seed has the same ids every time", () => {
    expect([...seedState("demo").gateways.keys()]).toEqual([...seedState("demo").gateways.keys()]);
  });
});

describe("CoreWeave sandbox lifecycle over HTTP", () => {
  it("create -> READY, an update into the zone without capacity -> ERROR, delete -> 404, with a short transition", async () => {
    const api = await coreweave({ transitionMs: 30 });
    const id = (await api.post(newGateway())).body.gateway.spec.id;
    await sleep(60);
    const ready = await api.get(`${GATEWAYS}/${id}`);
    expect(ready.body.gateway.status.status).toBe("STATUS_READY");
    expect(ready.body.gateway.status.endpoints).toHaveLength(1);
    expect((await api.patch(id, { ...newGateway({ zones: ["US-CENTRAL-07A"] }), id })).body.gateway.status.status).toBe("STATUS_UPDATING");
    await sleep(60);
    expect((await api.get(`${GATEWAYS}/${id}`)).body.gateway.status.status).toBe("STATUS_ERROR");
    await api.del(id);
    await sleep(60);
    expect((await api.get(`${GATEWAYS}/${id}`)).status).toBe(404);
    expect(api.contractViolations()).toEqual([]);
  });
});
