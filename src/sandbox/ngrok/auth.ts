import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../backend.js";
import { headerValue, sameSecret } from "../credentials.js";
import { unauthorized } from "./errors.js";

/** The global bearerAuth scheme (research §1.1): `Authorization: Bearer <ngrok.ai API key>`, nothing else. */
export function authenticator(apiKey: string): (h: IncomingHttpHeaders) => Reply | undefined {
  return (h) => {
    const token = /^Bearer\s+(\S.*)$/i.exec(headerValue(h, "authorization") ?? "")?.[1]?.trim();
    if (!token) return unauthorized("missing");
    return sameSecret(token, apiKey) ? undefined : unauthorized("invalid");
  };
}
