import { createHash } from "node:crypto";
import type { RequestContext, Reply, Route } from "../backend.js";
import { canonical, isReply } from "./errors.js";
import type { LangwatchState, VkB } from "./state.js";
import { defaultConfig, mergeConfig } from "./vk-config.js";
import { idParam, mintSecret, newVkId, nowIso, VK_BASE } from "./vk-common.js";
import { canonicalJson, createSchemaB, decodeCursor, disableSchemaB, encodeCursor, parseB, parseLimit, resolveRouting, updateSchemaB } from "./vk-b-input.js";

/** The HEAD DTO (research §3.3): no `environment`, no `provider_credential_ids`. */
export function vkDtoB(k: VkB): Record<string, unknown> {
  return {
    id: k.id,
    organization_id: k.organizationId,
    name: k.name,
    description: k.description,
    status: k.status,
    purpose: k.purpose,
    display_prefix: k.displayPrefix,
    principal_user_id: k.principalUserId,
    trace_project_id: k.traceProjectId,
    trace_project_archived: false,
    external_id: k.externalId,
    metadata: k.metadata,
    scopes: k.scopes,
    routing_policy_id: k.routingPolicyId,
    routing_mode: k.routingMode,
    config: k.config,
    revision: String(k.revision),
    created_at: k.createdAt,
    updated_at: k.updatedAt,
    last_used_at: k.lastUsedAt,
    revoked_at: k.revokedAt,
    expires_at: k.expiresAt,
  };
}

const notFound = (): Reply => canonical(404, "virtual_key_not_found", "virtual key not found");
// A TRPCError BAD_REQUEST without a `snake_code:` prefix maps to code `bad_request` (research §3.5) [U: wording].
const revokedError = (what: string): Reply => canonical(400, "bad_request", `Cannot ${what} a revoked virtual key`);
const ok = (k: VkB): Reply => ({ status: 200, body: { virtual_key: vkDtoB(k) } });

const newestFirst = (x: VkB, y: VkB): number =>
  x.createdAt !== y.createdAt ? (x.createdAt < y.createdAt ? 1 : -1) : x.id < y.id ? 1 : x.id > y.id ? -1 : 0;

function find(s: LangwatchState, id: string): VkB | undefined {
  const k = s.vksB.get(id);
  return k && k.organizationId === s.organizationId ? k : undefined;
}

function list(s: LangwatchState, c: RequestContext): Reply {
  const limit = parseLimit(c.query.get("limit"));
  if (isReply(limit)) return limit;
  const rawCursor = c.query.get("cursor");
  const cursor = rawCursor ? decodeCursor(rawCursor) : undefined;
  if (rawCursor && !cursor) return canonical(400, "invalid_cursor", "cursor is malformed or expired");
  const externalId = c.query.get("external_id");
  let keys = [...s.vksB.values()].filter((k) => k.organizationId === s.organizationId && (!externalId || k.externalId === externalId));
  keys.sort(newestFirst);
  if (cursor) {
    const [t, id] = cursor;
    keys = keys.filter((k) => k.createdAt < t || (k.createdAt === t && k.id < id));
  }
  const page = keys.slice(0, limit);
  const last = page[page.length - 1];
  return { status: 200, body: { data: page.map(vkDtoB), next_cursor: keys.length > limit && last ? encodeCursor(last) : null } };
}

const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/** Idempotency-Key on create (research §3.5): same body replays, another body is 409; only successes are kept. */
function create(s: LangwatchState, c: RequestContext): Reply {
  const rawKey = c.headers["idempotency-key"];
  const idemKey = Array.isArray(rawKey) ? rawKey[0] : rawKey;
  let slot: string | undefined;
  let requestHash = "";
  if (idemKey !== undefined) {
    if (idemKey.length < 8 || idemKey.length > 255) return canonical(400, "validation_error", "Idempotency-Key must be 8..255 characters");
    slot = `POST ${VK_BASE} ${idemKey}`;
    requestHash = createHash("sha256").update(canonicalJson(c.body)).digest("hex");
    const seen = s.idempotency.get(slot);
    if (seen && Date.now() - seen.at < IDEMPOTENCY_TTL_MS) {
      if (seen.requestHash !== requestHash) {
        return canonical(409, "idempotency_error", "Idempotency-Key was already used with a different request body");
      }
      return { status: seen.status, body: seen.body, headers: { "X-Idempotent-Replay": "true" } };
    }
  }
  const input = parseB(createSchemaB, c.body);
  if (isReply(input)) return input;
  const routing = resolveRouting(input);
  if (isReply(routing)) return routing;
  const externalId = (input.external_id as string | null | undefined) ?? null;
  if (externalId !== null && [...s.vksB.values()].some((k) => k.externalId === externalId)) {
    return canonical(409, "external_id_conflict", `a virtual key with external_id '${externalId}' already exists`);
  }
  const minted = mintSecret("vk-lw-");
  const now = nowIso();
  const key: VkB = {
    id: newVkId(),
    projectId: s.projectId,
    organizationId: s.organizationId,
    name: input.name as string,
    description: (input.description as string | null | undefined) ?? null,
    status: "active",
    purpose: "user",
    displayPrefix: minted.displayPrefix,
    secretHash: minted.secretHash,
    principalUserId: (input.principal_user_id as string | null | undefined) ?? null,
    traceProjectId: (input.trace_project_id as string | undefined) ?? s.projectId,
    externalId,
    metadata: (input.metadata as Record<string, string> | undefined) ?? {},
    scopes: (input.scopes as VkB["scopes"] | undefined) ?? [{ scope_type: "project", scope_id: s.projectId }],
    routingPolicyId: routing.policyId,
    routingMode: routing.mode,
    config: mergeConfig(defaultConfig("b"), (input.config as Record<string, unknown> | undefined) ?? {}),
    revision: 1,
    createdAt: now,
    updatedAt: now,
    lastUsedAt: null,
    revokedAt: null,
    expiresAt: (input.expires_at as string | null | undefined) ?? null,
    disabledReason: null,
    budget: input.budget ?? null,
  };
  s.vksB.set(key.id, key);
  const reply: Reply = { status: 201, body: { virtual_key: vkDtoB(key), secret: minted.secret } };
  if (slot) s.idempotency.set(slot, { requestHash, status: reply.status, body: reply.body, at: Date.now() });
  return reply;
}

