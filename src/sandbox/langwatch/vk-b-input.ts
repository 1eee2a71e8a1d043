import type { Reply } from "../backend.js";
import { canonical } from "./errors.js";
import { arrayOf, Invalid, isoDate, nullable, object, oneOf, opt, recordOf, req, str, type Check } from "./schema.js";
import type { RoutingMode, VkB } from "./state.js";
import { parsePartialConfig } from "./vk-config.js";

/** Request schemas of the HEAD VK routes (research §3.3); failures are 400 validation_error, never 422 (§3.5). */
const scopes = arrayOf(
  object({ scope_type: req(oneOf(["organization", "team", "project"])), scope_id: req(str({ min: 1 })) }),
  { min: 1 },
);
const budget: Check<unknown> = (v, p) => {
  const b = object({
    limit_usd: req((x, q) => {
      if (typeof x === "number" && x > 0) return x;
      if (typeof x === "string" && /^\d+(\.\d+)?$/.test(x) && Number(x) > 0) return x;
      throw new Invalid(q, "Expected a positive number or decimal string");
    }),
    window: req(oneOf(["day", "week", "month"])),
    on_breach: opt(oneOf(["block", "warn"])),
    name: opt(str({ min: 1 })),
  })(v, p);
  return b;
};
const config: Check<unknown> = (v, p) => parsePartialConfig("b", v, p);
const routingMode = oneOf(["none", "fallback_all", "policy"]);

export const createSchemaB = object({
  name: req(str({ min: 1, max: 128 })),
  description: opt(nullable(str())),
  principal_user_id: opt(nullable(str())),
  scopes: opt(scopes),
  trace_project_id: opt(str({ min: 1 })),
  routing_policy_id: opt(nullable(str({ min: 1 }))),
  routing_mode: opt(routingMode),
  expires_at: opt(nullable(isoDate)),
  budget: opt(budget),
  config: opt(config),
  external_id: opt(nullable(str({ min: 1, max: 255 }))),
  metadata: opt(recordOf(str())),
  purpose: opt(oneOf(["user"])),
});

export const updateSchemaB = object({
  name: opt(str({ min: 1, max: 128 })),
  description: opt(nullable(str())),
  scopes: opt(scopes),
  trace_project_id: opt(nullable(str({ min: 1 }))),
  routing_policy_id: opt(nullable(str({ min: 1 }))),
  routing_mode: opt(routingMode),
  expires_at: opt(nullable(isoDate)),
  budget: opt(nullable(budget)),
  config: opt(config),
  external_id: opt(nullable(str({ min: 1, max: 255 }))),
  metadata: opt(recordOf(str())),
});

export const disableSchemaB = object({ reason: opt(str({ max: 500 })) });

export function parseB(schema: Check<Record<string, unknown>>, body: unknown): Record<string, unknown> | Reply {
  try {
    return schema(body ?? {}, "");
  } catch (err) {
    if (err instanceof Invalid) return canonical(400, "validation_error", err.message);
    throw err;
  }
}

const policyRequired = (): Reply => canonical(400, "routing_policy_required", "routing_mode 'policy' requires a routing_policy_id");
const policyConflict = (mode: string): Reply =>
  canonical(400, "routing_policy_conflict", `routing_policy_id cannot be set with routing_mode '${mode}'`);

export interface Routing {
  mode: RoutingMode;
  policyId: string | null;
}

/**
 * Pairing rules (research §6): policy needs an id; an id with none/fallback_all conflicts; an id alone
 * implies policy; leaving policy drops the stored id. Clearing the id of a policy key falls back to none [U].
 */
export function resolveRouting(input: Record<string, unknown>, stored: Routing = { mode: "none", policyId: null }): Routing | Reply {
  const mode = input.routing_mode as RoutingMode | undefined;
  const sent = "routing_policy_id" in input;
  const pid = input.routing_policy_id as string | null | undefined;
  if (mode === "policy") {
    const policyId = sent ? (pid ?? null) : stored.policyId;
    return policyId ? { mode, policyId } : policyRequired();
  }
  if (mode !== undefined) return typeof pid === "string" ? policyConflict(mode) : { mode, policyId: null };
  if (typeof pid === "string") return { mode: "policy", policyId: pid };
  if (sent) return { mode: stored.mode === "policy" ? "none" : stored.mode, policyId: null };
  return stored;
}

/** Opaque cursor over the `created_at DESC, id DESC` order. */
export const encodeCursor = (k: VkB): string => Buffer.from(JSON.stringify([k.createdAt, k.id])).toString("base64url");

export function decodeCursor(cursor: string): [string, string] | undefined {
  if (cursor.length > 500 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string" ? [v[0], v[1]] : undefined;
  } catch {
    return undefined;
  }
}

/** `limit` 1..200, default 50 (research §3.3). */
export function parseLimit(raw: string | null): number | Reply {
  if (raw === null) return 50;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(n)) return canonical(400, "validation_error", "limit: Expected number, received string");
  if (n < 1) return canonical(400, "validation_error", "limit: Number must be greater than or equal to 1");
  if (n > 200) return canonical(400, "validation_error", "limit: Number must be less than or equal to 200");
  return n;
}

/** Stable JSON (sorted keys), so the same body with reordered keys is the same idempotent request. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}
