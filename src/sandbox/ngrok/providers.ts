import type { ByteSource } from "../ids.js";
import type { Reply, RequestContext, Route } from "../backend.js";
import { configurationsReferring } from "./configurations.js";
import { ngrokError, notFound } from "./errors.js";
import { nextId } from "./ids.js";
import { listPage } from "./paging.js";
import { baseUrlProblem, CATALOG_PROVIDER_IDS, modelsProblem, surfacesProblem } from "./rules.js";
import type { ModelRow, NgrokState, ProviderRow, SurfaceRow } from "./state.js";
import { originOf, PROVIDERS, providerBody, timestamp } from "./wire.js";

// Bodies reach the handlers only after the contract accepted them (server.ts), so their shapes are known.
interface CreateBody {
  providerId: string;
  name: string;
  baseUrl: string;
  metadata?: string;
  supportedApiSurfaces?: SurfaceRow[];
  models?: ModelWrite[];
}

interface UpdateBody {
  name?: string | null;
  baseUrl?: string;
  metadata?: string | null;
  supportedApiSurfaces?: SurfaceRow[] | null;
  models?: ModelWrite[] | null;
}

type ModelWrite = { modelId: string; providerModelId?: string; unsupportedParams?: string[] };

const invalid = (msg: string, field: string): Reply => ngrokError(400, msg, { field });

function newModels(s: NgrokState, bytes: ByteSource, wanted: ModelWrite[], keep: ModelRow[] = []): ModelRow[] {
  // Whether unchanged modelIds keep their model id after a replacement is unconfirmed (research §1.4);
  // the sandbox keeps them, so clients that match by modelId (as gw does) work either way. The other
  // fields are what this write says: a replacement that leaves them out drops them, as the API does.
  return wanted.map(({ modelId, providerModelId, unsupportedParams }) => ({
    id: keep.find((m) => m.modelId === modelId)?.id ?? nextId(s, "aigpm", bytes),
    modelId,
    ...(providerModelId !== undefined ? { providerModelId } : {}),
    unsupportedParams: unsupportedParams ?? [],
  }));
}

function create(s: NgrokState, bytes: ByteSource, c: RequestContext): Reply {
  const b = c.body as CreateBody;
  const urlProblem = baseUrlProblem(b.baseUrl);
  if (urlProblem) return invalid(urlProblem, "baseUrl");
  if (CATALOG_PROVIDER_IDS.includes(b.providerId)) {
    return invalid(`providerId "${b.providerId}" is a built-in provider of the ngrok catalog; choose another`, "providerId");
  }
  if ([...s.providers.values()].some((p) => p.providerId === b.providerId)) {
    return ngrokError(409, `a provider with providerId "${b.providerId}" already exists`, { providerId: b.providerId });
  }
  const surfaceProblem = b.supportedApiSurfaces && surfacesProblem(b.supportedApiSurfaces);
  if (surfaceProblem) return invalid(surfaceProblem, "supportedApiSurfaces");
  const modelProblem = b.models && modelsProblem(b.models);
  if (modelProblem) return invalid(modelProblem, "models");
  const now = timestamp(Date.now());
  const row: ProviderRow = {
    id: nextId(s, "aigp", bytes),
    providerId: b.providerId,
    name: b.name,
    baseUrl: b.baseUrl,
    metadata: b.metadata ?? null,
    surfaces: b.supportedApiSurfaces ?? null,
    models: [],
    createdAt: now,
    updatedAt: now,
    createdBy: s.apiKeyId,
    lastUpdatedBy: s.apiKeyId,
  };
  row.models = newModels(s, bytes, b.models ?? []);
  s.providers.set(row.id, row);
  return { status: 201, body: providerBody(row, originOf(c.headers)) };
}

