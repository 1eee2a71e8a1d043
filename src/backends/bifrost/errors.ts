import { AuthError, RejectedError } from "../../errors.js";
import { ApiError, toGwError } from "../../http/api-error.js";
import { oneLine } from "../../redact.js";

/**
 * Bifrost's error body is `{is_bifrost_error, status_code, error: {message}}` (research §2.8), which the
 * HTTP client already reads. Before the generic mapping: 401/403 point at the profile's auth mode too (the
 * same key fails as Basic and as Bearer), and 409 says what exists.
 */
export function mapBifrostError(err: unknown, rawWhat: string): unknown {
  if (!(err instanceof ApiError)) return err;
  const what = oneLine(rawWhat);
  if (err.category !== "http") return toGwError(err, what);
  const server = serverSuffix(err);
  if (err.status === 401 || err.status === 403) {
    return new AuthError(
      `${what}: HTTP ${err.status}${server} (check the profile's key and its auth mode, none, basic "user:password" or bearer: gw profile show)`,
    );
  }
  if (err.status === 409) return new RejectedError(`${what}: it already exists (HTTP 409${server})`);
  return toGwError(err, what);
}

/** ": <the server's message>", one line (a server's error code may carry control characters), or "". */
export function serverSuffix(err: ApiError): string {
  return err.serverMessage ? `: ${oneLine(err.serverMessage)}` : "";
}
