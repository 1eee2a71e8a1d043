import { configDir, configDirSource, configFile } from "./paths.js";
import { tightenPermissions } from "./permissions.js";
import { readConfig } from "./read.js";
import type { ConfigData } from "./types.js";

/**
 * Every read of the stored profiles: refuse a location gw must not use (a symbolic link, another user's
 * directory or file), fix loose modes of the user's own (with a warning), then read.
 */
export function loadConfig(env: Record<string, string | undefined>, warn: (message: string) => void): ConfigData {
  tightenPermissions(configDir(env), configFile(env), warn, configDirSource(env));
  return readConfig(configFile(env));
}
