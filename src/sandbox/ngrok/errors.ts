import type { BackendErrors, Reply } from "../backend.js";

/**
 * ngrok's Error body `{errorCode?, statusCode, msg, details}` (research §1.6). No errorCode catalogue is
 * known for this API, so the sandbox leaves the optional code out rather than invent one.
 */
export function ngrokError(status: number, msg: string, details: Record<string, string> = {}): Reply {
  return { status, body: { statusCode: status, msg, details } };
}

export const notFound = (id: string): Reply => ngrokError(404, `AI Gateway provider ${id} not found`, { id });

/** 401 for a missing or wrong Bearer token; which statuses the `default` response covers is unconfirmed (§1.8). */
export function unauthorized(kind: "missing" | "invalid"): Reply {
  return kind === "missing"
    ? ngrokError(401, "authentication required: send Authorization: Bearer <ngrok.ai API key>")
    : ngrokError(401, "the API key is invalid or has been revoked");
}

/**
 * Server-level failures in the vendor's shape. A request its schema refuses (unknown field, wrong type,
 * limit out of range) gets 400: whether the real code is 400 or 422 is unconfirmed (research §1.4).
 */
export const ngrokErrors: BackendErrors = {
  routeNotFound: (method, path) => ngrokError(404, `no route for ${method} ${path}`, { method, path }),
  malformedJson: () => ngrokError(400, "the request body is not valid JSON"),
  unavailable: () => ngrokError(503, "the service is temporarily unavailable"),
  rateLimited: (retryAfter) => ngrokError(429, `too many requests; retry after ${retryAfter}s`, { retryAfter: String(retryAfter) }),
  internal: () => ngrokError(500, "internal server error"),
  invalidRequest: (problems) => ngrokError(400, `invalid request: ${problems.join("; ")}`, { problems: problems.join("; ") }),
};
