import { ApiError, toGwError, withServerMessage } from "../../http/api-error.js";
import { isRecord } from "../wire-check.js";

// google.rpc.Code names by number (research §3.6).
const RPC_CODE_NAMES = [
  "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
  "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
  "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
];

/**
 * The error body is a google.rpc.Status-like `{code, message, details}`, but whether `code` is a number
 * (grpc-gateway: 5) or a name (Connect: "not_found") is unconfirmed (research §3.6), so both are read.
 * The exit code follows the HTTP status as everywhere; the gRPC code name is added to the message.
 */
export function mapCoreweaveError(err: unknown, what: string): unknown {
  if (!(err instanceof ApiError) || err.category !== "http") return err instanceof ApiError ? toGwError(err, what) : err;
  const code = rpcCodeName(err.body);
  let serverMessage = err.serverMessage || fieldViolations(err.body) || "";
  if (code && !serverMessage.includes(code)) serverMessage = serverMessage ? `${serverMessage} (${code})` : code;
  const described = withServerMessage(err, serverMessage, err.message);
  return toGwError(described, what);
}

export function rpcCodeName(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (typeof body.code === "number") return RPC_CODE_NAMES[body.code];
  if (typeof body.code === "string" && body.code) return body.code.toUpperCase();
  return undefined;
}

/** google.rpc.BadRequest field violations, for a status whose message is empty. */
function fieldViolations(body: unknown): string | undefined {
  if (!isRecord(body) || !Array.isArray(body.details)) return undefined;
  const lines = body.details
    .filter(isRecord)
    .flatMap((d) => (Array.isArray(d.fieldViolations) ? d.fieldViolations.filter(isRecord) : []))
    .map((v) => [v.field, v.description].filter((s) => typeof s === "string" && s).join(": "))
    .filter(Boolean);
  return lines.length ? lines.join("; ") : undefined;
}
