import { resolve } from "node:path";
import { KeychainError } from "../errors.js";
import { oneLine } from "../redact.js";
import { configDir } from "./paths.js";

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux: GNOME Keyring,
 * KWallet) through @napi-rs/keyring, as gh and the Bifrost CLI keep their tokens. Loaded only when a key is
 * read or written: the native module is never parsed by `gw --help` or by a command run with GW_API_KEY.
 *
 * An entry is service "gw", account = the profile name; a profile of another config dir (GW_CONFIG_DIR)
 * gets that dir in its account, so two dirs with a profile "prod" each keep their own key.
 */

type Env = Record<string, string | undefined>;
type Keyring = typeof import("@napi-rs/keyring");

export const KEYCHAIN_SERVICE = "gw";

/** A keychain call that does not answer (a hung D-Bus activation) must not hang gw; an unlock prompt gets this long. */
const TIMEOUT_MS = 60_000;

/** GW_KEYRING=0 (also false/off/no) keeps keys in the config file. */
export function keychainDisabledByEnv(env: Env): boolean {
  const v = env.GW_KEYRING?.trim().toLowerCase();
  return v === "0" || v === "false" || v === "off" || v === "no";
}

/** The keychain account of a profile (see above). */
export function keychainAccount(env: Env, name: string): string {
  const dir = resolve(configDir(env));
  const defaultDir = resolve(configDir({ ...env, GW_CONFIG_DIR: undefined }));
  return dir === defaultDir ? name : `${name} (${dir})`;
}

/** "the OS keychain (service gw, account prod)": where `gw profile show` says the key is. */
export function keychainLocation(env: Env, name: string): string {
  return `the OS keychain (service ${KEYCHAIN_SERVICE}, account ${keychainAccount(env, name)})`;
}

let keyring: Promise<Keyring> | undefined;

async function entry(env: Env, name: string) {
  let mod: Keyring;
  try {
    mod = await (keyring ??= import("@napi-rs/keyring"));
  } catch (err) {
    keyring = undefined;
    throw failure("no keychain support for this platform", err);
  }
  try {
    // Linux: the Secret Service only. The library's fallback, the kernel keyring, forgets keys at logout or reboot.
    return new mod.AsyncEntry(KEYCHAIN_SERVICE, keychainAccount(env, name), { linux: { store: "secret-service" } });
  } catch (err) {
    throw failure("cannot reach the OS keychain", err);
  }
}

async function call<T>(what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  try {
    return await run(signal);
  } catch (err) {
    if (signal.aborted) throw new KeychainError(`the OS keychain did not answer within ${TIMEOUT_MS / 1000}s`, "timed out");
    throw failure(what, err);
  }
}

/** One line from the native error: its innermost cause says most ("Failed to connect to socket ..."). */
function failure(what: string, err: unknown): KeychainError {
  const messages: string[] = [];
  for (let e: unknown = err, i = 0; e instanceof Error && i < 5; e = e.cause, i++) messages.push(e.message);
  const [outer = String(err), ...causes] = messages;
  const reason = oneLine(causes.every((c) => outer.includes(c)) ? outer : [outer, ...causes].join(": "));
  return new KeychainError(`${what}: ${reason}`, reason);
}

export async function keychainSet(env: Env, name: string, key: string): Promise<void> {
  const e = await entry(env, name);
  await call("cannot store the key in the OS keychain", (signal) => e.setPassword(key, signal));
}

/** The key, or null when the keychain has no entry for the profile. */
export async function keychainGet(env: Env, name: string): Promise<string | null> {
  const e = await entry(env, name);
  return call("cannot read the key from the OS keychain", (signal) => e.getPassword(signal));
}

/** true when an entry was deleted, false when there was none. */
export async function keychainDelete(env: Env, name: string): Promise<boolean> {
  const e = await entry(env, name);
  return call("cannot delete the key from the OS keychain", (signal) => e.deletePassword(signal));
}
