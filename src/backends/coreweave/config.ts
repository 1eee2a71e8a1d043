import type { Gateway, GatewayAuth, GatewayInput, GatewayPatch, GatewayRouting, WandbSettings } from "../../domain/gateway.js";
import { GATEWAY_API_TYPES, GATEWAY_AUTHS, GATEWAY_ROUTINGS } from "../../domain/gateway.js";
import { requirePart } from "../capabilities.js";
import type { ResourceKind, ResourceSpec } from "../../config/resource-kind.js";
import { nodeOf } from "../../config/validator.js";

/**
 * CoreWeave inference gateways in a document, named by gateway name:
 *   gateways: [{name, zones, auth, wandb, routing, apiType, headerName, additionalDns}]
 * Exactly one auth and one routing, as the API requires (research §3.3). The W&B API key is a secret and
 * never in a document: a gateway created or switched to W&B auth takes it from GW_WANDB_API_KEY.
 */
const FIELDS = ["zones", "auth", "wandb", "routing", "apiType", "headerName", "additionalDns"] as const;

export const coreweaveGateways: ResourceKind = {
  section: "gateways",
  noun: "gateway",
  keyFields: ["name"],
  fields: FIELDS,
  unordered: ["zones", "additionalDns"],

  parse(v, item, path) {
    v.onlyKeys(item, path, ["name", ...FIELDS]);
    const spec: ResourceSpec = { name: v.string(item, "name", path, true) ?? "" };
    const zones = v.stringList(item, "zones", path);
    if (zones !== undefined) {
      if (zones.length === 0) v.fail(nodeOf(item, "zones"), `${path}.zones: must name at least one zone`);
      spec.zones = zones;
    }
    const auth = v.oneOf(item, "auth", path, GATEWAY_AUTHS);
    if (auth !== undefined) spec.auth = auth;
    const wandb = v.mapping(item, "wandb", path);
    if (wandb === null) spec.wandb = null;
    else if (wandb !== undefined) {
      v.onlyKeys(wandb, `${path}.wandb`, ["serverUrl", "usageReports", "rateLimiting"]);
      // A setting left out (or a null serverUrl) is the server's default: not managed.
      const settings: Record<string, unknown> = {};
      const serverUrl = v.nullableString(wandb, "serverUrl", `${path}.wandb`);
      if (serverUrl) settings.serverUrl = serverUrl;
      const usageReports = v.boolean(wandb, "usageReports", `${path}.wandb`);
      if (usageReports !== undefined) settings.usageReports = usageReports;
      const rateLimiting = v.boolean(wandb, "rateLimiting", `${path}.wandb`);
      if (rateLimiting !== undefined) settings.rateLimiting = rateLimiting;
      spec.wandb = settings;
    }
    const routing = v.oneOf(item, "routing", path, GATEWAY_ROUTINGS);
    if (routing !== undefined) spec.routing = routing;
    const apiType = v.nullableString(item, "apiType", path);
    if (apiType !== undefined) {
      if (apiType !== null && !GATEWAY_API_TYPES.includes(apiType)) v.fail(nodeOf(item, "apiType"), `${path}.apiType: must be one of ${GATEWAY_API_TYPES.join(", ")}`);
      spec.apiType = apiType;
    }
    const headerName = v.nullableString(item, "headerName", path);
    if (headerName !== undefined) {
      if (headerName !== null && headerName.length > 100) v.fail(nodeOf(item, "headerName"), `${path}.headerName: at most 100 characters`);
      spec.headerName = headerName;
    }
    const dns = v.stringList(item, "additionalDns", path, { nullAsEmpty: true });
    if (dns !== undefined) spec.additionalDns = dns;
    // One routing strategy: its own setting only (the API holds exactly one block, research §3.3).
    if (spec.routing === "header" && !spec.headerName) v.fail(item, `${path}: routing header needs headerName`);
    if (spec.routing !== undefined && spec.routing !== "header" && spec.headerName) v.fail(item, `${path}: headerName is only for routing header`);
    if (spec.routing !== undefined && spec.routing !== "body" && spec.apiType) v.fail(item, `${path}: apiType is only for routing body`);
    if (spec.auth === "coreweave" && spec.wandb) v.fail(item, `${path}: wandb settings are only for auth wandb`);
    return spec;
  },

  // wandb: the settings the document names must match; the rest are the server's (e.g. its default serverUrl).
  same(field, current, desired) {
    if (field !== "wandb" || !desired || !current) return undefined;
    return Object.entries(desired as Record<string, unknown>).every(([k, v]) => (current as Record<string, unknown>)[k] === v);
  },

  async read(backend) {
    return (await requirePart(backend, "gateways list").list()).map((g) => ({ key: g.name, id: g.id, spec: specOf(g) }));
  },

  async create(backend, spec, { env }) {
    const auth = (spec.auth as GatewayAuth | undefined) ?? "coreweave";
    const routing = (spec.routing as GatewayRouting | undefined) ?? "body";
    const input: GatewayInput = { name: String(spec.name), zones: spec.zones as string[], auth, routing };
    if (auth === "wandb") input.wandb = { ...wandbSettings(spec.wandb), apiKey: env.GW_WANDB_API_KEY ?? "" };
    if (typeof spec.apiType === "string") input.apiType = spec.apiType;
    if (typeof spec.headerName === "string") input.headerName = spec.headerName;
    if (Array.isArray(spec.additionalDns)) input.additionalDns = spec.additionalDns as string[];
    await requirePart(backend, "gateways create").create(input);
  },

  async update(backend, id, changed, _current, { env }) {
    const patch: GatewayPatch = {};
    if (changed.zones !== undefined) patch.zones = changed.zones as string[];
    if (changed.auth !== undefined) patch.auth = changed.auth as GatewayAuth;
    if (changed.wandb) patch.wandb = wandbSettings(changed.wandb);
    if (changed.routing !== undefined) patch.routing = changed.routing as GatewayRouting;
    if (typeof changed.apiType === "string") patch.apiType = changed.apiType;
    if (typeof changed.headerName === "string") patch.headerName = changed.headerName;
    if (changed.additionalDns !== undefined) patch.additionalDns = changed.additionalDns as string[];
    if (changed.auth === "wandb" && env.GW_WANDB_API_KEY) patch.wandbApiKeyIfNeeded = env.GW_WANDB_API_KEY;
    await requirePart(backend, "gateways update").update(id, patch);
  },

  prune: {
    async delete(backend, id) {
      await requirePart(backend, "gateways delete").remove(id);
    },
  },

  cannotCreate(spec, env) {
    if (!Array.isArray(spec.zones)) return "a new gateway needs zones";
    if (spec.auth === "wandb" && !env.GW_WANDB_API_KEY) return "a new gateway with W&B auth needs its API key in GW_WANDB_API_KEY";
    if (spec.routing === "header" && !spec.headerName) return "routing header needs headerName";
    return undefined;
  },

  cannotChange(field, desired, env) {
    if (field === "auth" && desired === "wandb" && !env.GW_WANDB_API_KEY) {
      return "switching to W&B auth needs its API key in GW_WANDB_API_KEY";
    }
    return undefined;
  },
};

function specOf(g: Gateway): ResourceSpec {
  return {
    name: g.name,
    zones: g.zones,
    auth: g.auth,
    wandb: g.wandb,
    routing: g.routing,
    apiType: g.apiType,
    headerName: g.headerName,
    additionalDns: g.additionalDns,
  };
}

function wandbSettings(value: unknown): WandbSettings {
  const w = (value ?? {}) as { serverUrl?: string | null; usageReports?: boolean; rateLimiting?: boolean };
  return {
    ...(w.serverUrl ? { serverUrl: w.serverUrl } : {}),
    ...(w.usageReports !== undefined ? { usageReports: w.usageReports } : {}),
    ...(w.rateLimiting !== undefined ? { rateLimiting: w.rateLimiting } : {}),
  };
}

/** The document sections of a coreweave profile. */
export const coreweaveKinds: readonly ResourceKind[] = [coreweaveGateways];
