import type { Reply, Route } from "../backend.js";
import { nanoid } from "../ids.js";
import { canonical, flat, internalA, isReply, trpcBadRequestA, trpcNotFoundA } from "./errors.js";
import type { BindingRow, LangwatchState } from "./state.js";

const BASE = "/api/gateway/v1/providers";

/** The 12 keys of a list item, always present; extra_headers/provider_config/updated_at are not returned (research §2.2). */
export function bindingDto(s: LangwatchState, b: BindingRow): Record<string, unknown> {
  return {
    id: b.id,
    model_provider_id: b.modelProviderId,
    model_provider_name: s.modelProviders.get(b.modelProviderId)?.provider ?? "",
    slot: b.slot,
    rate_limit_rpm: b.rateLimitRpm,
    rate_limit_tpm: b.rateLimitTpm,
    rate_limit_rpd: b.rateLimitRpd,
    rotation_policy: b.rotationPolicy.toLowerCase(),
    fallback_priority_global: b.fallbackPriorityGlobal,
    health_status: b.healthStatus.toLowerCase(),
    disabled_at: b.disabledAt,
    created_at: b.createdAt,
  };
}

/** `fallbackPriorityGlobal ASC` with Postgres' NULLS LAST, then `createdAt ASC`; disabled rows included. */
export function listBindings(s: LangwatchState): BindingRow[] {
  const rows = [...s.bindings.values()].filter((b) => b.projectId === s.projectId);
  return rows.sort((x, y) => {
    const px = x.fallbackPriorityGlobal;
    const py = y.fallbackPriorityGlobal;
    if (px !== py) {
      if (px === null) return 1;
      if (py === null) return -1;
      return px - py;
    }
    return x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : 0;
  });
}

type Fields = Record<string, unknown>;

/** Wrongly typed numbers are not validated by REST; they fail in Prisma, which answers 500 (research §8.3 [U]). */
function intOrNull(body: Fields, key: string, column: string): number | null | Reply {
  const v = body[key] ?? null;
  if (v === null || (typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1)) return v;
  return internalA(`Invalid value for argument \`${column}\`: Expected Int or Null`, undefined, "PrismaClientValidationError");
}


const conflict = (): Reply => flat(409, "Conflict", "Unique constraint violated on (projectId, modelProviderId, slot)");

const slotTaken = (s: LangwatchState, modelProviderId: string, slot: string, except?: string): boolean =>
  [...s.bindings.values()].some((b) => b.projectId === s.projectId && b.modelProviderId === modelProviderId && b.slot === slot && b.id !== except);

const NUMERIC: [string, "rateLimitRpm" | "rateLimitTpm" | "rateLimitRpd" | "fallbackPriorityGlobal"][] = [
  ["rate_limit_rpm", "rateLimitRpm"],
  ["rate_limit_tpm", "rateLimitTpm"],
  ["rate_limit_rpd", "rateLimitRpd"],
  ["fallback_priority_global", "fallbackPriorityGlobal"],
];

/** The handler reads `await c.req.json()` and picks fields by hand; a non-object body throws a TypeError → 500. */
function fieldsOf(body: unknown): Fields | Reply {
  if (body === null) return internalA("Cannot read properties of null (reading 'model_provider_id')", undefined, "TypeError");
  return typeof body === "object" && !Array.isArray(body) ? (body as Fields) : {};
}

function create(s: LangwatchState, body: unknown): Reply {
  const f = fieldsOf(body);
  if (isReply(f)) return f;
  const mpId = String(f.model_provider_id ?? "");
  const mp = s.modelProviders.get(mpId);
  if (!mp || mp.projectId !== s.projectId) {
    return flat(404, "ModelProvider not found for this project", "ModelProvider not found for this project");
  }
  // TRPCError BAD_REQUEST is not mapped by handleError, hence 500 (research §2.3 [U]).
  if (!mp.enabled) return trpcBadRequestA("ModelProvider is disabled. Enable it in Settings → Model Providers first.");
  const slot = typeof f.slot === "string" ? f.slot : "primary";
  const now = new Date().toISOString();
  const row: BindingRow = {
    id: nanoid(),
    projectId: s.projectId,
    modelProviderId: mp.id,
    slot,
    rateLimitRpm: null,
    rateLimitTpm: null,
    rateLimitRpd: null,
    // Any rotation_policy string is stored as MANUAL (research §2.3).
    rotationPolicy: "MANUAL",
    extraHeaders: f.extra_headers ?? null,
    fallbackPriorityGlobal: null,
    providerConfig: f.provider_config ?? null,
    healthStatus: "UNKNOWN",
    disabledAt: null,
    createdAt: now,
    updatedAt: now,
  };
  for (const [key, column] of NUMERIC) {
    const v = intOrNull(f, key, column);
    if (isReply(v)) return v;
    row[column] = v;
  }
  if (slotTaken(s, mp.id, slot)) return conflict();
  s.bindings.set(row.id, row);
  return { status: 201, body: { provider_credential: { id: row.id } } };
}

