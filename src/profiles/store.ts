import { mkdirSync } from "node:fs";
import { CONFIG_FILE_NAME } from "./paths.js";
import { join } from "node:path";
import { withFileLock } from "./lock.js";
import { tightenPermissions } from "./permissions.js";
import { readConfig } from "./read.js";
import type { ConfigData } from "./types.js";

/**
 * Change the stored profiles: lock, re-read, mutate, write through conf (atomic rename, mode 0600).
 * `mutate` may throw to abort; the file is then untouched.
 */
export async function updateConfig(
  dir: string,
  warn: (message: string) => void,
  mutate: (data: ConfigData) => void,
): Promise<ConfigData> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, CONFIG_FILE_NAME);
  tightenPermissions(dir, file, warn);
  return withFileLock(`${file}.lock`, async () => {
    const data = readConfig(file);
    mutate(data);
    const { default: Conf } = await import("conf");
    const conf = new Conf<Record<string, unknown>>({
      cwd: dir,
      configName: CONFIG_FILE_NAME.replace(/\.json$/, ""),
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      projectName: "gw",
    });
    conf.store = { ...(data.current ? { current: data.current } : {}), profiles: data.profiles };
    return data;
  });
}
