import { UnavailableError } from "../errors.js";
import { oneLine } from "../redact.js";

/**
 * Minimal validation of the fields an adapter reads: a control plane that answers with something else
 * is reported as one line (exit 6), not a TypeError deep in a mapper.
 */
export function unexpected(what: string, detail: string): UnavailableError {
  // The detail may quote the server (a nextPageUri), `what` a name it sent: one line, without its control characters.
  return new UnavailableError(`${oneLine(what)}: unexpected response from the control plane (${oneLine(detail)})`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function field<T>(
  what: string,
  obj: Record<string, unknown>,
  key: string,
  check: (v: unknown) => v is T,
  expected: string,
): T {
  const value = obj[key];
  if (!check(value)) throw unexpected(what, `"${key}" is not ${expected}`);
  return value;
}

export const isString = (v: unknown): v is string => typeof v === "string";
/** An id gw will name in messages: a non-empty string without control characters (a server's garbage is not an id). */
// eslint-disable-next-line no-control-regex
export const isId = (v: unknown): v is string => typeof v === "string" && v !== "" && !/[\u0000-\u001f\u007f-\u009f]/.test(v);
export const isNullableString = (v: unknown): v is string | null => v === null || typeof v === "string";
export const isNullableNumber = (v: unknown): v is number | null => v === null || typeof v === "number";

/** Optional on the wire: absent reads as null (lenient where the research marks a field unconfirmed). */
export function optional<T>(check: (v: unknown) => v is T): (v: unknown) => v is T | null | undefined {
  return (v: unknown): v is T | null | undefined => v === undefined || v === null || check(v);
}