/** Tri-state per field (research §2.4): absent keeps, null clears (slot: null ignored), a value sets. */
function update(s: LangwatchState, id: string, body: unknown): Reply {
  const f = fieldsOf(body);
  if (isReply(f)) return f;
  const row = s.bindings.get(id);
  // A bare TRPCError NOT_FOUND: 500, not 404 (research §2.4 [U]).
  if (!row || row.projectId !== s.projectId) return trpcNotFoundA();
  const next: BindingRow = { ...row };
  if (typeof f.slot === "string") next.slot = f.slot;
  for (const [key, column] of NUMERIC) {
    if (!(key in f) || f[key] === undefined) continue;
    const v = intOrNull(f, key, column);
    if (isReply(v)) return v;
    next[column] = v;
  }
  // Objects replace the stored JSON whole; no merge.
  if ("extra_headers" in f) next.extraHeaders = f.extra_headers ?? null;
  if ("provider_config" in f) next.providerConfig = f.provider_config ?? null;
  if (typeof f.rotation_policy === "string") next.rotationPolicy = "MANUAL";
  if (next.slot !== row.slot && slotTaken(s, row.modelProviderId, next.slot, row.id)) return conflict();
  next.updatedAt = new Date().toISOString();
  s.bindings.set(id, next);
  return { status: 200, body: { provider_credential: { id } } };
}

/** Soft disable; `disabledAt = now()` on every call, so a retry moves the timestamp (research §2.5). */
function disable(s: LangwatchState, id: string): Reply {
  const row = s.bindings.get(id);
  if (!row || row.projectId !== s.projectId) return trpcNotFoundA();
  const now = new Date().toISOString();
  s.bindings.set(id, { ...row, disabledAt: now, updatedAt: now });
  return { status: 200, body: { provider_credential: { id, disabled_at: now } } };
}

export function bindingRoutesA(s: LangwatchState): Route[] {
  return [
    { method: "GET", path: BASE, handle: () => ({ status: 200, body: { data: listBindings(s).map((b) => bindingDto(s, b)) } }) },
    { method: "POST", path: BASE, body: "json", mutates: true, handle: (c) => create(s, c.body) },
    { method: "PATCH", path: `${BASE}/:id`, body: "json", mutates: true, handle: (c) => update(s, c.params.id ?? "", c.body) },
    { method: "DELETE", path: `${BASE}/:id`, mutates: true, handle: (c) => disable(s, c.params.id ?? "") },
  ];
}

const GONE = "Gateway provider bindings folded into ModelProvider in iter 110.";
const GONE_HINT: Record<Route["method"], string> = {
  GET: "Use GET /api/gateway-platform/v1/model-providers or the Advanced (Gateway) tab in the dashboard.",
  POST: "Configure rate limits, providerConfig, fallback priority via the Advanced (Gateway) tab on /api/gateway-platform/v1/model-providers/:id.",
  PATCH: "PATCH the advanced fields via PATCH /api/gateway-platform/v1/model-providers/:id.",
  DELETE: "Disable the underlying ModelProvider via DELETE /api/gateway-platform/v1/model-providers/:id (soft-disable).",
  PUT: "",
};

/** Era B: the four routes still exist, after auth, and answer 410 with a per-method hint (research §3.1). */
export function bindingRoutesB(): Route[] {
  const gone = (method: Route["method"]) => (): Reply => canonical(410, "gateway_provider_bindings_gone", `${GONE} ${GONE_HINT[method]}`);
  return [
    { method: "GET", path: BASE, handle: gone("GET") },
    { method: "POST", path: BASE, handle: gone("POST") },
    { method: "PATCH", path: `${BASE}/:id`, handle: gone("PATCH") },
    { method: "DELETE", path: `${BASE}/:id`, handle: gone("DELETE") },
  ];
}
