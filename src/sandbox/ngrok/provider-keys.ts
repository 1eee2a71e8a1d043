import { createHash } from "node:crypto";
import type { Reply, RequestContext, Route } from "../backend.js";
import type { ByteSource } from "../ids.js";
import { ngrokError } from "./errors.js";
import { nextId } from "./ids.js";
import { DEFAULT_LIMIT } from "./paging.js";
import { CATALOG_PROVIDER_IDS } from "./rules.js";
import type { NgrokState, ProviderKeyRow } from "./state.js";
import { originOf, timestamp } from "./wire.js";

/**
 * /provider-keys (shared spec, AIGatewayProviderAPIKey*): the upstream credentials the gateway calls a
 * provider with. The value is write-only: it is kept as a digest and answered only as `keyRedacted`.
 */
export const PROVIDER_KEYS = "/provider-keys";

// Bodies reach the handlers only after the contract accepted them (server.ts), so their shapes are known.
interface CreateBody {
  providerId: string;
  name: string;
  value: string;
  description?: string;
  metadata?: string;
}

interface UpdateBody {
  name?: string | null;
  description?: string | null;
  metadata?: string | null;
}

interface RotateBody {
  name: string;
  value: string;
}

const invalid = (msg: string, field: string): Reply => ngrokError(400, msg, { field });
const keyNotFound = (id: string): Reply => ngrokError(404, `AI Gateway provider key ${id} not found`, { id });

const digest = (value: string): string => createHash("sha256").update(value).digest("hex");

/**
 * The display form: a few characters of each end of a long value, nothing of a short one. ngrok's exact
 * format is not documented [U]; a client must not parse it.
 */
export function redactValue(value: string): string {
  return value.length >= 16 ? `${value.slice(0, 3)}...${value.slice(-4)}` : "****";
}

/** Which providers a key may be for: the catalog ones and this account's custom providers, by providerId [U]. */
function knownProvider(s: NgrokState, providerId: string): boolean {
  return CATALOG_PROVIDER_IDS.includes(providerId) || [...s.providers.values()].some((p) => p.providerId === providerId);
}

/** A required label: the schema allows "", the sandbox does not (a key needs a name people can tell apart) [U]. */
function nameProblem(name: string | null | undefined): Reply | undefined {
  if (name === null) return invalid("name cannot be cleared", "name");
  if (name !== undefined && name.trim() === "") return invalid("name must not be empty", "name");
  return undefined;
}

function valueProblem(value: string): Reply | undefined {
  return value.trim() === "" ? invalid("value must not be empty", "value") : undefined;
}

const apiKeyRef = (id: string, origin: string) => ({ id, uri: `${origin}/api-keys/${encodeURIComponent(id)}` });

/** A stored key as the API returns it: optional fields left out when unset, the value never. */
export function providerKeyBody(k: ProviderKeyRow, origin: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: k.id,
    uri: `${origin}${PROVIDER_KEYS}/${encodeURIComponent(k.id)}`,
    createdAt: k.createdAt,
    updatedAt: k.updatedAt,
    providerId: k.providerId,
    name: k.name,
    keyRedacted: k.keyRedacted,
  };
  if (k.description !== null) body.description = k.description;
  if (k.metadata !== null) body.metadata = k.metadata;
  body.createdBy = apiKeyRef(k.createdBy, origin);
  body.lastUpdatedBy = apiKeyRef(k.lastUpdatedBy, origin);
  body.lastUsed = k.lastUsed;
  return body;
}

export interface ProviderKeyInit {
  providerId: string;
  name: string;
  value: string;
  description?: string;
  metadata?: string;
  lastUsed?: string;
}

/** A new key row (create and seeding). */
export function newProviderKey(s: NgrokState, bytes: ByteSource, at: number, init: ProviderKeyInit): ProviderKeyRow {
  const row: ProviderKeyRow = {
    id: nextId(s, "aigpk", bytes, at),
    providerId: init.providerId,
    name: init.name,
    description: init.description ?? null,
    metadata: init.metadata ?? null,
    valueDigest: digest(init.value),
    keyRedacted: redactValue(init.value),
    createdAt: timestamp(at),
    updatedAt: timestamp(at),
    createdBy: s.apiKeyId,
    lastUpdatedBy: s.apiKeyId,
    lastUsed: init.lastUsed ?? null,
  };
  s.providerKeys.set(row.id, row);
  return row;
}

/**
 * GET /provider-keys: descending id order, `beforeId`/`limit` as for providers (research §1.5), and the
 * optional `provider` filter, which the sandbox matches against the providerId [U].
 */