/** PATCH: absent keeps, a value sets; models [] clears and a list replaces; providerId is immutable (research §1.4). */
function update(s: NgrokState, bytes: ByteSource, c: RequestContext): Reply {
  const id = c.params.id ?? "";
  const row = s.providers.get(id);
  if (!row) return notFound(id);
  const b = c.body as UpdateBody;
  // What null does for name and models is unconfirmed (research §1.4); the sandbox refuses it, so a client
  // that sends it finds out here rather than against a server that may clear a required field.
  if (b.name === null) return invalid("name cannot be cleared", "name");
  if (b.models === null) return invalid("models cannot be null: send [] to clear them", "models");
  if (b.baseUrl !== undefined) {
    const urlProblem = baseUrlProblem(b.baseUrl);
    if (urlProblem) return invalid(urlProblem, "baseUrl");
  }
  const surfaceProblem = b.supportedApiSurfaces && surfacesProblem(b.supportedApiSurfaces);
  if (surfaceProblem) return invalid(surfaceProblem, "supportedApiSurfaces");
  const modelProblem = b.models && modelsProblem(b.models);
  if (modelProblem) return invalid(modelProblem, "models");

  const next: ProviderRow = { ...row };
  if (b.name !== undefined) next.name = b.name;
  if (b.baseUrl !== undefined) next.baseUrl = b.baseUrl;
  if (b.metadata !== undefined) next.metadata = b.metadata;
  if (b.supportedApiSurfaces !== undefined) next.surfaces = b.supportedApiSurfaces;
  if (b.models !== undefined) next.models = newModels(s, bytes, b.models, row.models);
  next.updatedAt = timestamp(Date.now());
  next.lastUpdatedBy = s.apiKeyId;
  s.providers.set(id, next);
  return { status: 200, body: providerBody(next, originOf(c.headers)) };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** 204, or 409 while a provider key or an access key configuration entry refers to it (research §1.2). */
function remove(s: NgrokState, c: RequestContext): Reply {
  const id = c.params.id ?? "";
  const row = s.providers.get(id);
  if (!row) return notFound(id);
  const refs = s.references.filter((r) => r.provider === id);
  const providerKeys = [...s.providerKeys.values()].filter((k) => k.providerId === row.providerId).map((k) => k.id);
  // Configurations that name it in their scope or rules (configurations.ts); state files may still hold old references.
  const configRefs = configurationsReferring(s, row);
  if (refs.length > 0 || providerKeys.length > 0 || configRefs.length > 0) {
    const keys = [...providerKeys, ...refs.filter((r) => r.kind === "providerKey").map((r) => r.id)];
    const configs = [...new Set([...configRefs, ...refs.filter((r) => r.kind === "accessKeyConfiguration").map((r) => r.id)])];
    const what = [
      ...(keys.length ? [plural(keys.length, "provider key", "provider keys")] : []),
      ...(configs.length ? [plural(configs.length, "access key configuration", "access key configurations")] : []),
    ].join(" and ");
    const details: Record<string, string> = {};
    if (keys.length) details.providerKeys = keys.join(",");
    if (configs.length) details.accessKeyConfigurations = configs.join(",");
    return ngrokError(409, `AI Gateway provider ${id} is still referenced by ${what}; remove those references before deleting it`, details);
  }
  s.providers.delete(id);
  return { status: 204, body: undefined };
}

export function providerRoutes(s: NgrokState, bytes: ByteSource): Route[] {
  const one = (c: RequestContext): Reply => {
    const row = s.providers.get(c.params.id ?? "");
    return row ? { status: 200, body: providerBody(row, originOf(c.headers)) } : notFound(c.params.id ?? "");
  };
  return [
    { method: "GET", path: PROVIDERS, handle: (c) => listPage(s, c) },
    { method: "POST", path: PROVIDERS, body: "json", mutates: true, handle: (c) => create(s, bytes, c) },
    { method: "GET", path: `${PROVIDERS}/:id`, handle: one },
    { method: "PATCH", path: `${PROVIDERS}/:id`, body: "json", mutates: true, handle: (c) => update(s, bytes, c) },
    { method: "DELETE", path: `${PROVIDERS}/:id`, mutates: true, handle: (c) => remove(s, c) },
  ];
}
