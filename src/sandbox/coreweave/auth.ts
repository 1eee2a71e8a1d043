import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../backend.js";
import { headerValue, sameSecret } from "../credentials.js";
import { rpcError } from "./errors.js";

/** `Authorization: Bearer <API access token>` (research §3.1); anything else is UNAUTHENTICATED (401). */
export function bearerAuthenticator(apiKey: string): (headers: IncomingHttpHeaders) => Reply | undefined {
  return (headers) => {
    const token = /^Bearer\s+(\S+)$/i.exec(headerValue(headers, "authorization") ?? "")?.[1];
    if (!token) return rpcError("UNAUTHENTICATED", "missing bearer token: send Authorization: Bearer <API access token>");
    return sameSecret(token, apiKey) ? undefined : rpcError("UNAUTHENTICATED", "invalid or expired API access token");
  };
}
