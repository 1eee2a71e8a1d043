import type { WithRaw } from "../../domain/binding.js";
import type { ProviderKey, ProviderKeyInput, ProviderKeyPatch } from "../../domain/provider-key.js";
import { NotFoundError, RejectedError, UsageError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import { oneLine } from "../../redact.js";
import type { ProviderKeysPart } from "../backend.js";
import { isRecord, unexpected } from "../wire-check.js";
import { changedPaths } from "./changes.js";
import { mapBifrostError, serverSuffix } from "./errors.js";
import { providerUpdateBody } from "./provider-body.js";
import { wireProvider } from "./provider-from-wire.js";
import { keysFromListBody, READ_ONLY_KEY_FIELDS, toProviderKey } from "./provider-keys-from-wire.js";
import type { Reads } from "./reads.js";
import type { Generation } from "./version.js";
import { providerPath, type WireProvider } from "./wire.js";

type WireKey = Record<string, unknown>;

/** What a failed call was about, for its message; `secrets`: the value the call carried. */
interface About {
  id?: string;
  name?: string;
  secrets?: string[];
}

/** A new key's share of traffic when --weight is not given: Bifrost's dashboard default (an omitted weight reads as 0). */
export const DEFAULT_WEIGHT = 1;

const keysPath = (provider: string): string => providerPath(provider, "/keys");
const keyPath = (provider: string, id: string): string => providerPath(provider, `/keys/${encodeURIComponent(id)}`);

/**
 * The forms a value takes in a request, for the client to mask in --debug traces, --dry-run output and
 * errors: as given, and JSON-escaped (a quote or backslash in it is printed escaped in a body).
 */
export function valueSecrets(value: string | undefined): string[] {
  if (value === undefined || value === "") return [];
  const escaped = JSON.stringify(value).slice(1, -1);
  return escaped === value ? [value] : [value, escaped];
}

/**
 * gw's model list in the server's terms (research §2.1): absent or containing "*" = every model, which is
 * ["*"] on v1.5+ (where [] allows none) and [] on v1.4 (where [] allowed all).
 */
export function wireModels(models: readonly string[] | undefined, generation: Generation): string[] {
  if (models === undefined || models.includes("*")) return generation === "1.4" ? [] : ["*"];
  return [...models];
}

/** A new key: the value as a plain string (a literal, or "env.NAME" for one of the server's variables, §2.4). */
export function addKeyBody(input: ProviderKeyInput, generation: Generation): WireKey {
  return { name: input.name, value: input.value, models: wireModels(input.models, generation), weight: input.weight ?? DEFAULT_WEIGHT };
}

/**
 * The value of a key as read, to send back unchanged: the server recognises its own redacted form and keeps
 * the stored secret (§2.5). The object form counts only with both `value` and `env_var` (§2.4), so an object
 * without `env_var` goes back as its redacted string; anything else is left out.
 */
function echoedValue(value: unknown): unknown {
  if (typeof value === "string") return value;
  if (isRecord(value) && typeof value.value === "string") return typeof value.env_var === "string" ? value : value.value;
  return undefined;
}

/**
 * PUT takes the whole key (§2.5): the key as read, without the fields the server computes, with only the
 * patched fields changed. Without a new value the redacted one travels back and the secret is kept; the
 * other secrets of the key (cloud credentials) travel back redacted the same way.
 */
export function patchedKey(read: WireKey, patch: ProviderKeyPatch, generation: Generation): WireKey {
  const key: WireKey = { ...read };
  for (const field of READ_ONLY_KEY_FIELDS) delete key[field];
  if (patch.name !== undefined) key.name = patch.name;
  if (patch.weight !== undefined) key.weight = patch.weight;
  if (patch.models !== undefined) key.models = wireModels(patch.models, generation);
  if (patch.enabled !== undefined) key.enabled = patch.enabled;
  const value = patch.value !== undefined ? patch.value : echoedValue(read.value);
  if (value === undefined) delete key.value;
  else key.value = value;
  return key;
}

/**
 * Bifrost provider keys (research §2.3-2.5). v1.5+ and v2: the /api/providers/{provider}/keys endpoints;
 * update reads the key and PUTs it back whole. v1.4 keeps the keys inside the provider: they are listed
 * from its body and written with a provider PUT that carries every block and the full key set as read
 * (keys left out would be deleted), read twice first so a change made meanwhile is refused rather than
 * overwritten, as `gw providers update` does. The value travels only in the write, in its request's secrets.
 */
export function bifrostProviderKeys(http: HttpClient, reads: Reads): ProviderKeysPart {
  /**
   * 404: the provider or the key; a read of the provider tells which (and names it). 409: key names are
   * unique across providers (§2.4). The rest as every Bifrost call (400: the server's reason, exit 5).
   */
  async function failure(err: unknown, what: string, provider: string, about: About): Promise<unknown> {
    if (err instanceof ApiError && err.category === "http" && err.status === 404) {
      await providerExists(provider, what, about.secrets ?? []);
      if (about.id !== undefined) return new NotFoundError(`${what}: key ${about.id} not found (see gw providers keys list ${provider})`);
    }
    if (err instanceof ApiError && err.category === "http" && err.status === 409) {
      const clash = about.name !== undefined ? `a key named "${oneLine(about.name)}" already exists` : "it clashes with an existing key";
      return new RejectedError(`${what}: ${clash} (key names are unique across all providers; HTTP 409${serverSuffix(err)})`);
    }
    return mapBifrostError(err, what);
  }

  /**
   * Whether the provider exists, after a 404. It follows a write that carried the value, so its trace and
   * errors mask the value too (a server may echo it back).
   */
  async function providerExists(provider: string, what: string, secrets: string[]): Promise<void> {
    try {
      await http.request("GET", providerPath(provider), { secrets });
    } catch (err) {
      if (err instanceof ApiError && err.category === "http" && err.status === 404) {
        throw new NotFoundError(`${what}: provider ${provider} not found (see gw providers list)`);
      }
      throw mapBifrostError(err, what);
    }
  }

  async function call<T>(what: string, provider: string, about: About, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw await failure(err, what, provider, about);
    }
  }

  // ------------------------------------------------------------------------------------------------------
  // v1.4: the key set inside the provider

  async function keySet(provider: string, what: string): Promise<{ provider: WireProvider; keys: WireKey[] }> {
    const read = await reads.provider(provider, what);
    if (!Array.isArray(read.keys)) throw unexpected(what, "the server behaves as v1.4, where a provider carries its keys, but it returned none");
    const keys = read.keys.map((k) => {
      if (!isRecord(k)) throw unexpected(what, "a key is not an object");
      return k;
    });
    return { provider: read, keys };
  }

  const byId = (keys: WireKey[], id: string): WireKey | undefined => keys.find((k) => k.id === id);

  function notFound(what: string, provider: string, id: string): NotFoundError {
    return new NotFoundError(`${what}: key ${id} not found (see gw providers keys list ${provider})`);
  }

  /** gw finds a key it adds by its name in the answer, so names are unique within the provider (across all, on v1.5+). */
  function refuseClash(what: string, keys: WireKey[], name: string, exceptId?: string): void {
    if (keys.some((k) => k.name === name && k.id !== exceptId)) {
      throw new RejectedError(`${what}: a key named "${oneLine(name)}" already exists in this provider; choose another --name`);
    }
  }

  /**
   * The provider PUT with the key set `change` makes of the keys as read. Read twice: Bifrost has no ETag
   * (§2.9), and on v1.4 a key someone added meanwhile would be deleted by this PUT, so a difference is
   * refused (run again to build on the current set). This narrows the race; it cannot close it.
   */
  async function writeKeySet(provider: string, what: string, change: (keys: WireKey[]) => WireKey[], secrets: string[]): Promise<WireProvider> {
    const build = async () => {
      const read = await keySet(provider, what);
      const body = providerUpdateBody(read.provider, {}, "1.4", what);
      body.keys = change(read.keys);
      return body;
    };
    const body = await build();
    const changed = changedPaths(body, await build());
    if (changed.length) {
      throw new RejectedError(
        `${what}: refused: provider ${provider} changed since gw read it (${oneLine(changed.slice(0, 5).join(", "))}${changed.length > 5 ? ", ..." : ""}); ` +
          "run the command again to apply your change to the current keys",
      );
    }
    const res = await reads.call(what, () => http.request("PUT", providerPath(provider), { body, secrets }));
    return wireProvider(res.body, what);
  }

  /** The written key in the provider the PUT answered with. */
  function keyIn(answer: WireProvider, what: string, provider: string, find: (k: WireKey) => boolean): WithRaw<ProviderKey> {
    const found = Array.isArray(answer.keys) ? answer.keys.find((k) => isRecord(k) && find(k)) : undefined;
    if (!found) throw unexpected(what, "the key was written, but the server's answer does not list it");
    return toProviderKey(found, provider, "1.4", what);
  }

  const v14 = {
    async list(provider: string, what: string): Promise<WithRaw<ProviderKey>[]> {
      return (await keySet(provider, what)).keys.map((k) => toProviderKey(k, provider, "1.4", what));
    },
    async add(provider: string, input: ProviderKeyInput, what: string): Promise<WithRaw<ProviderKey>> {
      // No id: an id the provider does not hold is a new key, enabled (§2.5).
      const added = addKeyBody(input, "1.4");
      const answer = await writeKeySet(
        provider,
        what,
        (keys) => {
          refuseClash(what, keys, input.name);
          return [...keys, added];
        },
        valueSecrets(input.value),
      );
      return keyIn(answer, what, provider, (k) => k.name === input.name);
    },
    async update(provider: string, id: string, patch: ProviderKeyPatch, what: string): Promise<WithRaw<ProviderKey>> {
      const answer = await writeKeySet(
        provider,
        what,
        (keys) => {
          const read = byId(keys, id);
          if (!read) throw notFound(what, provider, id);
          if (patch.name !== undefined) refuseClash(what, keys, patch.name, id);
          return keys.map((k) => (k === read ? patchedKey(read, patch, "1.4") : k));
        },
        valueSecrets(patch.value),
      );
      return keyIn(answer, what, provider, (k) => k.id === id);
    },
    async remove(provider: string, id: string, what: string): Promise<void> {
      await writeKeySet(
        provider,
        what,
        (keys) => {
          if (!byId(keys, id)) throw notFound(what, provider, id);
          return keys.filter((k) => k.id !== id);
        },
        [],
      );
    },
  };

  // ------------------------------------------------------------------------------------------------------
  // v1.5+ and v2: the /keys endpoints

  return {
    listNeedsProvider: true,

    async list(provider) {
      if (provider === undefined) throw new UsageError("missing <provider>: Bifrost keeps keys per provider (see gw providers list)");
      const name = provider;
      const what = `list keys of provider ${name}`;
      const generation = await reads.generation(what);
      if (generation === "1.4") return v14.list(name, what);
      const res = await call(what, name, {}, () => http.request("GET", keysPath(name)));
      return keysFromListBody(res.body, name, generation, what);
    },

    async add(provider, input) {
      const what = `add key ${input.name} to provider ${provider}`;
      const generation = await reads.generation(what);
      if (generation === "1.4") return v14.add(provider, input, what);
      const body = addKeyBody(input, generation);
      const secrets = valueSecrets(input.value);
      const res = await call(what, provider, { name: input.name, secrets }, () => http.request("POST", keysPath(provider), { body, secrets }));
      return toProviderKey(res.body, provider, generation, what);
    },

    async update(provider, id, patch) {
      const what = `update key ${id} of provider ${provider}`;
      const generation = await reads.generation(what);
      if (generation === "1.4") return v14.update(provider, id, patch, what);
      const read = await call(what, provider, { id }, () => http.request("GET", keyPath(provider, id)));
      if (!isRecord(read.body)) throw unexpected(what, "a key is not an object");
      const body = patchedKey(read.body, patch, generation);
      const secrets = valueSecrets(patch.value);
      const res = await call(what, provider, { id, secrets, ...(patch.name !== undefined ? { name: patch.name } : {}) }, () =>
        http.request("PUT", keyPath(provider, id), { body, secrets }),
      );
      return toProviderKey(res.body, provider, generation, what);
    },

    async remove(provider, id) {
      const what = `remove key ${id} from provider ${provider}`;
      const generation = await reads.generation(what);
      if (generation === "1.4") return v14.remove(provider, id, what);
      await call(what, provider, { id }, () => http.request("DELETE", keyPath(provider, id)));
    },
  };
}
