import { withRaw, type WithRaw } from "../../domain/binding.js";
import type { ProviderKey } from "../../domain/provider-key.js";
import { redactJson } from "../../redact.js";
import { field, isId, isNullableString, isRecord, isString, optional, unexpected } from "../wire-check.js";
import type { WireRef } from "./wire.js";

/**
 * ngrok provider keys on the wire (../shared/specs/ngrok-ai-gateway.openapi.yaml, AIGatewayProviderAPIKey*):
 * the upstream credentials the gateway calls a provider with. `value` is write-only; reads carry only
 * `keyRedacted`, which gw keeps out of its record as well.
 */
export interface WireProviderKey {
  id: string;
  uri: string;
  createdAt: string;
  updatedAt: string;
  providerId: string;
  name: string;
  keyRedacted: string;
  description?: string;
  metadata?: string;
  createdBy: WireRef;
  lastUpdatedBy: WireRef;
  lastUsed?: string | null;
}

export interface WireProviderKeyCreate {
  providerId: string;
  name: string;
  value: string;
}

/** PATCH: only the name is gw's to change (description and metadata have no flag yet; null would clear them). */
export interface WireProviderKeyUpdate {
  name?: string;
}

/** POST /provider-keys/{id}/rotate: the schema requires the name with the new value. */
export interface WireProviderKeyRotate {
  name: string;
  value: string;
}

export const PROVIDER_KEYS_PATH = "/provider-keys";
export const providerKeyPath = (id: string): string => `${PROVIDER_KEYS_PATH}/${encodeURIComponent(id)}`;

/** What `details` holds for an ngrok provider key (docs/backends/ngrok.md, "Provider keys"). */
export interface NgrokProviderKeyDetails {
  uri: string | null;
  description: string | null;
  metadata: string | null;
  lastUsed: string | null;
  createdBy: string | null;
  lastUpdatedBy: string | null;
}

/**
 * One AIGatewayProviderAPIKeyDetail -> gw's record. `sent` are the values this request carried: should a
 * server ever echo one (in `keyRedacted` or anywhere else), it is masked in the raw body as well, so not even
 * `--raw` prints it. ngrok keys have no weights, model lists or disabled state: weight null, models null
 * (all the provider serves), enabled true.
 */
export function toProviderKey(item: unknown, what: string, sent: readonly string[] = []): WithRaw<ProviderKey> {
  const body = sent.length ? redactJson(item, sent) : item;
  if (!isRecord(body)) throw unexpected(what, "a provider key is not an object");
  const optStr = (key: string) => field(what, body, key, optional(isNullableString), "a string") ?? null;
  const details: NgrokProviderKeyDetails = {
    uri: optStr("uri"),
    description: optStr("description"),
    metadata: optStr("metadata"),
    lastUsed: optStr("lastUsed"),
    createdBy: refId(body.createdBy),
    lastUpdatedBy: refId(body.lastUpdatedBy),
  };
  return withRaw(
    {
      id: field(what, body, "id", isId, "a non-empty string without control characters"),
      backend: "ngrok",
      provider: field(what, body, "providerId", isId, "a non-empty string without control characters"),
      name: field(what, body, "name", isString, "a string"),
      weight: null,
      models: null,
      enabled: true,
      createdAt: optStr("createdAt"),
      updatedAt: optStr("updatedAt"),
      details: { ...details },
    },
    body as unknown as WireProviderKey,
  );
}

/** `{aiGatewayProviderKeys, uri, nextPageUri}` -> this page's records and the cursor, if any. */
export function pageFromKeyList(body: unknown, what: string): { keys: WithRaw<ProviderKey>[]; nextPageUri: string | null } {
  if (!isRecord(body) || !Array.isArray(body.aiGatewayProviderKeys)) throw unexpected(what, `expected {"aiGatewayProviderKeys": [...]}`);
  const next = field(what, body, "nextPageUri", optional(isNullableString), "a string or null");
  return { keys: body.aiGatewayProviderKeys.map((item) => toProviderKey(item, what)), nextPageUri: next ? next : null };
}

function refId(value: unknown): string | null {
  return isRecord(value) && typeof value.id === "string" ? value.id : null;
}
