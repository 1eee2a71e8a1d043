import type { GatewayInput, GatewayPatch, GatewayRouting, WandbSettings } from "../../domain/gateway.js";
import { isRecord } from "../wire-check.js";
import { apiTypeOf } from "./from-wire.js";
import type { ResolvedUpdate } from "./merge.js";
import { AUTH_BLOCKS, OUTPUT_ONLY_SPEC_FIELDS, ROUTING_BLOCKS, type WireGatewayRequest, type WireWandbAuth } from "./wire.js";

type Obj = Record<string, unknown>;

/** CreateGatewayRequest: name, zones, one auth block, one routing block, DNS names when given. */
export function createBody(input: GatewayInput): WireGatewayRequest {
  const body: WireGatewayRequest = { name: input.name, zones: input.zones };
  if (input.auth === "wandb") body.weightsAndBiasesAuth = wandbBlock({}, input.wandb ?? {});
  else body.coreWeaveAuth = {};
  if (input.additionalDns?.length) body.endpointConfiguration = { additionalDns: input.additionalDns };
  Object.assign(body, routingBlock(input.routing, {}, input));
  return body;
}

/**
 * UpdateGatewayRequest: there is no field mask, so the whole spec goes back (research §3.4). It starts
 * from the spec as read, so fields gw does not model (allowedSourceIpRanges, newer ones) survive; the
 * service's own fields are dropped; the patch is laid over it; and exactly one auth and one routing
 * block remain. A W&B block kept as it was carries the key only if the server echoed it.
 */
export function updateBody(id: string, spec: Obj, patch: GatewayPatch, resolved: ResolvedUpdate): WireGatewayRequest {
  const kept = Object.fromEntries(
    Object.entries(spec).filter(
      ([k]) => !(OUTPUT_ONLY_SPEC_FIELDS as readonly string[]).includes(k) && !(AUTH_BLOCKS as readonly string[]).includes(k) && !(ROUTING_BLOCKS as readonly string[]).includes(k),
    ),
  );
  const body: WireGatewayRequest = {
    ...kept,
    id,
    name: patch.name ?? (typeof spec.name === "string" ? spec.name : ""),
    zones: patch.zones ?? (Array.isArray(spec.zones) ? spec.zones.filter((z): z is string => typeof z === "string") : []),
  };
  if (resolved.auth === "wandb") {
    const before = isRecord(spec.weightsAndBiasesAuth) ? spec.weightsAndBiasesAuth : {};
    const settings: WandbSettings = { ...patch.wandb };
    if (resolved.wandbApiKey !== undefined) settings.apiKey = resolved.wandbApiKey;
    body.weightsAndBiasesAuth = wandbBlock(before, settings);
  } else {
    body.coreWeaveAuth = {};
  }
  if (patch.additionalDns !== undefined) {
    const before = isRecord(spec.endpointConfiguration) ? spec.endpointConfiguration : {};
    body.endpointConfiguration = { ...before, additionalDns: patch.additionalDns };
  }
  const sameRouting = isRecord(spec[`${resolved.routing}BasedRouting`]);
  Object.assign(body, routingBlock(resolved.routing, sameRouting ? (spec[`${resolved.routing}BasedRouting`] as Obj) : {}, patch));
  return body;
}

/** The W&B block: what was there, overlaid with the settings given. */
function wandbBlock(before: Obj, given: WandbSettings): WireWandbAuth {
  const block: WireWandbAuth & Obj = { ...before };
  if (given.apiKey !== undefined) block.apiKey = given.apiKey;
  if (given.serverUrl !== undefined) block.serverUrl = given.serverUrl;
  if (given.usageReports !== undefined) block.enableUsageReports = given.usageReports;
  if (given.rateLimiting !== undefined) block.enableRateLimiting = given.rateLimiting;
  return block;
}

/**
 * One routing block. Body routing defaults to the OpenAI format (the only one besides "unspecified",
 * research §3.3); an apiType read as a number (older encoding) goes back by name.
 */
function routingBlock(routing: GatewayRouting, before: Obj, given: { apiType?: string; headerName?: string }): Partial<WireGatewayRequest> {
  switch (routing) {
    case "body": {
      const apiType = given.apiType ?? (before.apiType !== undefined ? apiTypeOf(before.apiType) : "openai");
      return { bodyBasedRouting: { ...before, apiType: `API_TYPE_${apiType.toUpperCase()}` } };
    }
    case "header":
      // Only a string is a header name: String() of an object the server sent could throw ({"toString": 1}).
      return { headerBasedRouting: { ...before, headerName: given.headerName ?? (typeof before.headerName === "string" ? before.headerName : "") } };
    case "path":
      return { pathBasedRouting: {} };
  }
}
