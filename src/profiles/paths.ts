import { homedir } from "node:os";
import { join } from "node:path";

type Env = Record<string, string | undefined>;

/** GW_CONFIG_DIR, else $XDG_CONFIG_HOME/gw, else ~/.config/gw. */
export function configDir(env: Env): string {
  if (env.GW_CONFIG_DIR) return env.GW_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "gw");
}

/** Which setting named the config directory, for errors about it: "GW_CONFIG_DIR", "XDG_CONFIG_HOME" or undefined. */
export function configDirSource(env: Env): string | undefined {
  if (env.GW_CONFIG_DIR) return "GW_CONFIG_DIR";
  return env.XDG_CONFIG_HOME ? "XDG_CONFIG_HOME" : undefined;
}

export const CONFIG_FILE_NAME = "config.json";

export function configFile(env: Env): string {
  return join(configDir(env), CONFIG_FILE_NAME);
}
