import { randomUUID } from "node:crypto";
import type { Reply, RequestContext, Route } from "../backend.js";
import { failedPrecondition, gatewayNotFound, invalidArgument, rpcError } from "./errors.js";
import { begin, settleAll } from "./lifecycle.js";
import { readSpec } from "./spec-rules.js";
import type { CoreweaveState, GatewayRow } from "./state.js";
import { gatewayDto } from "./wire.js";
import { ZONES } from "./zones.js";

const BASE = "/v1alpha1/inference/gateways";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface GatewayRouteOptions {
  transitionMs: number;
  now?: () => number;
}

type Body = Record<string, unknown>;

/** GatewayService over REST (research §3.2). Every handler first applies the transitions that are due. */
export function gatewayRoutes(state: CoreweaveState, opts: GatewayRouteOptions): Route[] {
  const now = opts.now ?? Date.now;
  const settled = <T>(fn: (ctx: RequestContext, at: number) => T) => (ctx: RequestContext) => {
    const at = now();
    settleAll(state, at);
    return fn(ctx, at);
  };
  const one = (row: GatewayRow): Reply => ({ status: 200, body: { gateway: gatewayDto(state, row) } });

  return [
    {
      method: "GET",
      path: BASE,
      handle: settled(({ query }) => {
        const after = query.get("updatedAfter");
        const since = after === null ? undefined : Date.parse(after);
        if (since !== undefined && Number.isNaN(since)) return invalidArgument([{ field: "updatedAfter", description: "not an RFC 3339 time" }]);
        const rows = [...state.gateways.values()]
          .filter((g) => since === undefined || Date.parse(g.updatedAt) > since)
          .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
        return { status: 200, body: { items: rows.map((g) => gatewayDto(state, g)) } };
      }),
    },
    {
      // Before /:id, which would otherwise take "parameters" for an id.
      method: "GET",
      path: `${BASE}/parameters`,
      handle: () => ({ status: 200, body: { zones: [...ZONES] } }),
    },
    {
      method: "POST",
      path: BASE,
      body: "json",
      mutates: true,
      handle: settled(({ body }, at) => {
        const fields = body as Body;
        const spec = readSpec(fields);
        if ("status" in spec) return spec;
        const id = typeof fields.id === "string" && fields.id ? fields.id : randomUUID();
        // The documented create body has an optional id (research §3.3, purpose unconfirmed): taken as a
        // client-chosen UUID here.
        if (!UUID.test(id)) return invalidArgument([{ field: "id", description: "must be a UUID" }]);
        if (state.gateways.has(id)) return rpcError("ALREADY_EXISTS", `gateway ${id} already exists`);
        const stamp = new Date(at).toISOString();
        const row: GatewayRow = { id, ...spec, phase: "STATUS_CREATING", settlesAt: null, createdAt: stamp, updatedAt: stamp, phaseSince: stamp };
        begin(row, "STATUS_CREATING", at, opts.transitionMs);
        state.gateways.set(id, row);
        return one(row);
      }),
    },
    {
      method: "GET",
      path: `${BASE}/:id`,
      handle: settled(({ params }) => {
        const row = state.gateways.get(params.id!);
        return row ? one(row) : gatewayNotFound(params.id!);
      }),
    },
    {
      method: "PATCH",
      path: `${BASE}/:id`,
      body: "json",
      mutates: true,
      handle: settled(({ params, body }, at) => {
        const id = params.id!;
        const row = state.gateways.get(id);
        if (!row) return gatewayNotFound(id);
        const fields = body as Body;
        // The full spec is required and names its gateway (research §3.4).
        if (fields.id !== id) return invalidArgument([{ field: "id", description: `must equal the gateway id in the path (${id})` }]);
        if (row.phase === "STATUS_DELETING") return failedPrecondition(id, "the gateway is being deleted");
        const spec = readSpec(fields, row);
        if ("status" in spec) return spec;
        Object.assign(row, spec);
        // A change to a gateway still being created restarts its provisioning; otherwise it rolls out.
        begin(row, row.phase === "STATUS_CREATING" ? "STATUS_CREATING" : "STATUS_UPDATING", at, opts.transitionMs);
        return one(row);
      }),
    },
    {
      method: "DELETE",
      path: `${BASE}/:id`,
      mutates: true,
      handle: settled(({ params }, at) => {
        const row = state.gateways.get(params.id!);
        if (!row) return gatewayNotFound(params.id!);
        // The answer is the gateway "at the moment of deletion" (research §3.2); a repeated delete of a
        // gateway being torn down answers the same and does not restart the teardown.
        if (row.phase !== "STATUS_DELETING") begin(row, "STATUS_DELETING", at, opts.transitionMs);
        return one(row);
      }),
    },
  ];
}
