import { withRaw, type Binding, type WithRaw } from "../../domain/binding.js";
import { field, isNullableString, isRecord, isString, optional, unexpected } from "../wire-check.js";
import type { WireProvider } from "./wire.js";

/**
 * What `details` holds for an ngrok provider (README "ngrok"): the fields with no common meaning.
 * `surfaces` are `format/surface` strings (`openai/chat-completions`, or just `anthropic`); the
 * per-surface supportedParams stay in the raw body (--raw).
 */
export interface NgrokDetails {
  uri: string | null;
  metadata: string | null;
  surfaces: string[];
  createdBy: string | null;
  lastUpdatedBy: string | null;
}

/** One AIGatewayProvider -> gw's record. Only id, providerId, name and baseUrl are insisted on. */
export function toBinding(item: unknown, what: string): WithRaw<Binding> {
  if (!isRecord(item)) throw unexpected(what, "a provider is not an object");
  const str = (key: string) => field(what, item, key, isString, "a string");
  const optStr = (key: string) => field(what, item, key, optional(isNullableString), "a string") ?? null;
  const providerId = str("providerId");
  const details: NgrokDetails = {
    uri: optStr("uri"),
    metadata: optStr("metadata"),
    surfaces: surfaces(item.supportedApiSurfaces, what),
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
      models: modelIds(item.models, what),
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

function modelIds(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw unexpected(what, `"models" is not an array`);
  return value.map((m) => {
    if (!isRecord(m) || typeof m.modelId !== "string") throw unexpected(what, `a model has no "modelId"`);
    return m.modelId;
  });
}

function surfaces(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw unexpected(what, `"supportedApiSurfaces" is not an array`);
  return value.map((s) => {
    if (!isRecord(s) || typeof s.format !== "string") throw unexpected(what, `a supported API surface has no "format"`);
    return typeof s.surface === "string" && s.surface ? `${s.format}/${s.surface}` : s.format;
  });
}

function refId(value: unknown): string | null {
  return isRecord(value) && typeof value.id === "string" ? value.id : null;
}
