import type { ByteSource } from "../ids.js";
import type { Reply, RequestContext, Route } from "../backend.js";
import { configurationUri } from "./configurations.js";
import { ngrokError } from "./errors.js";
import { nextId } from "./ids.js";
import { pageOf } from "./paging.js";
import type { AccessKeyRow, ConfigurationRow, NgrokState } from "./state.js";
import { originOf, timestamp } from "./wire.js";

export const ACCESS_KEYS = "/access-keys";

// Bodies reach the handlers only after the contract accepted them (server.ts), so their shapes are known.
interface CreateBody {
  name?: string;
  description?: string;
  metadata?: string;
  accessKeyConfigurationId?: string;
}
interface UpdateBody {
  name?: string | null;
  description?: string | null;
  metadata?: string | null;
  accessKeyConfigurationId?: string | null;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(bytes: ByteSource, n: number): string {
  let out = "";
  for (const b of bytes(n)) out += BASE62[b % 62];
  return out;
}

/**
 * A token in the form ngrok's docs show (`ng-xxxxx-g1-xxxxx`, concepts/access-keys: "the token (starting with
 * `ng-`)"); the lengths of its parts are the sandbox's guess [U]. keyRedacted keeps the head and the last four.
 */
export function newToken(bytes: ByteSource): { token: string; keyRedacted: string } {
  const token = `ng-${base62(bytes, 5)}-g1-${base62(bytes, 40)}`;
  return { token, keyRedacted: `${token.slice(0, 12)}****${token.slice(-4)}` };
}

export const accessKeyNotFound = (id: string): Reply => ngrokError(404, `AI Gateway access key ${id} not found`, { id });

/** A stored key as the API returns it: the token never (create adds it once); a null link for allow-all. */
export function accessKeyBody(s: NgrokState, k: AccessKeyRow, origin: string): Record<string, unknown> {
  const body: Record<string, unknown> = { id: k.id };
  if (k.name !== null) body.name = k.name;
  body.uri = `${origin}${ACCESS_KEYS}/${encodeURIComponent(k.id)}`;
  body.createdAt = k.createdAt;
  body.updatedAt = k.updatedAt;
  if (k.description !== null) body.description = k.description;
  if (k.metadata !== null) body.metadata = k.metadata;
  body.createdBy = apiKeyRef(k.createdBy, origin);
  body.lastUpdatedBy = apiKeyRef(k.lastUpdatedBy, origin);
  body.keyRedacted = k.keyRedacted;
  body.lastUsed = k.lastUsed;
  const config = k.configurationId === null ? undefined : s.configurations.get(k.configurationId);
  body.accessKeyConfiguration = config ? { id: config.id, uri: configurationUri(config.id, origin), name: config.name } : null;
  return body;
}

const apiKeyRef = (id: string, origin: string) => ({ id, uri: `${origin}/api-keys/${encodeURIComponent(id)}` });

/** An id in a body that names no configuration: refused as the request's fault (400), like other bad fields [U]. */
const unknownConfiguration = (id: string): Reply =>
  ngrokError(400, `accessKeyConfigurationId: access key configuration ${id} does not exist`, { field: "accessKeyConfigurationId", id });

/** 201 with the plaintext token: the only answer that ever carries it (AIGatewayAccessKey.token). */
function create(s: NgrokState, bytes: ByteSource, c: RequestContext): Reply {
  const b = c.body as CreateBody;
  if (b.accessKeyConfigurationId !== undefined && !s.configurations.has(b.accessKeyConfigurationId)) return unknownConfiguration(b.accessKeyConfigurationId);
  const now = timestamp(Date.now());
  const { token, keyRedacted } = newToken(bytes);
  const row: AccessKeyRow = {
    id: nextId(s, "aigk", bytes),
    name: b.name ?? null,
    description: b.description ?? null,
    metadata: b.metadata ?? null,
    keyRedacted,
    configurationId: b.accessKeyConfigurationId ?? null,
    lastUsed: null,
    createdAt: now,
    updatedAt: now,
    createdBy: s.apiKeyId,
    lastUpdatedBy: s.apiKeyId,
  };
  s.accessKeys.set(row.id, row);
  const body = accessKeyBody(s, row, originOf(c.headers));
  return { status: 201, body: { ...body, token } };
}

/** PATCH: absent keeps, null clears; accessKeyConfigurationId null reverts to allow-all scope. */
function update(s: NgrokState, c: RequestContext): Reply {
  const id = c.params.id ?? "";
  const row = s.accessKeys.get(id);
  if (!row) return accessKeyNotFound(id);
  const b = c.body as UpdateBody;
  if (typeof b.accessKeyConfigurationId === "string" && !s.configurations.has(b.accessKeyConfigurationId)) return unknownConfiguration(b.accessKeyConfigurationId);
  const next: AccessKeyRow = { ...row };
  if (b.name !== undefined) next.name = b.name;
  if (b.description !== undefined) next.description = b.description;
  if (b.metadata !== undefined) next.metadata = b.metadata;
  if (b.accessKeyConfigurationId !== undefined) next.configurationId = b.accessKeyConfigurationId;
  next.updatedAt = timestamp(Date.now());
  next.lastUpdatedBy = s.apiKeyId;
  s.accessKeys.set(id, next);
  return { status: 200, body: accessKeyBody(s, next, originOf(c.headers)) };
}

function remove(s: NgrokState, c: RequestContext): Reply {
  const id = c.params.id ?? "";
  if (!s.accessKeys.delete(id)) return accessKeyNotFound(id);
  return { status: 204, body: undefined };
}

export function accessKeyRoutes(s: NgrokState, bytes: ByteSource): Route[] {
  const one = (c: RequestContext): Reply => {
    const row = s.accessKeys.get(c.params.id ?? "");
    return row ? { status: 200, body: accessKeyBody(s, row, originOf(c.headers)) } : accessKeyNotFound(c.params.id ?? "");
  };
  return [
    { method: "GET", path: ACCESS_KEYS, handle: (c) => pageOf(s.accessKeys, c, ACCESS_KEYS, "aiGatewayAccessKeys", (row, origin) => accessKeyBody(s, row, origin)) },
    { method: "POST", path: ACCESS_KEYS, body: "json", mutates: true, handle: (c) => create(s, bytes, c) },
    { method: "GET", path: `${ACCESS_KEYS}/:id`, handle: one },
    { method: "PATCH", path: `${ACCESS_KEYS}/:id`, body: "json", mutates: true, handle: (c) => update(s, c) },
    { method: "DELETE", path: `${ACCESS_KEYS}/:id`, mutates: true, handle: (c) => remove(s, c) },
  ];
}

/**
 * The demo account's access: a Default configuration two keys share (OpenAI through ngrok.ai inference, the
 * lab Ollama with its provider key), one for Anthropic with a model allow-list, one no key uses, and a key
 * without a configuration (allow-all). Default names my-ollama, so deleting that provider answers 409; its
 * id is fixed (the rest are minted) because tests and the README name it.
 */
export function seedAccess(s: NgrokState, bytes: ByteSource, at: number): void {
  const keyOf = (providerId: string) => [...s.providerKeys.values()].find((k) => k.providerId === providerId)?.id;
  const userStep = (providerId: string) => {
    const key = keyOf(providerId);
    return key ? [{ type: "user" as const, keys: [key], keySelectionStrategy: "ordered" as const }] : [];
  };
  const config = (id: string | null, minute: number, init: Pick<ConfigurationRow, "name" | "description" | "access" | "router">): ConfigurationRow => {
    const when = timestamp(at + minute * 60_000);
    const row: ConfigurationRow = {
      id: id ?? nextId(s, "aigac", bytes, at + minute * 60_000),
      metadata: null,
      createdAt: when,
      updatedAt: when,
      createdBy: s.apiKeyId,
      lastUpdatedBy: s.apiKeyId,
      ...init,
    };
    s.configurations.set(row.id, row);
    return row;
  };
  const ollama = userStep("my-ollama");
  const standard = config("akc_sandbox_default", 0, {
    name: "Default",
    description: "OpenAI through ngrok.ai inference; the lab Ollama with its bearer key",
    access: { providers: { allow: ["openai", "my-ollama"] } },
    router: { rules: [{ provider: "openai", steps: [{ type: "ngrok" }] }, ...(ollama.length ? [{ provider: "my-ollama", steps: ollama }] : [])] },
  });
  const anthropic = config(null, 1, {
    name: "Anthropic only",
    description: "Two Claude models through ngrok.ai inference",
    access: { providers: { allow: ["anthropic"] }, models: { allow: ["anthropic:claude-sonnet-4-6", "anthropic:claude-haiku-4-5"] } },
    router: { rules: [{ provider: "anthropic", steps: [{ type: "ngrok" }] }] },
  });
  config(null, 2, { name: "Unused", description: null, access: null, router: null });
  const key = (minute: number, name: string, configurationId: string | null, lastUsed: number | null) => {
    const when = at + minute * 60_000;
    const row: AccessKeyRow = {
      id: nextId(s, "aigk", bytes, when),
      name,
      description: null,
      metadata: null,
      keyRedacted: newToken(bytes).keyRedacted,
      configurationId,
      lastUsed: lastUsed === null ? null : timestamp(at + lastUsed * 60_000),
      createdAt: timestamp(when),
      updatedAt: timestamp(when),
      createdBy: s.apiKeyId,
      lastUpdatedBy: s.apiKeyId,
    };
    s.accessKeys.set(row.id, row);
  };
  key(5, "Production web app", standard.id, 600);
  key(6, "Staging web app", standard.id, null);
  key(7, "Batch jobs", anthropic.id, 300);
  key(8, "CI smoke tests", null, null);
}
