import { bindingNames, type BindInput, type Binding, type BindingPatch, type WithRaw } from "../../domain/binding.js";
import type { LimitSemantics } from "../../domain/limits.js";
import { GwError, NotFoundError, RejectedError, UsageError } from "../../errors.js";
import type { HttpClient } from "../../http/client.js";
import { oneLine } from "../../redact.js";
import type { BindingsPart, Parts } from "../backend.js";
import { limitsFrom, onePage } from "../parts.js";
import { explainBindConflict, mapLangwatchError } from "./errors.js";
import { bindingsFromListBody, idFromWriteBody } from "./from-wire.js";
import { bindBody, patchBody } from "./to-wire.js";
import { langwatchVirtualKeys } from "./virtual-keys.js";
import { PROVIDERS_PATH } from "./wire.js";

/** Research §6: TPM is stored but not enforced by the gateway (v1); an unset limit inherits the project's. */
export const LIMIT_SEMANTICS: LimitSemantics = { bindingUnset: "inherit", unenforced: ["tpm"] };

export function createBackend(http: HttpClient): Parts {
  async function call<T>(what: string, fn: () => Promise<T>, subject?: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapLangwatchError(err, what, subject);
    }
  }

  async function list(): Promise<WithRaw<Binding>[]> {
    const what = "list bindings";
    const res = await call(what, () => http.request("GET", PROVIDERS_PATH));
    return bindingsFromListBody(res.body, what);
  }

  // There is no GET /providers/{id} (§2.2): read the list and find the id.
  async function get(id: string): Promise<WithRaw<Binding>> {
    const found = (await list()).find((b) => b.id === id);
    if (!found) throw new NotFoundError(`get binding ${id}: binding not found`);
    return found;
  }

  /** Writes return only the id (§2.3-2.5): read the record back, and say so if that read fails. */
  async function reread(id: string, done: string): Promise<WithRaw<Binding>> {
    try {
      return await get(id);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new GwError(`${done}, but reading it back failed: ${why}`, err instanceof GwError ? err.exitCode : 1);
    }
  }

  // The writes themselves; each verb below reads the record back, `gw apply` (writes) does not.
  const writes = {
    async bind(input: BindInput): Promise<string> {
      const what = `bind provider ${input.providerId}`;
      let res;
      try {
        res = await http.request("POST", PROVIDERS_PATH, { body: bindBody(input) });
      } catch (err) {
        // A 409 names the binding that holds the slot: the list is read to find it (reads go through --dry-run).
        throw await explainBindConflict(err, what, input, list);
      }
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

  const bindings: BindingsPart = {
    list,
    pages: onePage(list),
    get,
    writes,
    async bind(input) {
      const id = await writes.bind(input);
      return reread(id, `binding ${id} was created`);
    },
    async update(id, patch) {
      await writes.update(id, patch);
      return reread(id, `binding ${id} was updated`);
    },
  };

  const keys = langwatchVirtualKeys(http);
  return {
    bindings,
    bindingDisable: {
      async disable(id) {
        await writes.disable(id);
        return reread(id, `binding ${id} was disabled`);
      },
      disableOnly: writes.disable,
    },
    modelProviders: keys.modelProviders,
    virtualKeys: keys.virtualKeys,
    virtualKeyWrites: { create: keys.writes.create, update: keys.writes.update },
    virtualKeyRotate: { rotate: keys.writes.rotate },
    virtualKeyRevoke: { revoke: keys.writes.revoke },
    virtualKeyStatus: keys.status,
    chains: {
      async show(keyId) {
        const key = await keys.virtualKeys.get(keyId);
        return { kind: "bindings", key, bindings: key.chain ? await list() : [] };
      },
    },
    chainWrites: {
      /** The server answers an unknown or disabled binding with an unhelpful 500 (research §2.7): check first. */
      async set(keyId, hops) {
        const all = await list();
        const byId = new Map(all.map((b) => [b.id, b]));
        const bindingIds = hops.map((hop) => hopId(hop, all));
        const missing = bindingIds.filter((id) => !byId.has(id));
        if (missing.length) throw new NotFoundError(`binding ${missing.join(", ")} does not exist in this project (see gw providers list)`);
        const disabled = bindingIds.filter((id) => byId.get(id)?.status === "disabled");
        if (disabled.length) {
          throw new RejectedError(`binding ${disabled.join(", ")} is disabled; a chain cannot be set to use a disabled binding`);
        }
        return { kind: "bindings", key: await keys.setChain(keyId, bindingIds), bindings: all };
      },
    },
    limits: limitsFrom(bindings, keys.virtualKeys, LIMIT_SEMANTICS),
  };
}

/**
 * A hop names a binding by id or by a name people use (`openai/primary`, see bindingNames): ids win, one
 * named binding is its id, several are a usage error listing them; anything else is left for the
 * existence check to report.
 */
function hopId(hop: string, all: readonly Binding[]): string {
  if (all.some((b) => b.id === hop)) return hop;
  const named = all.filter((b) => bindingNames(b).includes(hop));
  if (named.length > 1) {
    throw new UsageError(`binding name "${oneLine(hop)}" is ambiguous: ${named.map((b) => `${oneLine(b.id)} (${b.status})`).join(", ")}; give the id`);
  }
  return named[0]?.id ?? hop;
}
