export type BackendName = "langwatch" | "bifrost" | "ngrok" | "coreweave";
export const BACKEND_NAMES: readonly BackendName[] = ["langwatch", "bifrost", "ngrok", "coreweave"];

/**
 * How a profile authenticates where the backend offers a choice (Bifrost: none, Basic with the key
 * "user:password", Bearer). Absent = the backend's only or default scheme.
 */
export type AuthMode = "none" | "basic" | "bearer";
export const AUTH_MODES: readonly AuthMode[] = ["none", "basic", "bearer"];

/** A profile as stored in config.json. The key is optional: some control planes run without auth. */
export interface StoredProfile {
  backend: BackendName;
  baseUrl: string;
  apiKey?: string;
  auth?: AuthMode;
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
}
