import { createHash } from "node:crypto";
import type { RequestContext } from "../backend.js";
import { cryptoBytes, ulid, urlSafe, type ByteSource } from "../ids.js";

export const VK_BASE = "/api/gateway/v1/virtual-keys";

export const newVkId = (bytes: ByteSource = cryptoBytes): string => `vk_${urlSafe(bytes, 22)}`;

export interface MintedSecret {
  secret: string;
  displayPrefix: string;
  secretHash: string;
}

/**
 * Era A `lw_vk_{live|test}_<ULID>` (research §2.7), Era B `vk-lw-<ULID>` (§3.3). Only a hash and the
 * first 18 chars are kept: the secret is shown once.
 */
export function mintSecret(prefix: string, bytes: ByteSource = cryptoBytes, timeMs = Date.now()): MintedSecret {
  const secret = `${prefix}${ulid(bytes, timeMs)}`;
  return { secret, displayPrefix: secret.slice(0, 18), secretHash: createHash("sha256").update(secret).digest("hex") };
}

export const idParam = (c: RequestContext): string => c.params.id ?? "";

export const nowIso = (): string => new Date().toISOString();
