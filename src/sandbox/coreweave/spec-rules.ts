import { createHash } from "node:crypto";
import type { Reply } from "../backend.js";
import { invalidArgument, type FieldViolation } from "./errors.js";
import type { GatewayRow, RoutingRow, WandbAuthRow } from "./state.js";
import { canonicalZone } from "./zones.js";

/** The spec fields of a create or update request, checked and normalised. */
export type SpecFields = Pick<GatewayRow, "name" | "zones" | "wandb" | "routing" | "additionalDns" | "allowedSourceIpRanges">;

type Body = Record<string, unknown>;

const DEFAULT_WANDB_SERVER = "https://api.wandb.ai";
const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const DNS_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export const digestKey = (key: string): string => `sha256:${createHash("sha256").update(key).digest("hex")}`;

/**
 * The service's rules beyond the request schema (the contract has already checked types, required
 * fields, the header-name length and "exactly one" by then; those are re-checked here so the handler
 * never stores half a spec). `current` is the stored gateway on update: a W&B block without apiKey keeps
 * the stored key, and an empty endpointConfiguration keeps the stored DNS names (research §3.4).
 */
export function readSpec(body: Body, current?: GatewayRow): SpecFields | Reply {
  const problems: FieldViolation[] = [];
  const bad = (field: string, description: string) => problems.push({ field, description });

  const name = typeof body.name === "string" ? body.name.trim() : "";
  if (!name) bad("name", "must not be empty");

  const zones = Array.isArray(body.zones) ? body.zones : [];
  const canonical: string[] = [];
  if (zones.length !== 1) bad("zones", "gateways are currently limited to one zone");
  zones.forEach((zone, i) => {
    const known = typeof zone === "string" ? canonicalZone(zone) : undefined;
    if (known) canonical.push(known);
    else bad(`zones[${i}]`, `unknown zone "${String(zone)}" (see GET /v1alpha1/inference/gateways/parameters)`);
  });

  const wandb = readAuth(body, current, bad);
  const routing = readRouting(body, bad);
  const endpoint = (body.endpointConfiguration ?? {}) as Body;
  const dns = stringList(endpoint.additionalDns);
  dns.forEach((host, i) => {
    if (!DNS_NAME.test(host)) bad(`endpointConfiguration.additionalDns[${i}]`, `"${host}" is not a DNS name`);
  });
  const ranges = stringList(endpoint.allowedSourceIpRanges);

  if (problems.length || wandb === "invalid" || routing === undefined) return invalidArgument(problems);
  return {
    name,
    zones: canonical,
    wandb,
    routing,
    additionalDns: dns.length || !current ? dns : current.additionalDns,
    allowedSourceIpRanges: ranges.length || !current ? ranges : current.allowedSourceIpRanges,
  };
}

function readAuth(body: Body, current: GatewayRow | undefined, bad: (f: string, d: string) => void): WandbAuthRow | null | "invalid" {
  const given = ["coreWeaveAuth", "weightsAndBiasesAuth"].filter((k) => body[k] !== undefined && body[k] !== null);
  if (given.length !== 1) {
    bad("", "exactly one of coreWeaveAuth, weightsAndBiasesAuth is required");
    return "invalid";
  }
  if (given[0] === "coreWeaveAuth") return null;
  const w = body.weightsAndBiasesAuth as Body;
  const key = typeof w.apiKey === "string" ? w.apiKey.trim() : "";
  const digest = key ? digestKey(key) : current?.wandb?.apiKeyDigest;
  if (!digest) {
    bad("weightsAndBiasesAuth.apiKey", "required when a gateway gets W&B authentication");
    return "invalid";
  }
  const serverUrl = typeof w.serverUrl === "string" && w.serverUrl.trim() ? w.serverUrl.trim() : DEFAULT_WANDB_SERVER;
  if (!/^https?:\/\/[^\s/]+/.test(serverUrl)) {
    bad("weightsAndBiasesAuth.serverUrl", `"${serverUrl}" is not an http(s) URL`);
    return "invalid";
  }
  return {
    apiKeyDigest: digest,
    serverUrl,
    enableUsageReports: w.enableUsageReports === true,
    enableRateLimiting: w.enableRateLimiting === true,
  };
}

function readRouting(body: Body, bad: (f: string, d: string) => void): RoutingRow | undefined {
  const given = ["bodyBasedRouting", "headerBasedRouting", "pathBasedRouting"].filter((k) => body[k] !== undefined && body[k] !== null);
  if (given.length !== 1) {
    bad("", "exactly one of bodyBasedRouting, headerBasedRouting, pathBasedRouting is required");
    return undefined;
  }
  if (given[0] === "pathBasedRouting") return { kind: "path" };
  if (given[0] === "bodyBasedRouting") {
    const apiType = (body.bodyBasedRouting as Body).apiType;
    return { kind: "body", apiType: typeof apiType === "string" ? apiType : "API_TYPE_UNSPECIFIED" };
  }
  const headerName = (body.headerBasedRouting as Body).headerName;
  if (typeof headerName !== "string" || headerName.length < 1 || headerName.length > 100) {
    bad("headerBasedRouting.headerName", "must be 1 to 100 characters");
    return undefined;
  }
  if (!HEADER_TOKEN.test(headerName)) {
    bad("headerBasedRouting.headerName", `"${headerName}" is not a valid HTTP header name`);
    return undefined;
  }
  return { kind: "header", headerName };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
