import type { BindInput, Binding, BindingPatch, WithRaw } from "../../domain/binding.js";
import { rawOf } from "../../domain/binding.js";
import { NotFoundError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import type { Parts } from "../backend.js";
import { isRecord, unexpected } from "../wire-check.js";
import { deleteConflict, mapNgrokError } from "./errors.js";
import { pageFromListBody, toBinding } from "./from-wire.js";
import { checkBindInput, checkPatch } from "./input-rules.js";
import { ngrokPages } from "./paging.js";
import { ngrokAccessKeys } from "./access-keys.js";
import { ngrokProviderKeys } from "./provider-keys.js";
import { createBody, patchBody, type CurrentLists } from "./to-wire.js";
import { PROVIDERS_PATH, type WireModel, type WireSurface } from "./wire.js";

export function createBackend(http: HttpClient): Parts {
  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapNgrokError(err, what);
    }
  }

  const providerPath = (id: string) => `${PROVIDERS_PATH}/${encodeURIComponent(id)}`;

  /** Every page, following nextPageUri until it is null (research §1.5), bounded as every list is (../paging.ts). */
  const bindingPages = (): AsyncIterable<WithRaw<Binding>[]> =>
    ngrokPages(http, PROVIDERS_PATH, "list providers", (body, what) => {
      const { bindings, nextPageUri } = pageFromListBody(body, what);
      return { items: bindings, nextPageUri };
    });

  async function listBindings(): Promise<WithRaw<Binding>[]> {
    const all: WithRaw<Binding>[] = [];
    for await (const page of bindingPages()) all.push(...page);
    return all;
  }

  /**
   * `ref` is a server id or a providerId. The API only reads by id and has no filter (research §1.2, §1.5),
   * so: GET /providers/{ref} first, the cheap common case (ids are what list prints), and only on 404 list
   * everything and match the providerId. An id therefore wins if a providerId ever equals another
   * provider's id. Reads go through under --dry-run, so the printed write names the real id.
   */
  async function resolve(ref: string, what: string): Promise<WithRaw<Binding>> {
    try {
      const res = await http.request("GET", providerPath(ref));
      return toBinding(res.body, what);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw mapNgrokError(err, what);
    }
    const found = (await listBindings()).find((b) => b.providerId === ref);
    if (!found) throw new NotFoundError(`${what}: no provider has the id or providerId "${ref}"`);
    return found;
  }

  /** POST answers 201 with the whole provider (research §1.2), so there is nothing to read back. */
  async function bind(input: BindInput): Promise<WithRaw<Binding>> {
    checkBindInput(input);
    const what = `create provider ${input.providerId}`;
    const res = await call(what, () => http.request("POST", PROVIDERS_PATH, { body: createBody(input) }));
    return toBinding(res.body, what);
  }

  async function update(ref: string, patch: BindingPatch): Promise<WithRaw<Binding>> {
    checkPatch(patch);
    const what = `update provider ${ref}`;
    const current = await resolve(ref, what);
    const body = patchBody(patch, listsOf(rawOf(current)));
    const res = await call(what, () => http.request("PATCH", providerPath(current.id), { body }));
    return toBinding(res.body, what);
  }

  async function deleteProvider(ref: string): Promise<void> {
    const what = `delete provider ${ref}`;
    const current = await resolve(ref, what);
    // Named as people name it, whatever the ref was (the commands resolve names to ids first).
    const label = `${current.providerId} (${current.id})`;
    try {
      await http.request("DELETE", providerPath(current.id));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) throw deleteConflict(err, `delete provider ${label}`);
      throw mapNgrokError(err, what);
    }
  }

  return {
    bindings: {
      list: listBindings,
      pages: bindingPages,
      get: (ref: string) => resolve(ref, `get provider ${ref}`),
      bind,
      update,
      // The writes answer with the whole provider: nothing cheaper to offer `gw apply`.
      writes: {
        bind: async (input) => (await bind(input)).id,
        update: async (ref, patch) => void (await update(ref, patch)),
      },
    },
    bindingDelete: { remove: deleteProvider },
    ...ngrokProviderKeys(http),
    // Access keys (vk), their configurations and router rules (chain); rule keys are named from the provider keys.
    ...ngrokAccessKeys(http, { providerKeys: (provider) => ngrokProviderKeys(http).providerKeys.list(provider) }),
  };

}

/** The lists a PATCH replaces, from the raw body toBinding already checked (models, surfaces and their fields). */
function listsOf(raw: unknown): CurrentLists {
  if (!isRecord(raw)) return {};
  return {
    supportedApiSurfaces: Array.isArray(raw.supportedApiSurfaces) ? (raw.supportedApiSurfaces as WireSurface[]) : [],
    models: Array.isArray(raw.models) ? (raw.models as WireModel[]) : [],
  };
}
