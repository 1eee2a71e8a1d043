import type { Reply, Route } from "../backend.js";
import { flat, isReply, nested, trpcBadRequestA } from "./errors.js";
import { arrayOf, Invalid, nullable, object, oneOf, opt, req, str, type Check } from "./schema.js";
import type { LangwatchState, VkA } from "./state.js";
import { defaultConfig, mergeConfig, parsePartialConfig } from "./vk-config.js";
import { idParam, mintSecret, newVkId, nowIso, VK_BASE } from "./vk-common.js";

/** `toVirtualKeySnakeDto` @ 61a306c, with the fields the vendor schema omits (research §2.7). */
export function vkDtoA(k: VkA): Record<string, unknown> {
  return {
    id: k.id,
    name: k.name,
    description: k.description,
    environment: k.environment,
    status: k.status,
    display_prefix: k.displayPrefix,
    principal_user_id: k.principalUserId,
    provider_credential_ids: [...k.chain],
    config: k.config,
    revision: String(k.revision),
    created_at: k.createdAt,
    updated_at: k.updatedAt,
    last_used_at: k.lastUsedAt,
    revoked_at: k.revokedAt,
    fallback_chain_length: k.chain.length,
  };
}

const chainIds = arrayOf(str(), { min: 1 });
const configCheck: Check<unknown> = (v, p) => parsePartialConfig("a", v, p);
const createSchema = object({
  name: req(str({ min: 1, max: 128 })),
  description: opt(str()),
  environment: opt(oneOf(["live", "test"])),
  principal_user_id: opt(nullable(str())),
  provider_credential_ids: req(chainIds),
  config: opt(configCheck),
});
const updateSchema = object({
  name: opt(str({ min: 1, max: 128 })),
  description: opt(nullable(str())),
  provider_credential_ids: opt(chainIds),
  config: opt(configCheck),
});

/** zod safeParse failure: 400 in the nested shape (research §2.7). */
function parse(schema: Check<Record<string, unknown>>, body: unknown): Record<string, unknown> | Reply {
  try {
    return schema(body, "");
  } catch (err) {
    if (err instanceof Invalid) return nested(400, "bad_request", "validation_error", err.message);
    throw err;
  }
}


// PATCH, rotate and revoke answer a flat 404; only GET by id uses the nested shape (research §6).
const notFoundFlat = (): Reply => flat(404, "Virtual key not found", "Virtual key not found");
const nameConflict = (): Reply => flat(409, "Conflict", "Unique constraint violated on (projectId, name)");

/**
 * Every chain id must be a non-disabled binding of this project. The service's TRPCError BAD_REQUEST is not
 * mapped by handleError, so 500 (research §2.7 [U]). Duplicates fail too: the row count no longer matches [U].
 */
function chainError(s: LangwatchState, ids: string[]): Reply | undefined {
  const usable = new Set(ids.filter((id) => {
    const b = s.bindings.get(id);
    return b !== undefined && b.projectId === s.projectId && b.disabledAt === null;
  }));
  return usable.size === ids.length ? undefined : trpcBadRequestA("One or more provider credentials do not belong to this project or are disabled");
}

const nameTaken = (s: LangwatchState, name: string, except?: string): boolean =>
  [...s.vksA.values()].some((k) => k.projectId === s.projectId && k.name === name && k.id !== except);

function find(s: LangwatchState, id: string): VkA | undefined {
  const k = s.vksA.get(id);
  return k && k.projectId === s.projectId ? k : undefined;
}

