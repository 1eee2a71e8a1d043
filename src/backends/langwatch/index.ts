import type { BindInput, Binding, BindingPatch, WithRaw } from "../../domain/binding.js";
import { GwError, NotFoundError } from "../../errors.js";
import type { HttpClient } from "../../http/client.js";
import type { Backend } from "../backend.js";
import { mapLangwatchError } from "./errors.js";
import { bindingsFromListBody, idFromWriteBody } from "./from-wire.js";
import { langwatchInfo } from "./info.js";
import { bindBody, patchBody } from "./to-wire.js";
import { langwatchVirtualKeys } from "./virtual-keys.js";
import { PROVIDERS_PATH } from "./wire.js";

export const info = langwatchInfo;
export const requiresKey = true;

export function authHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { "X-Auth-Token": apiKey } : {};
}

export function createBackend(http: HttpClient): Backend {
  async function call<T>(what: string, fn: () => Promise<T>, subject?: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapLangwatchError(err, what, subject);
    }
  }

  async function listBindings(): Promise<WithRaw<Binding>[]> {
    const what = "list bindings";
    const res = await call(what, () => http.request("GET", PROVIDERS_PATH));
    return bindingsFromListBody(res.body, what);
  }

  // There is no GET /providers/{id} (§2.2): read the list and find the id.
  async function getBinding(id: string): Promise<WithRaw<Binding>> {
    const found = (await listBindings()).find((b) => b.id === id);
    if (!found) throw new NotFoundError(`get binding ${id}: binding not found`);
    return found;
  }

  /** Writes return only the id (§2.3-2.5): read the record back, and say so if that read fails. */
  async function reread(id: string, done: string): Promise<WithRaw<Binding>> {
    try {
      return await getBinding(id);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new GwError(`${done}, but reading it back failed: ${why}`, err instanceof GwError ? err.exitCode : 1);
    }
  }

  return {
    ...langwatchVirtualKeys(http),
    info: langwatchInfo,
    listBindings,
    getBinding,

    async bindProvider(input: BindInput) {
      const what = `bind provider ${input.providerId}`;
      const res = await call(what, () => http.request("POST", PROVIDERS_PATH, { body: bindBody(input) }), "model provider");
      const id = idFromWriteBody(res.body, what);
      return reread(id, `binding ${id} was created`);
    },

    async updateBinding(id: string, patch: BindingPatch) {
      const what = `update binding ${id}`;
      const path = `${PROVIDERS_PATH}/${encodeURIComponent(id)}`;
      await call(what, () => http.request("PATCH", path, { body: patchBody(patch) }));
      return reread(id, `binding ${id} was updated`);
    },

    async disableBinding(id: string) {
      const what = `disable binding ${id}`;
      await call(what, () => http.request("DELETE", `${PROVIDERS_PATH}/${encodeURIComponent(id)}`));
      return reread(id, `binding ${id} was disabled`);
    },
  };
}
