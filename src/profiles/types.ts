import type { AuthMode } from "../backends/backend.js";
import type { BackendName } from "../backends/registry.js";

export type { AuthMode, BackendName };

/** A profile as stored in config.json. The key is optional: some control planes run without auth. */
export interface StoredProfile {
  backend: BackendName;
  baseUrl: string;
  apiKey?: string;
  auth?: AuthMode;
  /** "keychain": the key is in the OS keychain (profiles/keychain.ts), not in this file. */
  keyStore?: "keychain";
}

export interface ConfigData {
  current?: string;
  profiles: Record<string, StoredProfile>;
}

/** The profile a command runs with, after flags and environment have been applied. */
export interface ResolvedProfile {
  /** null for the env-only CI profile (GW_BACKEND + GW_BASE_URL + GW_API_KEY). */
  name: string | null;
  backend: BackendName;
  baseUrl: string;
  apiKey?: string;
  auth?: AuthMode;
  /** Where apiKey came from: GW_API_KEY, the config file or the OS keychain; absent without a key. */
  keySource?: KeySource;
  /** The key is in the keychain but could not be read: why, in one line (the HTTP client then refuses, exit 3). */
  keyError?: string;
}

export type KeySource = "env" | "file" | "keychain";
