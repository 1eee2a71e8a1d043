import { configDir, configFile } from "./paths.js";
import { tightenPermissions } from "./permissions.js";
import { readConfig } from "./read.js";
import type { ConfigData } from "./types.js";

/** Every read of the stored profiles: fix loose file modes (with a warning), then read. */
export function loadConfig(env: Record<string, string | undefined>, warn: (message: string) => void): ConfigData {
  tightenPermissions(configDir(env), configFile(env), warn);
  return readConfig(configFile(env));
}
