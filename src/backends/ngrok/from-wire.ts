import { withRaw, type Binding, type WithRaw } from "../../domain/binding.js";
import { field, isNullableString, isRecord, isString, optional, unexpected } from "../wire-check.js";
import type { WireProvider } from "./wire.js";

/**
 * What `details` holds for an ngrok provider (docs/backends/ngrok.md): the fields with no common meaning.
 * `surfaces` are `format/surface` strings (`openai/chat-completions`, or just `anthropic`); `surfaceSettings`
 * has what each of them carries beyond that, in the same order. `models` has each model's upstream id
 * (null: the gateway sends modelId) and unsupported params, in the order of the record's `models`.
 */
export interface NgrokDetails {
  uri: string | null;
  metadata: string | null;
  surfaces: string[];
  surfaceSettings: NgrokSurfaceSettings[];
  models: NgrokModelDetails[];
  createdBy: string | null;
  lastUpdatedBy: string | null;
}

export interface NgrokSurfaceSettings {
  surface: string;
  baseUrl: string | null;
  supportedParams: string[];
}

export interface NgrokModelDetails {
  modelId: string;
  providerModelId: string | null;
  unsupportedParams: string[];
}

/** One AIGatewayProvider -> gw's record. Only id, providerId, name and baseUrl are insisted on. */
export function toBinding(item: unknown, what: string): WithRaw<Binding> {
  if (!isRecord(item)) throw unexpected(what, "a provider is not an object");
  const str = (key: string) => field(what, item, key, isString, "a string");
  const optStr = (key: string) => field(what, item, key, optional(isNullableString), "a string") ?? null;
  const providerId = str("providerId");
  const apiSurfaces = surfaces(item.supportedApiSurfaces, what);
  const modelList = models(item.models, what);
  const details: NgrokDetails = {
    uri: optStr("uri"),
    metadata: optStr("metadata"),
    surfaces: apiSurfaces.map((s) => s.surface),
    surfaceSettings: apiSurfaces,
    models: modelList,
    createdBy: refId(item.createdBy),
    lastUpdatedBy: refId(item.lastUpdatedBy),
  };
  return withRaw(
    {
      id: str("id"),
      backend: "ngrok",
      provider: providerId,
      providerId,
      slot: null,
      rpm: null,
      tpm: null,
      rpd: null,
      fallbackPriority: null,
      rotationPolicy: null,
      health: null,
      status: "active", // ngrok providers have no disabled state (§1.2)
      disabledAt: null,
      createdAt: optStr("createdAt"),
      name: str("name"),
      baseUrl: str("baseUrl"),
      models: modelList.map((m) => m.modelId),
      updatedAt: optStr("updatedAt"),
      details: { ...details },
    },
    item as unknown as WireProvider,
  );
}

/** `{aiGatewayProviders, uri, nextPageUri}` (§1.5) -> this page's records and the cursor, if any. */
export function pageFromListBody(body: unknown, what: string): { bindings: WithRaw<Binding>[]; nextPageUri: string | null } {
  if (!isRecord(body) || !Array.isArray(body.aiGatewayProviders)) throw unexpected(what, `expected {"aiGatewayProviders": [...]}`);
  const next = field(what, body, "nextPageUri", optional(isNullableString), "a string or null");
  return { bindings: body.aiGatewayProviders.map((item) => toBinding(item, what)), nextPageUri: next ? next : null };
}

/** A list of strings that may be absent (read as []): unsupportedParams, supportedParams names. */
function strings(value: unknown, what: string, label: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isString)) throw unexpected(what, `${label} is not a list of strings`);
  return value;
}

/** providerModelId and unsupportedParams are new (2026-12-01): an older server leaves them out. */
function models(value: unknown, what: string): NgrokModelDetails[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw unexpected(what, `"models" is not an array`);
  return value.map((m) => {
    if (!isRecord(m) || typeof m.modelId !== "string") throw unexpected(what, `a model has no "modelId"`);
    const upstream = field(what, m, "providerModelId", optional(isNullableString), "a string");
    return {
      modelId: m.modelId,
      providerModelId: upstream ? upstream : null,
      unsupportedParams: strings(m.unsupportedParams, what, `"unsupportedParams" of model "${m.modelId}"`),
    };
  });
}

function surfaces(value: unknown, what: string): NgrokSurfaceSettings[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw unexpected(what, `"supportedApiSurfaces" is not an array`);
  return value.map((s) => {
    if (!isRecord(s) || typeof s.format !== "string") throw unexpected(what, `a supported API surface has no "format"`);
    const surface = typeof s.surface === "string" && s.surface ? `${s.format}/${s.surface}` : s.format;
    const baseUrl = field(what, s, "baseUrl", optional(isNullableString), "a string");
    const params = s.supportedParams;
    if (params !== undefined && params !== null && !(Array.isArray(params) && params.every((p) => isRecord(p) && isString(p.name)))) {
      throw unexpected(what, `"supportedParams" of surface ${surface} is not a list of {"name"}`);
    }
    return { surface, baseUrl: baseUrl ? baseUrl : null, supportedParams: ((params ?? []) as { name: string }[]).map((p) => p.name) };
  });
}

function refId(value: unknown): string | null {
  return isRecord(value) && typeof value.id === "string" ? value.id : null;
}
