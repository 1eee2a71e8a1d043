import type { Binding, WithRaw } from "../domain/binding.js";
import type { VirtualKey } from "../domain/virtual-key.js";
import { RejectedError } from "../errors.js";
import type { LimitSemantics } from "../domain/limits.js";
import type { BindingsPart, LimitsPart, VirtualKeysPart } from "./backend.js";

/** `pages` of a control plane that answers the whole list at once. */
export function onePage(list: () => Promise<WithRaw<Binding>[]>): () => AsyncIterable<WithRaw<Binding>[]> {
  return async function* () {
    yield await list();
  };
}

/**
 * `gw limits` from a backend's bindings and keys. A control plane that refuses its bindings API (LangWatch
 * v3.4+ answers 410, a rejection) still shows its keys, with a warning saying why the bindings are missing.
 */
export function limitsFrom(bindings: BindingsPart, keys: VirtualKeysPart | undefined, semantics: LimitSemantics): LimitsPart {
  return {
    semantics,
    async read(warn) {
      const all: VirtualKey[] = keys ? await keys.list() : [];
      let list: Binding[] = [];
      try {
        list = await bindings.list();
      } catch (err) {
        if (!(err instanceof RejectedError)) throw err;
        warn(`binding limits are not available: ${err.message}`);
      }
      return { bindings: list, keys: all };
    },
  };
}
