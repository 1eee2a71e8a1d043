import { cryptoBytes, type ByteSource } from "../ids.js";

/** A version-4 UUID, the id form Bifrost uses for keys, virtual keys, budgets and rate limits. */
export function uuid(bytes: ByteSource = cryptoBytes): string {
  const b = bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A virtual key's credential: `sk-bf-` + a UUID (research §2.6). */
export const virtualKeyValue = (bytes: ByteSource = cryptoBytes): string => `sk-bf-${uuid(bytes)}`;
