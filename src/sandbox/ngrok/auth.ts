import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../backend.js";
import { unauthorized } from "./errors.js";

const digest = (s: string): Buffer => createHash("sha256").update(s).digest();

/** The global bearerAuth scheme (research §1.1): `Authorization: Bearer <ngrok.ai API key>`, nothing else. */
export function authenticator(apiKey: string): (h: IncomingHttpHeaders) => Reply | undefined {
  const expected = digest(apiKey);
  return (h) => {
    const header = Array.isArray(h.authorization) ? h.authorization[0] : h.authorization;
    const token = /^Bearer\s+(\S.*)$/i.exec(header?.trim() ?? "")?.[1]?.trim();
    if (!token) return unauthorized("missing");
    return timingSafeEqual(digest(token), expected) ? undefined : unauthorized("invalid");
  };
}
