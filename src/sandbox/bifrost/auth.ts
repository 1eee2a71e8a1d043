import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../backend.js";
import { headerValue, sameSecret as same } from "../credentials.js";
import { bifrostError } from "./errors.js";

export type BifrostAuth = "none" | "basic" | "bearer";

/** The dashboard admin user the sandbox accepts with Basic auth; the password is the sandbox's key. */
export const ADMIN_USER = "admin";


/**
 * Dashboard auth (research §2.2): off by default, so nothing is checked; on, Basic admin:password or a
 * Bearer token. The sandbox accepts exactly the configured form, so tests prove which header gw sends.
 */
export function authenticator(mode: BifrostAuth, apiKey: string): (h: IncomingHttpHeaders) => Reply | undefined {
  if (mode === "none") return () => undefined;
  return (h) => {
    const authorization = headerValue(h, "authorization") ?? "";
    if (!authorization) return bifrostError(401, "Unauthorized: authentication required");
    if (mode === "basic") {
      const basic = /^Basic\s+(\S+)$/i.exec(authorization);
      const decoded = basic ? Buffer.from(basic[1]!, "base64").toString("utf8") : "";
      const colon = decoded.indexOf(":");
      const ok = colon > 0 && same(decoded.slice(0, colon), ADMIN_USER) && same(decoded.slice(colon + 1), apiKey);
      return ok ? undefined : bifrostError(401, "Unauthorized: invalid username or password");
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
    return bearer && same(bearer[1]!, apiKey) ? undefined : bifrostError(401, "Unauthorized: invalid or expired token");
  };
}
