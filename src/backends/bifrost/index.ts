import type { Binding, BindingPatch, WithRaw, WriteOptions } from "../../domain/binding.js";
import { NotFoundError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
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

export function createBackend(http: HttpClient): Backend {
  const reads = bifrostReads(http);

  async function listBindings(): Promise<WithRaw<Binding>[]> {
    const what = "list providers";
    const providers = await reads.providers(what);
    const governance = await reads.governance(what);
    // Key counts come with the provider on v1.4 only; on v1.5 each would cost a request (N+1 on a large
    // gateway, and GET /api/keys does not say whose a key is), so `list` leaves them unknown and `get` counts.
    return providers.map((p) => toBinding(p, governance?.get(p.name), Array.isArray(p.keys) ? p.keys.length : null));
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
