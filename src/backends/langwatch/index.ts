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
    return findIn(await listBindings(), id);
  }

  function findIn(list: WithRaw<Binding>[], id: string): WithRaw<Binding> {
    const found = list.find((b) => b.id === id);
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

  // The writes themselves; each verb below reads the record back, `gw apply` (bindingWrites) does not.
  const write = {
    async bind(input: BindInput): Promise<string> {
      const what = `bind provider ${input.providerId}`;
      const res = await call(what, () => http.request("POST", PROVIDERS_PATH, { body: bindBody(input) }), "model provider");
      return idFromWriteBody(res.body, what);
    },
    async update(id: string, patch: BindingPatch): Promise<void> {
      const path = `${PROVIDERS_PATH}/${encodeURIComponent(id)}`;
      await call(`update binding ${id}`, () => http.request("PATCH", path, { body: patchBody(patch) }));
    },
    async disable(id: string): Promise<void> {
      await call(`disable binding ${id}`, () => http.request("DELETE", `${PROVIDERS_PATH}/${encodeURIComponent(id)}`));
    },
  };

  return {
    ...langwatchVirtualKeys(http),
    info: langwatchInfo,
    listBindings,
    getBinding,
    bindingWrites: write,

    async bindProvider(input: BindInput) {
      const id = await write.bind(input);
      return reread(id, `binding ${id} was created`);
    },

    async updateBinding(id: string, patch: BindingPatch) {
      await write.update(id, patch);
      return reread(id, `binding ${id} was updated`);
    },

    async disableBinding(id: string) {
      await write.disable(id);
      return reread(id, `binding ${id} was disabled`);
    },
  };
}
