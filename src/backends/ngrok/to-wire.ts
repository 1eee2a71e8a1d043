import type { ApiSurface, BindInput, BindingPatch } from "../../domain/binding.js";
import type { WireProviderCreate, WireProviderUpdate, WireSurface } from "./wire.js";

/** A model set is a set: `--model a --model a` sends `a` once. */
const modelSet = (ids: readonly string[]) => [...new Set(ids)].map((modelId) => ({ modelId }));

function wireSurfaces(surfaces: readonly ApiSurface[], current: readonly WireSurface[] = []): WireSurface[] {
  return surfaces.map(({ format, surface }) => {
    // --surface cannot express supportedParams; keep those the provider already has for the same surface,
    // so replacing the list does not silently drop them.
    const kept = current.find((c) => c.format === format && (c.surface ?? undefined) === surface)?.supportedParams;
    return { format, ...(surface !== undefined ? { surface } : {}), ...(kept ? { supportedParams: kept } : {}) };
  });
}

export function createBody(input: BindInput & { name: string; baseUrl: string }): WireProviderCreate {
  const body: WireProviderCreate = { providerId: input.providerId, name: input.name, baseUrl: input.baseUrl };
  if (input.metadata !== undefined) body.metadata = input.metadata;
  if (input.surfaces !== undefined) body.supportedApiSurfaces = wireSurfaces(input.surfaces);
  if (input.models !== undefined) body.models = modelSet(input.models);
  return body;
}

/**
 * Exactly the named fields (§1.4 PATCH semantics): `models` only when the patch has them ([] clears, a
 * list replaces), `metadata`/`surfaces` null to clear. `current` is the provider's surfaces before the change.
 */
export function patchBody(patch: BindingPatch, current?: readonly WireSurface[]): WireProviderUpdate {
  const body: WireProviderUpdate = {};
  if (patch.name !== undefined) body.name = patch.name;
  if (patch.baseUrl !== undefined) body.baseUrl = patch.baseUrl;
  if (patch.metadata !== undefined) body.metadata = patch.metadata;
  if (patch.surfaces !== undefined) body.supportedApiSurfaces = patch.surfaces === null ? null : wireSurfaces(patch.surfaces, current);
  if (patch.models !== undefined) body.models = modelSet(patch.models);
  return body;
}
