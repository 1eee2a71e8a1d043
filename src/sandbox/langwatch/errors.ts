import type { Reply } from "../backend.js";

export type Era = "a" | "b";

/** Era A: the flat `{error, message}` of `handleError` and the auth middleware (research §1.2, §2.3). */
export const flat = (status: number, error: string, message?: string): Reply => ({
  status,
  body: message === undefined ? { error } : { error, message },
});

/** Era A VK routes: nested shape for zod failures and GET-by-id 404 (research §2.7). */
export const nested = (status: number, type: string, code: string, message: string): Reply => ({
  status,
  body: { error: { type, code, message } },
});

const CANONICAL_TYPES: Record<number, string> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "permission_denied",
  404: "not_found",
  409: "conflict",
  410: "gone",
  412: "precondition_failed",
  422: "unprocessable_entity",
  429: "rate_limited",
};

/** Era B canonical envelope; `type` follows the status, any 5xx collapses to internal_error (research §3.5). */
export function canonical(status: number, code: string, message: string, meta?: Record<string, unknown>): Reply {
  if (status >= 500) {
    return { status, body: { error: { type: "internal_error", code: "internal_error", message: "An unknown error occurred" } } };
  }
  const error: Record<string, unknown> = { type: CANONICAL_TYPES[status] ?? "internal_error", code, message };
  if (meta) error.meta = meta;
  return { status, body: { error } };
}

/**
 * Era A: a thrown error `handleError` does not recognise becomes 500 with `"<message> (<code>) [<name>]"`;
 * a bare `TRPCError({code:"NOT_FOUND"})` therefore reads "NOT_FOUND (NOT_FOUND) [TRPCError]" (research §2.4, §6).
 */
export const internalA = (message: string, code?: string, name = "TRPCError"): Reply =>
  flat(500, "Internal server error", code === undefined ? `${message} [${name}]` : `${message} (${code}) [${name}]`);

export const trpcNotFoundA = (): Reply => internalA("NOT_FOUND", "NOT_FOUND");

export const trpcBadRequestA = (message: string): Reply => internalA(message, "BAD_REQUEST");

export const AUTH_REQUIRED_MESSAGE =
  "Authentication required. Use Authorization: Basic base64(projectId:token), Authorization: Bearer <token>, or X-Auth-Token header.";

export function unauthenticated(era: Era, kind: "missing" | "invalid"): Reply {
  const message = kind === "missing" ? AUTH_REQUIRED_MESSAGE : "Invalid credentials";
  return era === "a" ? flat(401, "Unauthorized", message) : canonical(401, `${kind}_credentials`, message);
}

/** The server-level error bodies (unknown route, bad JSON, injected faults) in each era's shape. */
export function eraErrors(era: Era) {
  return {
    routeNotFound: (method: string, path: string): Reply =>
      era === "a" ? flat(404, "Not Found", `No route for ${method} ${path}`) : canonical(404, "route_not_found", `No route for ${method} ${path}`),
    // Era A reads bodies with `c.req.json()`, whose SyntaxError reaches handleError as a 500 (research §2.3 [U]);
    // Era B validates requests and answers 400 validation_error (research §3.5).
    malformedJson: (): Reply =>
      era === "a" ? internalA("Malformed JSON in request body", undefined, "SyntaxError") : canonical(400, "validation_error", "Malformed JSON in request body"),
    unavailable: (): Reply =>
      era === "a" ? flat(503, "Service Unavailable", "The control plane is temporarily unavailable") : canonical(503, "service_unavailable", ""),
    rateLimited: (retryAfter: number): Reply =>
      era === "a"
        ? flat(429, "Too Many Requests", `Rate limit exceeded; retry after ${retryAfter}s`)
        : canonical(429, "rate_limited", `Rate limit exceeded; retry after ${retryAfter}s`),
    internal: (err: unknown): Reply =>
      era === "a" ? internalA(err instanceof Error ? err.message : String(err), undefined, err instanceof Error ? err.name : "Error") : canonical(500, "internal_error", ""),
  };
}

export const isReply = (v: unknown): v is Reply =>
  typeof v === "object" && v !== null && "status" in v && typeof (v as { status: unknown }).status === "number" && "body" in v;
