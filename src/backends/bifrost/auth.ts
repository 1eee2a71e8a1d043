import type { AuthMode } from "../backend.js";

/**
 * Bifrost checks nothing while dashboard auth is off (its default); with auth on it takes Basic
 * (admin user:password) or Bearer (a session token or an Enterprise management key) (research §2.2).
 * Without a mode, a key means Bearer.
 */
export function authHeaders(apiKey: string | undefined, auth?: AuthMode): Record<string, string> {
  const mode = auth ?? (apiKey ? "bearer" : "none");
  if (mode === "none" || !apiKey) return {};
  if (mode === "basic") return { Authorization: `Basic ${Buffer.from(apiKey, "utf8").toString("base64")}` };
  return { Authorization: `Bearer ${apiKey}` };
}
