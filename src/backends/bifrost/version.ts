import { isRecord } from "../wire-check.js";
import type { WireProvider } from "./wire.js";

/**
 * The two behaviours of Bifrost's provider API (research §2.1, §2.5): "1.4" takes the full key set inside
 * the provider PUT (and deletes keys left out); "1.5" refuses keys there (they have their own endpoints),
 * and reads `[]` in allow-lists as "none" where 1.4 read it as "all".
 */
export type Generation = "1.4" | "1.5";

/** "v1.4.3", "1.5.0-prerelease1", "2.0" -> the generation; undefined when no version can be read. */
export function generationOf(version: string): Generation | undefined {
  const match = /(\d+)\.(\d+)/.exec(version);
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 1 || (major === 1 && minor >= 5) ? "1.5" : "1.4";
}

/**
 * GET /api/config carries the release, but the field is not confirmed (§2.10): look in the likely places
 * (`version` as a string or an object, `Version`, `bifrost_version`, `client_config.version`).
 */
export function versionFromConfig(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const nested = (v: unknown): unknown => (isRecord(v) ? (v.version ?? v.tag ?? v.release) : v);
  const candidates = [body.version, body.Version, body.bifrost_version, isRecord(body.client_config) ? body.client_config.version : undefined];
  for (const candidate of candidates.map(nested)) {
    if (typeof candidate === "string" && generationOf(candidate)) return candidate;
  }
  return undefined;
}

/** Without a readable version, the shape tells: only v1.4 returns a provider's keys inside it. */
export function generationFromProvider(provider: WireProvider): Generation {
  return Array.isArray(provider.keys) ? "1.4" : "1.5";
}
