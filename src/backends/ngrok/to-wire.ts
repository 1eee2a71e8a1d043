import type { ApiSurface, BindInput, BindingPatch, ModelSpec } from "../../domain/binding.js";
import type { WireModel, WireModelWrite, WireProviderCreate, WireProviderUpdate, WireSurface } from "./wire.js";

/** The provider's lists before a PATCH replaces them (its raw body): what entries that stay carry over. */
export interface CurrentLists {
  supportedApiSurfaces?: readonly WireSurface[];
  models?: readonly WireModel[];
}

const idOf = (m: ModelSpec): string => (typeof m === "string" ? m : m.id);

/**
 * The model set. A set: `--model a --model a` sends `a` once (input-rules refuses two different upstream
 * ids for one model). A PATCH replaces the whole list (§1.4) and an entry left without providerModelId or
 * unsupportedParams loses them, so a model that stays keeps what it has: its unsupportedParams always (no
 * flag sets them), its providerModelId unless the user gave one (`id=upstream`) or dropped it (`id=`).
 */
function wireModels(models: readonly ModelSpec[], current: readonly WireModel[] = []): WireModelWrite[] {
  const ids: string[] = [];
  const upstreams = new Map<string, string | null>();
  for (const m of models) {
    if (!ids.includes(idOf(m))) ids.push(idOf(m));
    if (typeof m !== "string") upstreams.set(m.id, m.upstream);
  }
  return ids.map((modelId) => {
    const kept = current.find((c) => c.modelId === modelId);
    const upstream = upstreams.has(modelId) ? upstreams.get(modelId) : kept?.providerModelId;
    return {
      modelId,
      ...(upstream ? { providerModelId: upstream } : {}),
      ...(kept?.unsupportedParams?.length ? { unsupportedParams: [...kept.unsupportedParams] } : {}),
    };
  });
}

function wireSurfaces(surfaces: readonly ApiSurface[], current: readonly WireSurface[] = []): WireSurface[] {
  return surfaces.map(({ format, surface }) => {
    // --surface cannot express a surface's baseUrl or supportedParams; keep those the provider already has
    // for the same surface, so replacing the list does not silently drop them.
    const kept = current.find((c) => c.format === format && (c.surface ?? undefined) === surface);
    return {
      format,
      ...(surface !== undefined ? { surface } : {}),
      ...(kept?.baseUrl !== undefined ? { baseUrl: kept.baseUrl } : {}),
      ...(kept?.supportedParams ? { supportedParams: kept.supportedParams } : {}),
    };
  });
}

export function createBody(input: BindInput & { name: string; baseUrl: string }): WireProviderCreate {
  const body: WireProviderCreate = { providerId: input.providerId, name: input.name, baseUrl: input.baseUrl };
  if (input.metadata !== undefined) body.metadata = input.metadata;
  if (input.surfaces !== undefined) body.supportedApiSurfaces = wireSurfaces(input.surfaces);
  if (input.models !== undefined) body.models = wireModels(input.models);
  return body;
}

/**
 * Exactly the named fields (§1.4 PATCH semantics): `models` only when the patch has them ([] clears, a
 * list replaces), `metadata`/`surfaces` null to clear. `current` is the provider before the change.
 */
export function patchBody(patch: BindingPatch, current: CurrentLists = {}): WireProviderUpdate {
  const body: WireProviderUpdate = {};
  if (patch.name !== undefined) body.name = patch.name;
  if (patch.baseUrl !== undefined) body.baseUrl = patch.baseUrl;
  if (patch.metadata !== undefined) body.metadata = patch.metadata;
  if (patch.surfaces !== undefined) {
    body.supportedApiSurfaces = patch.surfaces === null ? null : wireSurfaces(patch.surfaces, current.supportedApiSurfaces);
  }
  if (patch.models !== undefined) body.models = wireModels(patch.models, current.models);
  return body;
}
