import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { GwError } from "../errors.js";
import { checkConfigDir, checkConfigFile, writeError } from "./location.js";
import { withFileLock } from "./lock.js";
import { CONFIG_FILE_NAME } from "./paths.js";
import { tightenPermissions } from "./permissions.js";
import { readConfig } from "./read.js";
import type { ConfigData } from "./types.js";

/**
 * Change the stored profiles: check the location, lock, check again, re-read, mutate, write through conf
 * (atomic rename, mode 0600). `mutate` may throw to abort; the file is then untouched, and so it is when
 * the write fails (a full disk, a read-only file system: conf writes a temporary file and renames it, and
 * removes it on failure). File system errors become one-line ConfigErrors (exit 2 or 6, location.ts).
 */
export async function updateConfig(
  dir: string,
  warn: (message: string) => void,
  mutate: (data: ConfigData) => void,
  source?: string,
): Promise<ConfigData> {
  const file = join(dir, CONFIG_FILE_NAME);
  try {
    if (!checkConfigDir(dir, source)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    tightenPermissions(dir, file, warn, source);
    // Loaded before taking the lock (conf and ajv take ~60 ms to import), so the lock is held for milliseconds.
    const { default: Conf } = await import("conf");
    return await withFileLock(`${file}.lock`, async (lock) => {
      // Again under the lock: the file may have been replaced (by a link) since the first look.
      checkConfigDir(dir, source);
      checkConfigFile(file);
      const data = readConfig(file);
      mutate(data);
      const conf = new Conf<Record<string, unknown>>({
        cwd: dir,
        configName: CONFIG_FILE_NAME.replace(/\.json$/, ""),
        configFileMode: 0o600,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        projectName: "gw",
      });
      checkConfigFile(file);
      lock.assertHeld();
      conf.store = { ...(data.current ? { current: data.current } : {}), profiles: data.profiles };
      return data;
    });
  } catch (err) {
    if (err instanceof GwError || !(err as NodeJS.ErrnoException).code) throw err;
    throw writeError(file, err);
  }
}
