import { AuthError, GwError, NotFoundError, RateLimitedError, RejectedError, UnavailableError } from "../errors.js";
import { oneLine } from "../redact.js";

export type ApiErrorCategory = "http" | "network" | "tls" | "timeout" | "redirect" | "invalid-response";

/** What went wrong talking to a control plane, adapter-neutral. Messages are one line, secrets redacted. */
export class ApiError extends Error {
  readonly status: number;
  readonly category: ApiErrorCategory;
  readonly retryable: boolean;
  readonly serverMessage: string;
  readonly body: unknown;
  readonly method: string;
  readonly url: string;
  attempts: number;
  readonly headers: Record<string, string>;

  constructor(init: {
    message: string;
    status?: number;
    category: ApiErrorCategory;
    retryable?: boolean;
    serverMessage?: string;
    body?: unknown;
    method: string;
    url: string;
    attempts?: number;
    headers?: Record<string, string>;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = "ApiError";
    this.status = init.status ?? 0;
    this.category = init.category;
    this.retryable = init.retryable ?? false;
    this.serverMessage = init.serverMessage ?? "";
    this.body = init.body;
    this.method = init.method;
    this.url = init.url;
    this.attempts = init.attempts ?? 1;
    this.headers = init.headers ?? {};
  }
}

/** The same failure with another server message (an adapter that read more of the body than the client did). */
export function withServerMessage(err: ApiError, serverMessage: string, message = `HTTP ${err.status}${serverMessage ? `: ${serverMessage}` : ""}`): ApiError {
  return new ApiError({
    message,
    status: err.status,
    category: err.category,
    retryable: err.retryable,
    serverMessage,
    body: err.body,
    method: err.method,
    url: err.url,
    attempts: err.attempts,
    headers: err.headers,
    cause: err,
  });
}

const REASONS: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  409: "Conflict", 410: "Gone", 412: "Precondition Failed", 413: "Payload Too Large", 422: "Unprocessable Entity",
  429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The documented exit codes for an ApiError; adapters handle their quirks first, then call this. */
export function toGwError(err: ApiError, rawWhat: string): GwError {
  // `what` may quote a name the server sent (a configuration's name): one line like the rest.
  const what = oneLine(rawWhat);
  const after = err.attempts > 1 ? ` (${err.attempts} attempts)` : "";
  // One line whatever an adapter added to the server's message (an error code, field violations): it is printed as is.
  const server = err.serverMessage ? `: ${oneLine(err.serverMessage)}` : "";
  // A write that got no clear answer may have been applied: say so rather than let a script assume not.
  const unknownOutcome = isWrite(err.method) && (err.category === "network" || err.category === "timeout" || err.status >= 500)
    ? "; the change may or may not have been applied, check before retrying"
    : "";
  if (err.category === "redirect" || err.category === "invalid-response" || err.category === "tls") {
    return new UnavailableError(`${what}: ${err.message}${after}`, { cause: err });
  }
  if (err.category !== "http") return new UnavailableError(`${what}: ${err.message}${after}${unknownOutcome}`, { cause: err });
  const status = `HTTP ${err.status}${REASONS[err.status] ? ` ${REASONS[err.status]}` : ""}`;
  switch (true) {
    case err.status === 401 || err.status === 403:
      return new AuthError(`${what}: ${status}${server} (check the profile's API key: gw profile show)`);
    case err.status === 404:
      return new NotFoundError(`${what}: ${status}${server}`);
    case [400, 409, 410, 412, 422].includes(err.status):
      return new RejectedError(`${what}: ${status}${server}`);
    case err.status === 429:
      return new RateLimitedError(`${what}: rate limited (HTTP 429)${after}${server}`);
    case err.status >= 500 || err.status === 408:
      return new UnavailableError(`${what}: ${status}${after}${server}${unknownOutcome}`, { cause: err });
    default:
      // Any other 4xx (405, 413, 415, ...): the control plane refused the request. Exit 1 is kept for gw's bugs.
      return new RejectedError(`${what}: ${status}${server}`);
  }
}

function isWrite(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}
