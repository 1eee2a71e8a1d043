import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";
import { checkFileStats, describeErrno } from "./location.js";
import { AUTH_MODES } from "../backends/backend.js";
import { BACKEND_NAMES } from "../backends/registry.js";
import type { AuthMode, ConfigData, StoredProfile } from "./types.js";

/**
 * Read config.json without loading conf: reads happen on every command and conf (with ajv) costs
 * ~60 ms at start-up; writes go through conf (profiles/store.ts). A damaged file is an error that names
 * it and leaves it alone, never a silent reset; so is an empty one (a truncated write, a `touch`). The file is
 * opened with O_NOFOLLOW and checked through its descriptor: a symbolic link or a file of another user is
 * refused (location.ts), even one swapped in after the caller's check.
 */
export function readConfig(file: string): ConfigData {
  let text: string;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { profiles: noProfiles() };
    if (code === "ELOOP") throw new ConfigError(`config file ${file} is a symbolic link; gw does not follow it (replace it with the file itself)`);
    throw new ConfigError(`cannot read config file ${file}: ${describeErrno(err)}`);
  }
  try {
    checkFileStats(file, fstatSync(fd));
    text = readFileSync(fd, "utf8");
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`cannot read config file ${file}: ${describeErrno(err)}`);
  } finally {
    closeSync(fd);
  }
  if (!text.trim()) throw new ConfigError(`config file ${file} is empty; restore it from a backup or remove it (it was left unchanged)`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw corrupt(file, `not valid JSON (${(err as Error).message})`);
  }
  return parseConfig(data, file);
}

function corrupt(file: string, why: string): ConfigError {
  return new ConfigError(`config file ${file} is damaged: ${why}; fix or remove it (it was left unchanged)`);
}

export function parseConfig(data: unknown, file: string): ConfigData {
  if (!isObject(data)) throw corrupt(file, "expected a JSON object");
  const profiles = noProfiles();
  const rawProfiles = data.profiles ?? {};
  if (!isObject(rawProfiles)) throw corrupt(file, `"profiles" must be an object`);
  for (const [name, value] of Object.entries(rawProfiles)) {
    if (!isObject(value)) throw corrupt(file, `profile "${name}" must be an object`);
    const { backend, baseUrl, apiKey, auth, keyStore } = value;
    if (typeof backend !== "string" || !BACKEND_NAMES.includes(backend as never)) {
      throw corrupt(file, `profile "${name}" has an unknown backend`);
    }
    if (typeof baseUrl !== "string") throw corrupt(file, `profile "${name}" has no baseUrl`);
    if (apiKey !== undefined && typeof apiKey !== "string") throw corrupt(file, `profile "${name}" has a bad apiKey`);
    if (keyStore !== undefined && (keyStore !== "keychain" || apiKey !== undefined)) {
      throw corrupt(file, `profile "${name}" has a bad keyStore (only "keychain", and then no apiKey)`);
    }
    if (auth !== undefined && !AUTH_MODES.includes(auth as AuthMode)) throw corrupt(file, `profile "${name}" has an unknown auth mode`);
    profiles[name] = {
      backend: backend as StoredProfile["backend"],
      baseUrl,
      ...(apiKey ? { apiKey } : {}),
      ...(auth ? { auth: auth as AuthMode } : {}),
      ...(keyStore ? { keyStore: "keychain" as const } : {}),
    };
  }
  const current = typeof data.current === "string" ? data.current : undefined;
  return { profiles, ...(current ? { current } : {}) };
}

/**
 * A map without a prototype: profile names are user data, so `constructor`, `toString` or `__proto__` must
 * be keys like any other, not Object.prototype members.
 */
function noProfiles(): Record<string, StoredProfile> {
  return Object.create(null) as Record<string, StoredProfile>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
