import type { WithRaw } from "../../domain/binding.js";
import type { ProviderKey, ProviderKeyInput, ProviderKeyPatch } from "../../domain/provider-key.js";
import { NotFoundError, RejectedError, UsageError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import { oneLine } from "../../redact.js";
import type { ProviderKeyRotatePart, ProviderKeysPart } from "../backend.js";
import { isId, isRecord, unexpected } from "../wire-check.js";
import { mapNgrokError } from "./errors.js";
import { allPages } from "./paging.js";
import {
  pageFromKeyList,
  PROVIDER_KEYS_PATH,
  providerKeyPath,
  toProviderKey,
  type WireProviderKeyCreate,
  type WireProviderKeyRotate,
  type WireProviderKeyUpdate,
} from "./provider-key-wire.js";
import { PROVIDERS_PATH } from "./wire.js";

/**
 * The forms a value takes in a request, for the client to mask in --debug traces, --dry-run output and
 * error messages: as given, and JSON-escaped (a quote or backslash in it is printed escaped in a body).
 */
export function valueSecrets(value: string): string[] {
  if (value === "") return [];
  const escaped = JSON.stringify(value).slice(1, -1);
  return escaped === value ? [value] : [value, escaped];
}

/** The schema's bound on a key's name (maxLength 255, in characters); ngrok needs a name people can tell apart. */
function checkName(name: string): void {
  const n = [...name].length;
  if (n === 0 || name.trim() === "") throw new UsageError("invalid value for --name: must not be empty");
  if (n > 255) throw new UsageError(`invalid value for --name: ${n} characters, at most 255 allowed`);
}

/** Fields ngrok keys do not have are refused, never dropped (callers other than the CLI skip its flag check). */
function refuseOthers(given: object, verb: "add" | "update"): void {
  const others = (["weight", "models", "enabled"] as const).filter((k) => (given as Record<string, unknown>)[k] !== undefined);
  if (others.length) {
    throw new UsageError(
      `the ngrok backend cannot set ${others.join(", ")} on \`gw providers keys ${verb}\`: ngrok provider keys have a name and a value only (see gw backends)`,
    );
  }
}

/**
 * ngrok provider keys (/provider-keys, shared spec AIGatewayProviderAPIKey*). Keys are per account, each
 * for one provider (`providerId`): `list` needs no provider and filters by one client-side. The provider a
 * command names is a providerId (a catalog one such as `openai`, or a custom provider's) or a custom
 * provider's server id (`aigp_...`, looked up with GET /providers/{id}); update, rotate and remove refuse
 * a key of another provider (exit 4) before anything is written. Values travel only in the writes that
 * carry them, listed in the request's secrets, and are never part of a record.
 */
export function ngrokProviderKeys(http: HttpClient): { providerKeys: ProviderKeysPart; providerKeyRotate: ProviderKeyRotatePart } {
  async function call<T>(what: string, fn: () => Promise<T>, id?: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (id !== undefined && err instanceof ApiError && err.category === "http" && err.status === 404) {
        throw new NotFoundError(`${what}: no provider key ${id} (see gw providers keys list)`);
      }
      throw mapNgrokError(err, what);
    }
  }

  /** Every page, following nextPageUri until it is null (research §1.5), bounded as every list is (../paging.ts). */
  const listAll = (what: string): Promise<WithRaw<ProviderKey>[]> =>
    allPages(http, PROVIDER_KEYS_PATH, what, (body, w) => {
      const { keys, nextPageUri } = pageFromKeyList(body, w);
      return { items: keys, nextPageUri };
    });

  /**
   * The providerId of a custom provider named by its server id, or null when `ref` is no provider id (a
   * providerId, catalog or custom, which /providers/{id} does not read). Reads go through under --dry-run.
   */
  async function providerIdOf(ref: string, what: string): Promise<string | null> {
    try {
      const res = await http.request("GET", `${PROVIDERS_PATH}/${encodeURIComponent(ref)}`);
      const body = res.body;
      if (!isRecord(body) || !isId(body.providerId)) throw unexpected(what, `provider ${ref} has no "providerId"`);
      return body.providerId;
    } catch (err) {
      if (err instanceof ApiError && err.category === "http" && err.status === 404) return null;
      throw mapNgrokError(err, what);
    }
  }

  async function readKey(id: string, what: string): Promise<WithRaw<ProviderKey>> {
    const res = await call(what, () => http.request("GET", providerKeyPath(id)), id);
    return toProviderKey(res.body, what);
  }

  /** The key, if it is one of `provider`'s (by providerId, or by the provider id of a custom provider). */
  async function keyOf(provider: string, id: string, what: string): Promise<WithRaw<ProviderKey>> {
    const key = await readKey(id, what);
    if (key.provider === provider) return key;
    const providerId = await providerIdOf(provider, what);
    if (providerId === key.provider) return key;
    throw new NotFoundError(`${what}: provider ${provider} has no key ${id}: that key is for provider ${key.provider}; nothing was changed`);
  }

  async function rotateKey(id: string, name: string, value: string, what: string): Promise<WithRaw<ProviderKey>> {
    const secrets = valueSecrets(value);
    const body: WireProviderKeyRotate = { name, value };
    const res = await call(what, () => http.request("POST", `${providerKeyPath(id)}/rotate`, { body, secrets }), id);
    return toProviderKey(res.body, what, secrets);
  }

  const providerKeys: ProviderKeysPart = {
    listNeedsProvider: false,

    async list(provider?: string): Promise<WithRaw<ProviderKey>[]> {
      const what = provider === undefined ? "list provider keys" : `list provider keys of ${provider}`;
      const all = await listAll(what);
      if (provider === undefined) return all;
      const direct = all.filter((k) => k.provider === provider);
      if (direct.length > 0 || all.length === 0) return direct;
      // None by providerId: `provider` may be a custom provider's server id.
      const providerId = await providerIdOf(provider, what);
      return providerId === null ? [] : all.filter((k) => k.provider === providerId);
    },

    async add(provider: string, input: ProviderKeyInput): Promise<WithRaw<ProviderKey>> {
      refuseOthers(input, "add");
      checkName(input.name);
      const what = `add a key to provider ${provider}`;
      const providerId = (await providerIdOf(provider, what)) ?? provider;
      const body: WireProviderKeyCreate = { providerId, name: input.name, value: input.value };
      const secrets = valueSecrets(input.value);
      const res = await call(what, () => http.request("POST", PROVIDER_KEYS_PATH, { body, secrets }));
      return toProviderKey(res.body, what, secrets);
    },

    /** --name is a PATCH; a new value is a rotation (the API has no value in its PATCH), carrying the new name if given. */
    async update(provider: string, id: string, patch: ProviderKeyPatch): Promise<WithRaw<ProviderKey>> {
      refuseOthers(patch, "update");
      if (patch.name !== undefined) checkName(patch.name);
      const what = `update provider key ${id}`;
      const current = await keyOf(provider, id, what);
      if (patch.value !== undefined) return rotateKey(current.id, patch.name ?? current.name, patch.value, what);
      if (patch.name === undefined) return current;
      const body: WireProviderKeyUpdate = { name: patch.name };
      const res = await call(what, () => http.request("PATCH", providerKeyPath(current.id), { body }), id);
      return toProviderKey(res.body, what);
    },

    async remove(provider: string, id: string): Promise<void> {
      const what = `remove provider key ${id}`;
      const current = await keyOf(provider, id, what);
      try {
        await http.request("DELETE", providerKeyPath(current.id));
      } catch (err) {
        if (err instanceof ApiError && err.category === "http" && err.status === 409) throw keyInUse(err, `${what} (${oneLine(current.name)})`);
        if (err instanceof ApiError && err.category === "http" && err.status === 404) {
          throw new NotFoundError(`${what}: no provider key ${id} (see gw providers keys list)`);
        }
        throw mapNgrokError(err, what);
      }
    },
  };

  const providerKeyRotate: ProviderKeyRotatePart = {
    async rotate(provider: string, id: string, value: string): Promise<WithRaw<ProviderKey>> {
      const what = `rotate provider key ${id}`;
      const current = await keyOf(provider, id, what);
      return rotateKey(current.id, current.name, value, what);
    },
  };

  return { providerKeys, providerKeyRotate };
}

/**
 * A 409 on delete: something still refers to the key (an access key configuration's routing rule, say;
 * the spec lists no 409 here, so its form is unknown). Name what the server listed, else its msg.
 */
function keyInUse(err: ApiError, what: string): RejectedError {
  const details = isRecord(err.body) && isRecord(err.body.details) ? err.body.details : {};
  const refs = Object.entries(details)
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")
    .map(([k, v]) => `${words(k)} ${v.split(/\s*,\s*/).join(", ")}`);
  const why = refs.length ? `referenced by ${refs.join("; ")}` : err.serverMessage || "something still refers to it";
  return new RejectedError(
    oneLine(
      `${what}: still in use (HTTP 409): ${why}. Detach it first: take the key out of those access key configurations' ` +
        "routing rules (app.ngrok.ai, or the /access-key-configurations API), then remove it again",
    ),
  );
}

/** accessKeyConfigurations -> "access key configurations". */
function words(key: string): string {
  return key.replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
