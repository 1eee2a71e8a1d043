import { UsageError } from "../errors.js";

/**
 * Flag value rules, the dashboard's own (research/langwatch-gateway.md §2.3: the tRPC twin validates
 * `int().positive()` limits, a string map of headers, rotation policy MANUAL). Each error names the flag.
 */

/** The largest count gw sends: control planes store limits as 32-bit integers (LangWatch's Prisma Int). */
export const MAX_INT = 2_147_483_647;

export function positiveInt(flag: string, value: string): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || !Number.isSafeInteger(Number(trimmed))) {
    throw new UsageError(`invalid value for ${flag}: "${value}" (must be a positive integer, e.g. 600)`);
  }
  if (Number(trimmed) > MAX_INT) throw new UsageError(`invalid value for ${flag}: "${value}" (at most ${MAX_INT})`);
  return Number(trimmed);
}

export function integer(flag: string, value: string): number {
  const trimmed = value.trim();
  if (!/^-?\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
    throw new UsageError(`invalid value for ${flag}: "${value}" (must be an integer)`);
  }
  return Number(trimmed);
}

export function nonNegativeInt(flag: string, value: string): number {
  const n = integer(flag, value);
  if (n < 0) throw new UsageError(`invalid value for ${flag}: "${value}" (must be 0 or more)`);
  return n;
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (!match) throw new UsageError(`invalid value for ${flag}: "${value}" (allowed: ${allowed.join(", ")})`);
  return match;
}

export function nonEmpty(flag: string, value: string): string {
  if (!value.trim()) throw new UsageError(`invalid value for ${flag}: must not be empty`);
  return value.trim();
}

// RFC 7230 token characters for a header name.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `--header K=V` (repeatable) -> a header map; the value may contain "=", the name may not. */
export function headerPairs(flag: string, values: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of values) {
    const eq = pair.indexOf("=");
    const name = eq > 0 ? pair.slice(0, eq).trim() : "";
    if (!name || !HEADER_NAME.test(name)) {
      throw new UsageError(`invalid value for ${flag}: "${pair}" (expected NAME=VALUE with a valid header name)`);
    }
    const value = pair.slice(eq + 1);
    if (/[\r\n\0]/.test(value)) throw new UsageError(`invalid value for ${flag}: header ${name} contains a line break`);
    headers[name] = value;
  }
  return headers;
}

export function httpUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`invalid value for ${flag}: "${value}" (expected an http:// or https:// URL)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`invalid value for ${flag}: "${value}" (expected an http:// or https:// URL)`);
  }
  return value.replace(/\/+$/, "");
}

/** `--surface format[/surface]` -> {format, surface?}: `openai/chat-completions`, or just `anthropic`. */
export function apiSurface(flag: string, value: string): { format: string; surface?: string } {
  const parts = value.trim().split("/");
  if (parts.length > 2 || parts.some((p) => !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p))) {
    throw new UsageError(`invalid value for ${flag}: "${value}" (expected FORMAT or FORMAT/SURFACE, e.g. openai/chat-completions)`);
  }
  return parts[1] === undefined ? { format: parts[0]! } : { format: parts[0]!, surface: parts[1] };
}

/** A non-negative decimal (a weight, a USD amount). */
export function nonNegativeNumber(flag: string, value: string): number {
  const trimmed = value.trim();
  const n = Number(trimmed);
  if (!/^\d+(\.\d+)?$/.test(trimmed) || !Number.isFinite(n)) {
    throw new UsageError(`invalid value for ${flag}: "${value}" (must be a number, 0 or more, e.g. 0.5)`);
  }
  return n;
}
