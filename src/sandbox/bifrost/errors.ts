import type { BackendErrors, Reply } from "../backend.js";

/** Every management handler answers through SendError (research §2.8): `{is_bifrost_error, status_code, error: {message}}`. */
export function bifrostError(status: number, message: string): Reply {
  return { status, body: { is_bifrost_error: false, status_code: status, error: { message } } };
}

export const isReply = (v: unknown): v is Reply =>
  typeof v === "object" && v !== null && typeof (v as { status?: unknown }).status === "number" && "body" in v;

export const bifrostErrors: BackendErrors = {
  routeNotFound: (method, path) => bifrostError(404, `Route not found: ${method} ${path}`),
  // v1.4 answered "Invalid JSON: ..." (research §2.5); the sandbox keeps that wording for both generations.
  malformedJson: () => bifrostError(400, "Invalid JSON: the request body is not valid JSON"),
  unavailable: () => bifrostError(503, "Service temporarily unavailable"),
  rateLimited: (retryAfter) => bifrostError(429, `Too many requests; retry after ${retryAfter}s`),
  internal: (err) => bifrostError(500, err instanceof Error ? err.message : String(err)),
  invalidRequest: (problems) => bifrostError(400, `Invalid request: ${problems.join("; ")}`),
};
