import { isDeepStrictEqual } from "node:util";
import { isRecord } from "../wire-check.js";

/** Dotted paths where two JSON values differ: `network_config.max_retries`, `keys[1]`. */
export function changedPaths(a: unknown, b: unknown, prefix = ""): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((item, i) => changedPaths(item, b[i], `${prefix}[${i}]`));
  }
  return [prefix || "(the whole body)"];
}
