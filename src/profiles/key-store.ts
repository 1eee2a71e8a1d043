import { join } from "node:path";
import { KeychainError } from "../errors.js";
import { keychainDelete, keychainDisabledByEnv, keychainGet, keychainLocation, keychainSet } from "./keychain.js";
import { CONFIG_FILE_NAME, configDir } from "./paths.js";
import type { ResolvedProfile, StoredProfile } from "./types.js";

/**
 * Where a profile's key lives: the OS keychain where one answers, else the config file (mode 0600).
 * GW_KEYRING=0 or `gw profile add --no-keyring` choose the file. The file record of a keychain profile
 * says `keyStore: "keychain"` and holds no key.
 */

type Env = Record<string, string | undefined>;
export type KeyStore = "keychain" | "file";

/** The record fields that say where the key is: `{ apiKey }` or `{ keyStore: "keychain" }`. */
export type KeyFields = Pick<StoredProfile, "apiKey" | "keyStore">;

/** "the OS keychain (service gw, account prod)" or "/home/me/.config/gw/config.json (mode 0600)". */
export function keyLocation(env: Env, name: string, store: KeyStore): string {
  return store === "keychain" ? keychainLocation(env, name) : `${join(configDir(env), CONFIG_FILE_NAME)} (mode 0600)`;
}

export interface SavedKey {
  fields: KeyFields;
  store: KeyStore;
  /** The keychain was wanted but failed: why, one line (the key went to the file). */
  fallback?: string;
}

/**
 * Put a profile's key where it belongs before its record is written: in the keychain unless that is turned
 * off; a keychain that fails (locked, no D-Bus) leaves the key for the file and says why.
 */
export async function saveKey(env: Env, name: string, key: string, opts: { keychain: boolean }): Promise<SavedKey> {
  if (!opts.keychain || keychainDisabledByEnv(env)) return { fields: { apiKey: key }, store: "file" };
  try {
    await keychainSet(env, name, key);
    return { fields: { keyStore: "keychain" }, store: "keychain" };
  } catch (err) {
    if (!(err instanceof KeychainError)) throw err;
    return { fields: { apiKey: key }, store: "file", fallback: err.reason };
  }
}

/**
 * The resolved profile with its keychain key filled in. An unreadable or missing entry is not thrown here
 * (`gw profile show` and `gw status` still describe the profile): it becomes keyError, and the HTTP client
 * refuses to start with it (exit 3).
 */
export async function withKeychainKey(env: Env, profile: ResolvedProfile): Promise<ResolvedProfile> {
  if (profile.keySource !== "keychain" || profile.apiKey || profile.name === null) return profile;
  const fix = `set GW_API_KEY, unlock the keychain, or store the key again with \`gw profile add ${profile.name} ... --force\``;
  try {
    const key = await keychainGet(env, profile.name);
    if (key) return { ...profile, apiKey: key };
    return { ...profile, keyError: `profile "${profile.name}" keeps its key in ${keychainLocation(env, profile.name)}, but there is no such entry; ${fix}` };
  } catch (err) {
    if (!(err instanceof KeychainError)) throw err;
    return { ...profile, keyError: `profile "${profile.name}" keeps its key in the OS keychain, which failed: ${err.message}; ${fix}` };
  }
}

/** The stored key of a profile record, from the file or the keychain (throws KeychainError). */
export async function readStoredKey(env: Env, name: string, stored: StoredProfile): Promise<string | undefined> {
  if (!stored.keyStore) return stored.apiKey;
  const key = await keychainGet(env, name);
  if (!key) throw new KeychainError(`profile "${name}": ${keychainLocation(env, name)} has no entry`, "no entry");
  return key;
}

/** Delete a removed (or replaced) profile's keychain entry; a failure is a warning, never an error. */
export async function forgetKey(env: Env, name: string, stored: StoredProfile | undefined, warn: (message: string) => void): Promise<void> {
  if (!stored?.keyStore) return;
  try {
    await keychainDelete(env, name);
  } catch (err) {
    if (!(err instanceof KeychainError)) throw err;
    warn(`could not delete the key of profile ${name} from the OS keychain (${err.reason}); remove it from ${keychainLocation(env, name)} by hand`);
  }
}
