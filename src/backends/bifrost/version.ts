import { isRecord } from "../wire-check.js";
import type { WireProvider } from "./wire.js";

/**
 * The behaviours of Bifrost's management API gw tells apart (research §2.1, §2.5): "1.4" takes the full key
 * set inside the provider PUT (and deletes keys left out); "1.5" refuses keys there (they have their own
 * endpoints), and reads `[]` in allow-lists as "none" where 1.4 read it as "all". "2" (v2.x; current line
 * v2.5) behaves as 1.5 for providers and keys, and adds routing rules at /api/routing/rules (the governance
 * path stays as a deprecated alias), `allow_all_providers` on virtual keys (v2.1+) and key rotation.
 */
export type Generation = "1.4" | "1.5" | "2";

/** What gw knows of the server: its release when /api/version answered (null when told by behaviour). */
export interface ServerVersion {
  release: string | null;
  generation: Generation;
}

/** "v1.4.3", "1.5.0-prerelease1", "v2.5.0" -> the generation; undefined when no version can be read. */
export function generationOf(version: string): Generation | undefined {
  const match = /(\d+)\.(\d+)/.exec(version);
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major >= 2) return "2";
  return major === 1 && minor >= 5 ? "1.5" : "1.4";
}

/** A release as a server spells it: "v1.5.2", "1.5.0-prerelease1", "v2.5.0+build". */
const RELEASE = /^v?\d+\.\d+(?:[.+-][0-9A-Za-z.+-]*)?$/;

/**
 * GET /api/version's body (research §2.10): a JSON string such as "v1.5.2". Taken leniently (plain text, or an
 * object with `version`), but only when it looks like a release: a dashboard page served for an unknown path
 * must not pass for one.
 */
export function versionFromBody(body: unknown): string | undefined {
  const value = isRecord(body) ? body.version : body;
  if (typeof value !== "string") return undefined;
  const release = value.trim();
  return RELEASE.test(release) ? release : undefined;
}

/** Without a readable version, the shape tells: only v1.4 returns a provider's keys inside it. */
export function generationFromProvider(provider: WireProvider): Generation {
  return Array.isArray(provider.keys) ? "1.4" : "1.5";
}
