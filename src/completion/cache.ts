import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Candidate } from "./candidates.js";

type Env = Record<string, string | undefined>;

/** How long listed ids stay good for completion: long enough for a few TABs in a row, short enough to forget deletes. */
export const CACHE_TTL_MS = 60_000;

/** $XDG_CACHE_HOME/gw, else ~/.cache/gw. */
export function cacheDir(env: Env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache"), "gw");
}

/**
 * The cache file of one kind of one profile: `complete-<kind>-<hash>.json`, the hash of the profile's name,
 * backend and URL (never its key), so two profiles, or one pointed elsewhere by GW_BASE_URL, never share.
 */
export function cacheFile(env: Env, profile: { name: string | null; backend: string; baseUrl: string }, kind: string): string {
  const hash = createHash("sha256").update(`${profile.name ?? ""}\u0000${profile.backend}\u0000${profile.baseUrl}`).digest("hex").slice(0, 16);
  return join(cacheDir(env), `complete-${kind}-${hash}.json`);
}

interface CacheEntry {
  savedAt: number;
  candidates: Candidate[];
}

/** The candidates saved less than `ttlMs` ago; undefined when there are none, they are stale or the file is unreadable. */
export function readCache(file: string, now: number, ttlMs = CACHE_TTL_MS): Candidate[] | undefined {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(readFileSync(file, "utf8")) as CacheEntry;
  } catch {
    return undefined;
  }
  if (typeof entry?.savedAt !== "number" || !Array.isArray(entry.candidates)) return undefined;
  const age = now - entry.savedAt;
  if (age < 0 || age >= ttlMs) return undefined; // a clock set back counts as stale
  return entry.candidates.filter((c): c is Candidate => typeof c?.value === "string" && (c.description === undefined || typeof c.description === "string"));
}

/** Save candidates: directory 0700, file 0600, written whole (temp file and rename) so a reader never sees half. */
export function writeCache(file: string, candidates: readonly Candidate[], now: number): void {
  const dir = join(file, "..");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ savedAt: now, candidates: [...candidates] } satisfies CacheEntry), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
