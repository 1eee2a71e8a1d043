import type { WithRaw } from "../../domain/binding.js";
import type { IssuedKey, ModelProvider, VirtualKey, VirtualKeyInput, VirtualKeyPatch } from "../../domain/virtual-key.js";
import { UsageError } from "../../errors.js";
import type { HttpClient } from "../../http/client.js";
import type {
  ModelProvidersPart,
  VirtualKeyRevokePart,
  VirtualKeyRotatePart,
  VirtualKeyStatusPart,
  VirtualKeysPart,
  VirtualKeyWritesPart,
} from "../backend.js";
import { collectPages, cursorPages } from "../paging.js";
import { isRecord, unexpected } from "../wire-check.js";
import { mapLangwatchError } from "./errors.js";
import { modelProvidersFromBody, secretFromBody, toVirtualKey, virtualKeyFromBody } from "./vk-from-wire.js";

const VK_PATH = "/api/gateway/v1/virtual-keys";
const PAGE_LIMIT = 200; // era b's maximum (§3.3); era a ignores the parameter
// Every action POST sends `{}`, as disable does: a server that parses these bodies (disable's optional
// `{reason}`, §3.3, or fields a later version adds) finds JSON rather than an empty body.
const EMPTY = {};

export type Era = "a" | "b";

/** Virtual keys and model providers, both eras. The era is read off the first list answer (cached). */
export function langwatchVirtualKeys(http: HttpClient) {
  let era: Era | undefined;

  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapLangwatchError(err, what, "virtual key");
    }
  }

  const keyPath = (id: string, action = "") => `${VK_PATH}/${encodeURIComponent(id)}${action}`;

  /** Era b pages with cursors (§3.3): follow next_cursor to the end; a short page does not mean the end. */
  async function listVirtualKeys(): Promise<WithRaw<VirtualKey>[]> {
    const what = "list virtual keys";
    return collectPages(
      cursorPages(what, "next_cursor", async (cursor) => {
        const query = { limit: PAGE_LIMIT, ...(cursor ? { cursor } : {}) };
        const body = (await call(what, () => http.request("GET", VK_PATH, { query }))).body;
        if (!isRecord(body) || !Array.isArray(body.data)) throw unexpected(what, `expected {"data": [...]}`);
        era ??= "next_cursor" in body ? "b" : "a";
        const next = typeof body.next_cursor === "string" ? body.next_cursor : null;
        return { items: body.data.map((item) => toVirtualKey(item, what)), next };
      }),
    );
  }

  async function detectEra(): Promise<Era> {
    if (!era) {
      const res = await call("detect LangWatch version", () => http.request("GET", VK_PATH, { query: { limit: 1 } }));
      era = isRecord(res.body) && "next_cursor" in res.body ? "b" : "a";
    }
    return era;
  }

  async function issued(what: string, body: unknown): Promise<IssuedKey<WithRaw<VirtualKey>>> {
    return { key: virtualKeyFromBody(body, what), secret: secretFromBody(body) };
  }

  async function eraBOnly(verb: string): Promise<void> {
    if ((await detectEra()) === "a") {
      throw new UsageError(
        `the langwatch backend does not support \`gw vk ${verb}\` on this server: LangWatch v3.2-v3.3 keys can only be revoked`,
      );
    }
  }

  const virtualKeys: VirtualKeysPart = {
    list: listVirtualKeys,
    async get(id: string) {
      const what = `get virtual key ${id}`;
      return virtualKeyFromBody((await call(what, () => http.request("GET", keyPath(id)))).body, what);
    },
  };

  const writes: VirtualKeyWritesPart & VirtualKeyRotatePart & VirtualKeyRevokePart = {
    async create(input: VirtualKeyInput) {
      const what = `create virtual key ${input.name}`;
      const currentEra = await detectEra();
      // Era a routes a key through its chain only: a key without one could serve nothing (§2.7).
      if (currentEra === "a" && input.chain.length === 0) {
        throw new UsageError("missing --chain <binding-id>...: a key needs at least one binding (see gw providers list)");
      }
      const rateLimits = {
        ...(input.rpm !== undefined ? { rpm: input.rpm } : {}),
        ...(input.tpm !== undefined ? { tpm: input.tpm } : {}),
        ...(input.rpd !== undefined ? { rpd: input.rpd } : {}),
      };
      const body: Record<string, unknown> = { name: input.name };
      if (input.description !== undefined) body.description = input.description;
      if (Object.keys(rateLimits).length) body.config = { rateLimits };
      if (currentEra === "a") {
        body.provider_credential_ids = input.chain;
      } else if (input.chain.length > 0) {
        throw new UsageError(
          "this LangWatch server (v3.4+) has no explicit fallback chain on keys (it routes by routing_mode); drop --chain",
        );
      }
      // Era b replays a create with the same Idempotency-Key, so a retried POST cannot make two keys.
      const headers: Record<string, string> = currentEra === "b" ? { "Idempotency-Key": randomUuid() } : {};
      return issued(what, (await call(what, () => http.request("POST", VK_PATH, { body, headers }))).body);
    },

    async rotate(id: string) {
      const what = `rotate virtual key ${id}`;
      return issued(what, (await call(what, () => http.request("POST", keyPath(id, "/rotate"), { body: EMPTY }))).body);
    },

    async revoke(id: string) {
      const what = `revoke virtual key ${id}`;
      return virtualKeyFromBody((await call(what, () => http.request("POST", keyPath(id, "/revoke"), { body: EMPTY }))).body, what);
    },

    /**
     * PATCH: `provider_credential_ids` replaces the chain; `config` is merged shallowly and a nested object
     * gets schema defaults for keys left out (§2.7), so rateLimits always goes whole.
     */
    async update(id: string, patch: VirtualKeyPatch) {
      const what = `update virtual key ${id}`;
      const body: Record<string, unknown> = {};
      if (patch.description !== undefined) body.description = patch.description;
      if (patch.limits !== undefined) body.config = { rateLimits: patch.limits };
      if (patch.chain !== undefined) {
        if ((await detectEra()) === "b") throw new UsageError("this LangWatch server (v3.4+) has no explicit fallback chain on keys");
        body.provider_credential_ids = patch.chain;
      }
      return virtualKeyFromBody((await call(what, () => http.request("PATCH", keyPath(id), { body }))).body, what);
    },
  };

  const status: VirtualKeyStatusPart = {
    async disable(id: string) {
      await eraBOnly("disable");
      const what = `disable virtual key ${id}`;
      return virtualKeyFromBody((await call(what, () => http.request("POST", keyPath(id, "/disable"), { body: EMPTY }))).body, what);
    },

    async enable(id: string) {
      await eraBOnly("enable");
      const what = `enable virtual key ${id}`;
      return virtualKeyFromBody((await call(what, () => http.request("POST", keyPath(id, "/enable"), { body: EMPTY }))).body, what);
    },
  };

  return {
    virtualKeys,
    writes,
    status,

    /** PATCH provider_credential_ids replaces the whole chain, rewritten in this order (§2.7). */
    async setChain(id: string, bindingIds: string[]) {
      const what = `set chain of virtual key ${id}`;
      if ((await detectEra()) === "b") {
        throw new UsageError("this LangWatch server (v3.4+) has no explicit fallback chain on keys (it routes by routing_mode)");
      }
      const body = { provider_credential_ids: bindingIds };
      return virtualKeyFromBody((await call(what, () => http.request("PATCH", keyPath(id), { body }))).body, what);
    },

    modelProviders: {
      async list(): Promise<ModelProvider[]> {
        const what = "list model providers";
        return modelProvidersFromBody((await call(what, () => http.request("GET", "/api/model-providers"))).body, what);
      },
    } satisfies ModelProvidersPart,
  };
}

/** node:crypto loaded only when an id is generated, not on every command that loads this adapter. */
function randomUuid(): string {
  return process.getBuiltinModule("node:crypto").randomUUID();
}
