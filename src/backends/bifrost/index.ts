import type { Binding, BindingPatch, WithRaw, WriteOptions } from "../../domain/binding.js";
import { NotFoundError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import { mapLimit } from "../../io/progress.js";
import type { Backend } from "../backend.js";
import { bindProvider } from "./bind.js";
import { mapBifrostError } from "./errors.js";
import { bifrostInfo } from "./info.js";
import { toBinding } from "./provider-from-wire.js";
import { bifrostReads } from "./reads.js";
import { updateProvider } from "./update.js";
import { bifrostVirtualKeys } from "./virtual-keys.js";
import { providerPath } from "./wire.js";

export { authHeaders } from "./auth.js";
export const info = bifrostInfo;
/** Bifrost runs without dashboard auth by default (research §2.2). */
export const requiresKey = false;

/** v1.5 needs one GET per provider for its key count; a few at a time keeps `list` quick without flooding the server. */
const KEY_COUNT_CONCURRENCY = 8;

export function createBackend(http: HttpClient): Backend {
  const reads = bifrostReads(http);

  async function listBindings(): Promise<WithRaw<Binding>[]> {
    const what = "list providers";
    const providers = await reads.providers(what);
    const governance = await reads.governance(what);
    return mapLimit(providers, KEY_COUNT_CONCURRENCY, async (p) => toBinding(p, governance?.get(p.name), await reads.keyCount(p, what)));
  }

  async function getBinding(name: string): Promise<WithRaw<Binding>> {
    const what = `get provider ${name}`;
    const provider = await reads.provider(name, what);
    const governance = await reads.governance(what);
    return toBinding(provider, governance?.get(name), await reads.keyCount(provider, what));
  }

  return {
    info: bifrostInfo,
    listBindings,
    getBinding,
    bindProvider: (input) => bindProvider(http, reads, input),
    updateBinding: (name: string, patch: BindingPatch, opts: WriteOptions = {}) => updateProvider(http, reads, name, patch, opts),

    /**
     * v1.4 answers 404 for an unknown name, v1.5 answers 200 either way (§2.3): read first, so gw can say
     * "not found" (exit 4) on both.
     */
    async deleteBinding(name: string) {
      const what = `delete provider ${name}`;
      await reads.provider(name, what);
      try {
        await http.request("DELETE", providerPath(name));
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) throw new NotFoundError(`${what}: provider ${name} not found`);
        throw mapBifrostError(err, what);
      }
    },

    ...bifrostVirtualKeys(http, reads),
  };
}
