import { rawOf, type WithRaw } from "../../domain/binding.js";
import type { IssuedKey, VirtualKey } from "../../domain/virtual-key.js";
import { NotFoundError, RejectedError, UsageError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import type { VirtualKeyDeletePart, VirtualKeyRotatePart, VirtualKeyStatusPart, VirtualKeyWritesPart } from "../backend.js";
import { isRecord, unexpected } from "../wire-check.js";
import { mapBifrostError, serverSuffix } from "./errors.js";
import type { Reads } from "./reads.js";
import type { ServerVersion } from "./version.js";
import { toVirtualKey } from "./vk-from-wire.js";
import { createVirtualKeyBody, updateVirtualKeyBody } from "./vk-to-wire.js";
import { VIRTUAL_KEYS_PATH, virtualKeyPath } from "./wire.js";

/** What the writes need of the reads in virtual-keys.ts. */
interface KeyReads {
  getVirtualKey(id: string): Promise<WithRaw<VirtualKey>>;
}

/** "v1.5.3", or "a v1.5 server" when the release was told by behaviour. */
export function serverText(v: ServerVersion): string {
  return v.release ? `Bifrost ${v.release}` : `a Bifrost v${v.generation} server`;
}

/** v2.1+ (research: shared spec, allow_all_providers): a v2 release below 2.1, or any v1.x, has no such flag. */
function allowsAllProviders(v: ServerVersion): boolean {
  if (v.generation !== "2") return false;
  const match = v.release ? /(\d+)\.(\d+)/.exec(v.release) : null;
  return !match || Number(match[1]) > 2 || Number(match[2]) >= 1;
}

function refuseAllowAll(v: ServerVersion, flag: string): void {
  if (!allowsAllProviders(v)) {
    throw new UsageError(
      `${flag} needs Bifrost v2.1 or later (allow_all_providers), and this is ${serverText(v)}; ` +
        "name the providers with --provider instead",
    );
  }
}

/** The credential in a create or rotate answer; "" when the server sent none or a redacted one (it is then not shown). */
function secretOf(item: Record<string, unknown>): string {
  const value = isRecord(item.value) ? item.value.value : item.value;
  return typeof value === "string" && value !== "" && !/\*{4}|<REDACTED>/.test(value) ? value : "";
}

/** `{message, virtual_key}` (VirtualKeyResponse, §2.6). */
function keyOf(body: unknown, what: string): Record<string, unknown> {
  if (!isRecord(body) || !isRecord(body.virtual_key)) throw unexpected(what, `expected {"virtual_key": {...}}`);
  return body.virtual_key;
}

const isHttp = (err: unknown, ...statuses: number[]): err is ApiError =>
  err instanceof ApiError && err.category === "http" && statuses.includes(err.status);

/**
 * Virtual key writes on /api/governance/virtual-keys (research §2.6): create, update (read-modify-write where the
 * API replaces: provider configs, budgets, the rate limit), rotate (v2.x), disable/enable (is_active), delete.
 */
export function bifrostVirtualKeyWrites(http: HttpClient, reads: Reads, keys: KeyReads) {
  async function send(what: string, method: "POST" | "PUT", path: string, body: unknown, name?: string): Promise<unknown> {
    try {
      return (await http.request(method, path, { body })).body;
    } catch (err) {
      if (isHttp(err, 404)) throw new NotFoundError(`${what}: virtual key not found (see gw vk list)`);
      if (isHttp(err, 409) && name !== undefined) {
        throw new RejectedError(`${what}: a virtual key named "${name}" already exists (HTTP 409${serverSuffix(err)})`);
      }
      throw mapBifrostError(err, what);
    }
  }

  const writes: VirtualKeyWritesPart = {
    async create(input) {
      const what = `create virtual key ${input.name}`;
      const version = await reads.version(what);
      if (input.allowAllProviders) refuseAllowAll(version, "--allow-all-providers");
      const body = createVirtualKeyBody(input, version.generation);
      const item = keyOf(await send(what, "POST", VIRTUAL_KEYS_PATH, body, input.name), what);
      return { key: toVirtualKey(item, what, version.generation), secret: secretOf(item) };
    },

    async update(id, patch) {
      const what = `update virtual key ${id}`;
      const version = await reads.version(what);
      if (patch.allowAllProviders !== undefined) refuseAllowAll(version, patch.allowAllProviders ? "--allow-all-providers" : "--no-allow-all-providers");
      // Read first: the configs that stay keep their ids, budgets and limits; the rate limit is written whole.
      const current = await keys.getVirtualKey(id);
      const body = updateVirtualKeyBody(current, rawOf(current), patch, version.generation);
      return toVirtualKey(keyOf(await send(what, "PUT", virtualKeyPath(id), body, patch.name), what), what, version.generation);
    },
  };

  const rotate: VirtualKeyRotatePart = {
    /** v2.x only (POST .../{vk_id}/rotate); the old value keeps working for the server's vk_rotation_cooldown. */
    async rotate(id): Promise<IssuedKey<WithRaw<VirtualKey>>> {
      const what = `rotate virtual key ${id}`;
      const version = await reads.version(what);
      const noRotation = `${serverText(version)} cannot rotate virtual keys (rotation came with v2.x); create a new key with gw vk create and delete this one`;
      if (version.generation !== "2") throw new UsageError(`${what}: ${noRotation}`);
      await keys.getVirtualKey(id); // exit 4 for an unknown key, so a 404 below can only be a missing route
      let body: unknown;
      try {
        body = (await http.request("POST", virtualKeyPath(id, "/rotate"))).body;
      } catch (err) {
        if (isHttp(err, 404, 405)) {
          throw new UsageError(`${what}: this Bifrost server has no key rotation (POST ${virtualKeyPath(id, "/rotate")} answered ${err.status}); create a new key with gw vk create and delete this one`);
        }
        throw mapBifrostError(err, what);
      }
      const item = keyOf(body, what);
      return { key: toVirtualKey(item, what, version.generation), secret: secretOf(item) };
    },
  };

  async function setActive(id: string, active: boolean): Promise<WithRaw<VirtualKey>> {
    const what = `${active ? "enable" : "disable"} virtual key ${id}`;
    const generation = await reads.generation(what);
    return toVirtualKey(keyOf(await send(what, "PUT", virtualKeyPath(id), { is_active: active }), what), what, generation);
  }

  const status: VirtualKeyStatusPart = {
    disable: (id) => setActive(id, false),
    enable: (id) => setActive(id, true),
  };

  const remove: VirtualKeyDeletePart = {
    async remove(id) {
      const what = `delete virtual key ${id}`;
      try {
        await http.request("DELETE", virtualKeyPath(id));
      } catch (err) {
        if (isHttp(err, 404)) throw new NotFoundError(`${what}: virtual key not found (see gw vk list)`);
        throw mapBifrostError(err, what);
      }
    },
  };

  return { writes, rotate, status, remove };
}