function create(s: LangwatchState, body: unknown): Reply {
  const input = parse(createSchema, body);
  if (isReply(input)) return input;
  const chain = input.provider_credential_ids as string[];
  const bad = chainError(s, chain);
  if (bad) return bad;
  const name = input.name as string;
  if (nameTaken(s, name)) return nameConflict();
  const environment = (input.environment as "live" | "test" | undefined) ?? "live";
  const minted = mintSecret(`lw_vk_${environment}_`);
  const now = nowIso();
  const key: VkA = {
    id: newVkId(),
    projectId: s.projectId,
    name,
    description: (input.description as string | undefined) ?? null,
    environment,
    status: "active",
    displayPrefix: minted.displayPrefix,
    secretHash: minted.secretHash,
    principalUserId: (input.principal_user_id as string | null | undefined) ?? null,
    chain,
    config: mergeConfig(defaultConfig("a"), (input.config as Record<string, unknown> | undefined) ?? {}),
    revision: 1,
    createdAt: now,
    updatedAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  s.vksA.set(key.id, key);
  return { status: 201, body: { virtual_key: vkDtoA(key), secret: minted.secret } };
}

function update(s: LangwatchState, id: string, body: unknown): Reply {
  const input = parse(updateSchema, body);
  if (isReply(input)) return input;
  const key = find(s, id);
  if (!key) return notFoundFlat();
  if (key.status === "revoked") return trpcBadRequestA("Cannot update a revoked virtual key");
  const next: VkA = { ...key };
  if (input.provider_credential_ids !== undefined) {
    const chain = input.provider_credential_ids as string[];
    const bad = chainError(s, chain);
    if (bad) return bad;
    next.chain = chain; // replaces the whole chain; priority = index
  }
  if (input.name !== undefined) {
    if (nameTaken(s, input.name as string, id)) return nameConflict();
    next.name = input.name as string;
  }
  // `input.description ?? existing.description`: null does not clear (research §6).
  next.description = (input.description as string | null | undefined) ?? key.description;
  if (input.config !== undefined) next.config = mergeConfig(key.config, input.config as Record<string, unknown>);
  next.revision = key.revision + 1;
  next.updatedAt = nowIso();
  s.vksA.set(id, next);
  return { status: 200, body: { virtual_key: vkDtoA(next) } };
}

function rotate(s: LangwatchState, id: string): Reply {
  const key = find(s, id);
  if (!key) return notFoundFlat();
  if (key.status === "revoked") return trpcBadRequestA("Cannot rotate a revoked virtual key");
  const minted = mintSecret(`lw_vk_${key.environment}_`);
  const next: VkA = { ...key, displayPrefix: minted.displayPrefix, secretHash: minted.secretHash, revision: key.revision + 1, updatedAt: nowIso() };
  s.vksA.set(id, next);
  return { status: 200, body: { virtual_key: vkDtoA(next), secret: minted.secret } };
}

/** Idempotent: an already revoked key comes back unchanged with 200 (research §2.7). */
function revoke(s: LangwatchState, id: string): Reply {
  const key = find(s, id);
  if (!key) return notFoundFlat();
  if (key.status === "revoked") return { status: 200, body: { virtual_key: vkDtoA(key) } };
  const now = nowIso();
  const next: VkA = { ...key, status: "revoked", revokedAt: now, revision: key.revision + 1, updatedAt: now };
  s.vksA.set(id, next);
  return { status: 200, body: { virtual_key: vkDtoA(next) } };
}

/** Every key of the project, revoked ones included, newest first, no paging (research §2.7). */
function list(s: LangwatchState): Reply {
  const keys = [...s.vksA.values()].filter((k) => k.projectId === s.projectId);
  keys.sort((x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0));
  return { status: 200, body: { data: keys.map(vkDtoA) } };
}

export function virtualKeyRoutesA(s: LangwatchState): Route[] {
  return [
    { method: "GET", path: VK_BASE, handle: () => list(s) },
    { method: "POST", path: VK_BASE, body: "json", mutates: true, handle: (c) => create(s, c.body) },
    {
      method: "GET",
      path: `${VK_BASE}/:id`,
      handle: (c) => {
        const key = find(s, idParam(c));
        return key ? { status: 200, body: { virtual_key: vkDtoA(key) } } : nested(404, "not_found", "virtual_key_not_found", "virtual key not found");
      },
    },
    { method: "PATCH", path: `${VK_BASE}/:id`, body: "json", mutates: true, handle: (c) => update(s, idParam(c), c.body) },
    { method: "POST", path: `${VK_BASE}/:id/rotate`, mutates: true, handle: (c) => rotate(s, idParam(c)) },
    { method: "POST", path: `${VK_BASE}/:id/revoke`, mutates: true, handle: (c) => revoke(s, idParam(c)) },
  ];
}