function update(s: LangwatchState, id: string, body: unknown): Reply {
  const input = parseB(updateSchemaB, body);
  if (isReply(input)) return input;
  const key = find(s, id);
  if (!key) return notFound();
  if (key.status === "revoked") return revokedError("update");
  const routing = resolveRouting(input, { mode: key.routingMode, policyId: key.routingPolicyId });
  if (isReply(routing)) return routing;
  const next: VkB = { ...key, routingMode: routing.mode, routingPolicyId: routing.policyId };
  if (input.external_id !== undefined) {
    const ext = input.external_id as string | null;
    if (ext !== null && [...s.vksB.values()].some((k) => k.externalId === ext && k.id !== id)) {
      return canonical(409, "external_id_conflict", `a virtual key with external_id '${ext}' already exists`);
    }
    next.externalId = ext; // null clears
  }
  if (input.name !== undefined) next.name = input.name as string;
  next.description = (input.description as string | null | undefined) ?? key.description; // null is ignored (§6)
  if (input.scopes !== undefined) next.scopes = input.scopes as VkB["scopes"]; // replaces the set
  if (input.trace_project_id !== undefined) next.traceProjectId = (input.trace_project_id as string | null) ?? s.projectId; // null re-resolves
  if (input.expires_at !== undefined) next.expiresAt = input.expires_at as string | null; // null = never
  if (input.budget !== undefined) next.budget = input.budget; // null archives the key's own cap
  if (input.config !== undefined) next.config = mergeConfig(key.config, input.config as Record<string, unknown>);
  if (input.metadata !== undefined) next.metadata = input.metadata as Record<string, string>; // replaces; {} empties
  next.revision = key.revision + 1;
  next.updatedAt = nowIso();
  s.vksB.set(id, next);
  return ok(next);
}

/** disable/enable/rotate/revoke share the lookup and the revoked guard; revoke itself is idempotent. */
function transition(s: LangwatchState, c: RequestContext, op: "disable" | "enable" | "rotate" | "revoke"): Reply {
  let reason: string | null = null;
  if (op === "disable") {
    const input = parseB(disableSchemaB, c.body);
    if (isReply(input)) return input;
    reason = (input.reason as string | undefined) ?? null;
  }
  const id = idParam(c);
  const key = find(s, id);
  if (!key) return notFound();
  if (key.status === "revoked") return op === "revoke" ? ok(key) : revokedError(op);
  const now = nowIso();
  const bump = { revision: key.revision + 1, updatedAt: now };
  let next: VkB;
  if (op === "rotate") {
    const minted = mintSecret("vk-lw-");
    next = { ...key, ...bump, displayPrefix: minted.displayPrefix, secretHash: minted.secretHash };
    s.vksB.set(id, next);
    return { status: 200, body: { virtual_key: vkDtoB(next), secret: minted.secret } };
  }
  const target = op === "disable" ? "disabled" : op === "enable" ? "active" : "revoked";
  if (key.status === target) return ok(key); // idempotent
  next = { ...key, ...bump, status: target, disabledReason: op === "disable" ? reason : null, ...(op === "revoke" ? { revokedAt: now } : {}) };
  s.vksB.set(id, next);
  return ok(next);
}

export function virtualKeyRoutesB(s: LangwatchState): Route[] {
  const byId = `${VK_BASE}/:id`;
  return [
    { method: "GET", path: VK_BASE, handle: (c) => list(s, c) },
    { method: "POST", path: VK_BASE, body: "json", mutates: true, handle: (c) => create(s, c) },
    { method: "GET", path: byId, handle: (c) => ((k) => (k ? ok(k) : notFound()))(find(s, idParam(c))) },
    { method: "PATCH", path: byId, body: "json", mutates: true, handle: (c) => update(s, idParam(c), c.body) },
    { method: "POST", path: `${byId}/disable`, body: "optional", mutates: true, handle: (c) => transition(s, c, "disable") },
    { method: "POST", path: `${byId}/enable`, mutates: true, handle: (c) => transition(s, c, "enable") },
    { method: "POST", path: `${byId}/rotate`, mutates: true, handle: (c) => transition(s, c, "rotate") },
    { method: "POST", path: `${byId}/revoke`, mutates: true, handle: (c) => transition(s, c, "revoke") },
    {
      method: "GET",
      path: `${byId}/spend`,
      // The sandbox has no ClickHouse, which the vendor answers with 412 (research §3.3).
      handle: (c) => (find(s, idParam(c)) ? canonical(412, "spend_source_unavailable", "Spend data source is not configured") : notFound()),
    },
  ];
}
