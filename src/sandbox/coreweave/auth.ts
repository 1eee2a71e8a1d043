import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../backend.js";
import { rpcError } from "./errors.js";

const digest = (s: string): Buffer => createHash("sha256").update(s).digest();

/** `Authorization: Bearer <API access token>` (research §3.1); anything else is UNAUTHENTICATED (401). */
export function bearerAuthenticator(apiKey: string): (headers: IncomingHttpHeaders) => Reply | undefined {
  const expected = digest(apiKey);
  return (headers) => {
    const value = headers.authorization;
    const authorization = (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token) return rpcError("UNAUTHENTICATED", "missing bearer token: send Authorization: Bearer <API access token>");
    return timingSafeEqual(digest(token), expected) ? undefined : rpcError("UNAUTHENTICATED", "invalid or expired API access token");
  };
}
