import type { BindInput, Binding, BindingPatch, WithRaw, WriteOptions } from "../../domain/binding.js";
import type { LimitSemantics } from "../../domain/limits.js";
import { NotFoundError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import type { BindingsPart, Parts } from "../backend.js";
import { limitsFrom, onePage } from "../parts.js";
import { bindProvider } from "./bind.js";
import { bifrostChainWrites } from "./chain-writes.js";
import { mapBifrostError } from "./errors.js";
import { toBinding } from "./provider-from-wire.js";
import { bifrostProviderKeys } from "./provider-keys.js";
import { bifrostReads } from "./reads.js";
import { bifrostRoutingRules, registerRoutingRules } from "./rule-writes.js";
import { updateProvider } from "./update.js";
import { bifrostVirtualKeys } from "./virtual-keys.js";
import { bifrostVirtualKeyWrites } from "./vk-writes.js";
import { providerPath } from "./wire.js";

/** A provider or key without a limit has none at its level (research §2.6). */
export const LIMIT_SEMANTICS: LimitSemantics = { bindingUnset: "none", unenforced: [] };

export function createBackend(http: HttpClient): Parts {
  const reads = bifrostReads(http);

  async function list(): Promise<WithRaw<Binding>[]> {
    const what = "list providers";
    const providers = await reads.providers(what);
    const governance = await reads.governance(what);
    // Key counts come with the provider on v1.4 only; on v1.5 each would cost a request (N+1 on a large
    // gateway, and GET /api/keys does not say whose a key is), so `list` leaves them unknown and `get` counts.
    return providers.map((p) => toBinding(p, governance?.get(p.name), Array.isArray(p.keys) ? p.keys.length : null));
  }

  const bind = (input: BindInput) => bindProvider(http, reads, input);
  const update = (name: string, patch: BindingPatch, opts: WriteOptions = {}) => updateProvider(http, reads, name, patch, opts);

  const bindings: BindingsPart = {
    list,
    pages: onePage(list),
    async get(name) {
      const what = `get provider ${name}`;
      const provider = await reads.provider(name, what);
      const governance = await reads.governance(what);
      return toBinding(provider, governance?.get(name), await reads.keyCount(provider, what));
    },
    bind,
    update,
    // Bifrost answers writes with the whole provider: there is no cheaper write to offer `gw apply`.
    writes: {
      bind: async (input) => (await bind(input)).id,
      update: async (name, patch) => void (await update(name, patch)),
    },
  };

  const keys = bifrostVirtualKeys(http, reads);
  const keyWrites = bifrostVirtualKeyWrites(http, reads, keys);
  const chainWrites = bifrostChainWrites(http, reads, keys);
  // Routing rules of every scope, for gw apply (no verb of their own): reached through chainWrites.
  registerRoutingRules(chainWrites, bifrostRoutingRules(http, keys));
  return {
    bindings,
    bindingDelete: {
      /**
       * v1.4 answers 404 for an unknown name, v1.5 answers 200 either way (§2.3): read first, so gw can say
       * "not found" (exit 4) on both.
       */
      async remove(name) {
        const what = `delete provider ${name}`;
        await reads.provider(name, what);
        try {
          await http.request("DELETE", providerPath(name));
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) throw new NotFoundError(`${what}: provider ${name} not found`);
          throw mapBifrostError(err, what);
        }
      },
    },
    virtualKeys: { list: keys.listVirtualKeys, get: keys.getVirtualKey },
    virtualKeyWrites: keyWrites.writes,
    virtualKeyRotate: keyWrites.rotate,
    virtualKeyStatus: keyWrites.status,
    virtualKeyDelete: keyWrites.remove,
    providerKeys: bifrostProviderKeys(http, reads),
    chains: {
      // Fallbacks are kept in routing rules rather than on the key (§2.7).
      async show(keyId) {
        const key = await keys.getVirtualKey(keyId);
        return { kind: "rules", key, rules: await keys.routingRules(key) };
      },
    },
    chainWrites,
    limits: limitsFrom(bindings, { list: keys.listVirtualKeys, get: keys.getVirtualKey }, LIMIT_SEMANTICS),
  };
}
