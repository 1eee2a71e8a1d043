import { withRaw, type WithRaw } from "../../domain/binding.js";
import type { AccessConfiguration } from "../../domain/router-chain.js";
import type { VirtualKey } from "../../domain/virtual-key.js";
import { field, isId, isNullableString, isRecord, isString, optional, unexpected } from "../wire-check.js";
import type { WireRef } from "./wire.js";

/**
 * ngrok access keys on the wire (../shared/specs/ngrok-ai-gateway.openapi.yaml, AIGatewayAccessKey*). The
 * plaintext `token` is in the create's answer only; gw takes it out of the raw body it keeps, so the secret
 * travels only as the IssuedKey's secret (shown once) and never in a record, --raw or a document.
 */
export interface WireAccessKey {
  id: string;
  uri: string;
  name?: string;
  description?: string;
  metadata?: string;
  createdAt: string;
  updatedAt: string;
  createdBy: WireRef;
  lastUpdatedBy: WireRef;
  keyRedacted: string;
  lastUsed?: string | null;
  accessKeyConfiguration?: { id: string; uri: string; name: string } | null;
}

export interface WireAccessKeyCreate {
  name?: string;
  description?: string;
  accessKeyConfigurationId?: string;
}

/** PATCH: absent keeps; accessKeyConfigurationId null reverts to allow-all scope. */
export interface WireAccessKeyUpdate {
  name?: string;
  description?: string | null;
  accessKeyConfigurationId?: string | null;
}

export const ACCESS_KEYS_PATH = "/access-keys";
export const accessKeyPath = (id: string): string => `${ACCESS_KEYS_PATH}/${encodeURIComponent(id)}`;

/** The link an access key body names: `{id, name}`, or null for allow-all. */
export function linkOf(item: unknown, what: string): { id: string; name: string } | null {
  if (!isRecord(item)) throw unexpected(what, "an access key is not an object");
  const link = item.accessKeyConfiguration;
  if (link === undefined || link === null) return null;
  if (!isRecord(link) || !isId(link.id)) throw unexpected(what, `"accessKeyConfiguration" has no "id"`);
  return { id: link.id, name: typeof link.name === "string" ? link.name : "" };
}

/**
 * One AIGatewayAccessKey -> gw's virtual key. `configuration` is the linked configuration as read (its scope
 * fills providersAllowed / modelsAllowed), null when the key links none (allow-all), undefined when it could
 * not be read (the scope is then unknown: no provider list, and not "all providers" either).
 */
export function toAccessKey(item: unknown, what: string, configuration: AccessConfiguration | null | undefined): WithRaw<VirtualKey> {
  if (!isRecord(item)) throw unexpected(what, "an access key is not an object");
  const optStr = (key: string) => field(what, item, key, optional(isNullableString), "a string") ?? null;
  const link = linkOf(item, what);
  const scope = link === null ? null : configuration?.scope ?? null;
  const known = link === null || configuration !== undefined;
  const { token: _token, ...raw } = item;
  return withRaw(
    {
      id: field(what, item, "id", isId, "an id"),
      backend: "ngrok",
      name: optStr("name") ?? "",
      description: optStr("description"),
      status: "active", // ngrok access keys have no disabled or revoked state: deleting is the only way out
      environment: null,
      displayPrefix: field(what, item, "keyRedacted", optional(isString), "a string") ?? null,
      chain: null,
      routingMode: null,
      routingPolicyId: null,
      providersAllowed: scope?.providers ?? null,
      maxAttempts: null,
      fallbackOn: null,
      rpm: null,
      tpm: null,
      rpd: null,
      createdAt: optStr("createdAt"),
      lastUsedAt: optStr("lastUsed"),
      revokedAt: null,
      providerConfigs: null,
      allowAllProviders: known && (scope?.providers ?? null) === null,
      budgets: null,
      rateLimit: null,
      teamId: null,
      customerId: null,
      configuration: link === null ? null : { id: link.id, name: configuration?.name ?? link.name },
      modelsAllowed: scope?.models ?? null,
    },
    raw as unknown as WireAccessKey,
  );
}

/** `{aiGatewayAccessKeys, uri, nextPageUri}` -> this page's bodies (mapped once their configurations are known) and the cursor. */
export function accessKeyPage(body: unknown, what: string): { items: Record<string, unknown>[]; nextPageUri: string | null } {
  if (!isRecord(body) || !Array.isArray(body.aiGatewayAccessKeys)) throw unexpected(what, `expected {"aiGatewayAccessKeys": [...]}`);
  const next = field(what, body, "nextPageUri", optional(isNullableString), "a string or null");
  const items = body.aiGatewayAccessKeys.map((item) => {
    if (!isRecord(item)) throw unexpected(what, "an access key is not an object");
    return item;
  });
  return { items, nextPageUri: next ? next : null };
}

/** The create's one-time token; "" when the answer carried none (the key exists anyway). */
export function tokenOf(body: unknown): string {
  return isRecord(body) && typeof body.token === "string" ? body.token : "";
}
