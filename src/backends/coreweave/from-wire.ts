import { withRaw, type WithRaw } from "../../domain/binding.js";
import type { Gateway, GatewayAuth, GatewayCondition, GatewayRouting, GatewayStatus } from "../../domain/gateway.js";
import { maskSecret } from "../../redact.js";
import { field, isId, isRecord, isString, unexpected } from "../wire-check.js";
import { WIRE_API_TYPES, WIRE_STATUSES } from "./wire.js";

type Obj = Record<string, unknown>;

/** `{items: [...]}` from ListGateways; protobuf JSON may leave an empty list out entirely. */
export function gatewaysFromListBody(body: unknown, what: string): WithRaw<Gateway>[] {
  if (body === undefined) return [];
  if (!isRecord(body)) throw unexpected(what, `expected {"items": [...]}`);
  if (body.items === undefined || body.items === null) return [];
  if (!Array.isArray(body.items)) throw unexpected(what, `"items" is not a list`);
  return body.items.map((item) => toGateway(item, what));
}

/** `{gateway: {...}}` from Get/Create/Update/Delete. */
export function gatewayFromBody(body: unknown, what: string): WithRaw<Gateway> {
  if (!isRecord(body) || !isRecord(body.gateway)) throw unexpected(what, `expected {"gateway": {...}}`);
  return toGateway(body.gateway, what);
}

/** `{zones: [...]}` from GetGatewayParameters; the raw body is kept for --raw. */
export function zonesFromBody(body: unknown, what: string): WithRaw<string[]> {
  if (!isRecord(body)) throw unexpected(what, `expected {"zones": [...]}`);
  return withRaw(strings(body.zones), body);
}

/**
 * One wire gateway `{spec, status}` -> gw's record. Lenient where research §3.3 and §3.8 are unsure:
 * enums as names or proto numbers, fields left out read as empty, a W&B key the server may echo is
 * never part of the record and is masked in the raw body kept for --raw.
 */
export function toGateway(item: unknown, what: string): WithRaw<Gateway> {
  if (!isRecord(item)) throw unexpected(what, "a gateway is not an object");
  if (!isRecord(item.spec)) throw unexpected(what, `a gateway has no "spec" object`);
  const spec = item.spec;
  const status = isRecord(item.status) ? item.status : {};
  const wandb = isRecord(spec.weightsAndBiasesAuth) ? spec.weightsAndBiasesAuth : undefined;
  const endpointConfiguration = isRecord(spec.endpointConfiguration) ? spec.endpointConfiguration : {};
  const routing = routingOf(spec);
  return withRaw<Gateway>(
    {
      // Named in gw's messages ("gateway <id> reports no auth type"): a usable id, not any string.
      id: field(what, spec, "id", isId, "a string without control characters"),
      backend: "coreweave",
      name: text(spec.name) ?? "",
      zones: strings(spec.zones),
      auth: authOf(spec),
      wandb: wandb
        ? { serverUrl: text(wandb.serverUrl), usageReports: wandb.enableUsageReports === true, rateLimiting: wandb.enableRateLimiting === true }
        : null,
      routing,
      apiType: routing === "body" ? apiTypeOf(obj(spec.bodyBasedRouting).apiType) : null,
      headerName: routing === "header" ? text(obj(spec.headerBasedRouting).headerName) : null,
      additionalDns: strings(endpointConfiguration.additionalDns),
      endpoints: strings(status.endpoints),
      status: statusOf(status.status),
      conditions: Array.isArray(status.conditions) ? status.conditions.filter(isRecord).map(conditionOf) : [],
      organizationId: text(spec.organizationId),
      createdAt: text(status.createdAt),
      updatedAt: text(status.updatedAt),
    },
    maskedRaw(item),
  );
}

function authOf(spec: Obj): GatewayAuth | null {
  if (isRecord(spec.weightsAndBiasesAuth)) return "wandb";
  if (isRecord(spec.coreWeaveAuth)) return "coreweave";
  return null;
}

function routingOf(spec: Obj): GatewayRouting | null {
  if (isRecord(spec.bodyBasedRouting)) return "body";
  if (isRecord(spec.headerBasedRouting)) return "header";
  if (isRecord(spec.pathBasedRouting)) return "path";
  return null;
}

/** STATUS_READY, or 2 in the older integer encoding (proto order), -> "ready". */
export function statusOf(value: unknown): GatewayStatus {
  const name = typeof value === "number" ? WIRE_STATUSES[value] : typeof value === "string" ? value.toUpperCase() : undefined;
  const known = WIRE_STATUSES.find((s) => s === name || s === `STATUS_${name}`);
  return (known ?? "STATUS_UNSPECIFIED").replace(/^STATUS_/, "").toLowerCase() as GatewayStatus;
}

/** API_TYPE_OPENAI (or 1) -> "openai"; absent means the proto default, "unspecified". */
export function apiTypeOf(value: unknown): string {
  const name = typeof value === "number" ? (WIRE_API_TYPES[value] ?? `API_TYPE_${value}`) : typeof value === "string" ? value : "API_TYPE_UNSPECIFIED";
  return name.replace(/^API_TYPE_/i, "").toLowerCase();
}

// The order of a numeric condition status is not documented anywhere (research §3.8); 1-3 follow the
// order the docs list the names in, after a zero "unspecified".
const CONDITION_STATUSES = ["Unknown", "True", "False", "Unknown"];

function conditionOf(c: Obj): GatewayCondition {
  const status = typeof c.status === "number" ? (CONDITION_STATUSES[c.status] ?? "Unknown") : (text(c.status) ?? "Unknown");
  return {
    type: text(c.type) ?? "",
    status,
    reason: text(c.reason),
    message: text(c.message),
    zone: text(c.zone),
    lastUpdateTime: text(c.lastUpdateTime),
  };
}

/** The wire gateway for --raw, with a W&B key the server echoed masked (`abcd****wxyz`). */
function maskedRaw(item: Obj): unknown {
  const spec = item.spec as Obj;
  const wandb = spec.weightsAndBiasesAuth;
  if (!isRecord(wandb) || typeof wandb.apiKey !== "string" || wandb.apiKey === "") return item;
  return { ...item, spec: { ...spec, weightsAndBiasesAuth: { ...wandb, apiKey: maskSecret(wandb.apiKey) } } };
}

const obj = (v: unknown): Obj => (isRecord(v) ? v : {});
const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isString) : []);