function listPage(s: NgrokState, c: RequestContext): Reply {
  const beforeId = c.query.get("beforeId") || undefined;
  const limitParam = c.query.get("limit");
  const limit = limitParam ? Number(limitParam) : DEFAULT_LIMIT;
  const provider = c.query.get("provider") || undefined;
  const ids = [...s.providerKeys.values()]
    .filter((k) => provider === undefined || k.providerId === provider)
    .map((k) => k.id)
    .sort()
    .reverse();
  const remaining = beforeId === undefined ? ids : ids.filter((id) => id < beforeId);
  const page = remaining.slice(0, limit);
  const origin = originOf(c.headers);
  const last = page[page.length - 1];
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...extra, ...(provider !== undefined ? { provider } : {}) }).toString();
  const nextPageUri = remaining.length > limit && last !== undefined ? `${origin}${PROVIDER_KEYS}?${query({ beforeId: last, limit: String(limit) })}` : null;
  return {
    status: 200,
    body: {
      aiGatewayProviderKeys: page.map((id) => providerKeyBody(s.providerKeys.get(id)!, origin)),
      uri: `${origin}${PROVIDER_KEYS}`,
      nextPageUri,
    },
  };
}

function create(s: NgrokState, bytes: ByteSource, c: RequestContext): Reply {
  const b = c.body as CreateBody;
  const problem = nameProblem(b.name) ?? valueProblem(b.value);
  if (problem) return problem;
  if (!knownProvider(s, b.providerId)) {
    return invalid(`providerId "${b.providerId}" is neither a catalog provider nor a custom provider of this account`, "providerId");
  }
  const row = newProviderKey(s, bytes, Date.now(), b);
  return { status: 201, body: providerKeyBody(row, originOf(c.headers)) };
}

/** PATCH: absent keeps, a value sets, null clears description or metadata; the value is not patchable. */
function update(s: NgrokState, c: RequestContext): Reply {
  const id = c.params.id ?? "";
  const row = s.providerKeys.get(id);
  if (!row) return keyNotFound(id);
  const b = c.body as UpdateBody;
  const problem = nameProblem(b.name);
  if (problem) return problem;
  const next: ProviderKeyRow = { ...row };
  if (typeof b.name === "string") next.name = b.name;
  if (b.description !== undefined) next.description = b.description;
  if (b.metadata !== undefined) next.metadata = b.metadata;
  next.updatedAt = timestamp(Date.now());
  next.lastUpdatedBy = s.apiKeyId;
  s.providerKeys.set(id, next);
  return { status: 200, body: providerKeyBody(next, originOf(c.headers)) };
}

/** POST .../rotate: a new value (and the name the schema requires) for the same key. */
function rotate(s: NgrokState, c: RequestContext): Reply {
  const id = c.params.id ?? "";
  const row = s.providerKeys.get(id);
  if (!row) return keyNotFound(id);
  const b = c.body as RotateBody;
  const problem = nameProblem(b.name) ?? valueProblem(b.value);
  if (problem) return problem;
  const next: ProviderKeyRow = {
    ...row,
    name: b.name,
    valueDigest: digest(b.value),
    keyRedacted: redactValue(b.value),
    updatedAt: timestamp(Date.now()),
    lastUpdatedBy: s.apiKeyId,
  };
  s.providerKeys.set(id, next);
  return { status: 200, body: providerKeyBody(next, originOf(c.headers)) };
}

/**
 * 204. The spec lists no 409 for a key that an access key configuration's router still names, so the
 * sandbox deletes it [U].
 */
function remove(s: NgrokState, c: RequestContext): Reply {
  const id = c.params.id ?? "";
  if (!s.providerKeys.delete(id)) return keyNotFound(id);
  return { status: 204, body: undefined };
}

export function providerKeyRoutes(s: NgrokState, bytes: ByteSource): Route[] {
  const one = (c: RequestContext): Reply => {
    const row = s.providerKeys.get(c.params.id ?? "");
    return row ? { status: 200, body: providerKeyBody(row, originOf(c.headers)) } : keyNotFound(c.params.id ?? "");
  };
  return [
    { method: "GET", path: PROVIDER_KEYS, handle: (c) => listPage(s, c) },
    { method: "POST", path: PROVIDER_KEYS, body: "json", mutates: true, handle: (c) => create(s, bytes, c) },
    { method: "GET", path: `${PROVIDER_KEYS}/:id`, handle: one },
    { method: "PATCH", path: `${PROVIDER_KEYS}/:id`, body: "json", mutates: true, handle: (c) => update(s, c) },
    { method: "DELETE", path: `${PROVIDER_KEYS}/:id`, mutates: true, handle: (c) => remove(s, c) },
    { method: "POST", path: `${PROVIDER_KEYS}/:id/rotate`, body: "json", mutates: true, handle: (c) => rotate(s, c) },
  ];
}
