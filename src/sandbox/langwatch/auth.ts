import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../backend.js";
import { headerValue, sameSecret } from "../credentials.js";
import { unauthenticated, type Era } from "./errors.js";

interface Credentials {
  token: string;
  projectId?: string;
}

/**
 * `extractCredentials` order (research §1.2): Basic base64(projectId:token), then Bearer (+ optional
 * X-Project-Id), then X-Auth-Token. A malformed Basic or an empty Bearer falls through to X-Auth-Token.
 */
export function extractCredentials(h: IncomingHttpHeaders): Credentials | undefined {
  const authorization = headerValue(h, "authorization") ?? "";
  const basic = /^Basic\s+(.+)$/i.exec(authorization);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0 && colon < decoded.length - 1) return { projectId: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
  }
  const bearer = /^Bearer\s+(.*)$/i.exec(authorization);
  const bearerToken = bearer?.[1]?.trim();
  if (bearerToken) {
    const projectId = headerValue(h, "x-project-id");
    return projectId ? { token: bearerToken, projectId } : { token: bearerToken };
  }
  const token = headerValue(h, "x-auth-token");
  return token ? { token } : undefined;
}

/**
 * The sandbox key is a legacy project key (`sk-lw-...`), which bypasses RBAC (research §1.3), so there is
 * no 403 path: a request is either the project's key or unauthenticated.
 */
export function authenticator(apiKey: string, projectId: string, era: Era): (h: IncomingHttpHeaders) => Reply | undefined {
  return (h) => {
    const creds = extractCredentials(h);
    if (!creds) return unauthenticated(era, "missing");
    const tokenOk = sameSecret(creds.token, apiKey);
    // A project id that names another project is as wrong as a bad token for a project-bound key [U].
    const projectOk = creds.projectId === undefined || creds.projectId === projectId;
    return tokenOk && projectOk ? undefined : unauthenticated(era, "invalid");
  };
}
