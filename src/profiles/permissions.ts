import { chmodSync, closeSync, constants, fchmodSync, fstatSync, openSync } from "node:fs";
import { checkConfigDir, checkConfigFile, checkFileStats } from "./location.js";

/**
 * The config holds API keys: directory 0700, file 0600. Looser modes (a copied file, a restored backup)
 * are tightened on sight, with a warning so the user knows the key may have been readable. Only what the
 * user owns is changed (location.ts refuses anything else first), never a shared sticky directory such as
 * /tmp, and never through a symbolic link: the file is changed through a descriptor opened with O_NOFOLLOW.
 */
export function tightenPermissions(dir: string, file: string, warn: (message: string) => void, source?: string): void {
  const state = checkConfigDir(dir, source);
  if (!state) return; // not there yet: created with the right mode
  if (state.shared) {
    warn(`config directory ${dir} is shared (mode ${state.mode.toString(8)}); gw leaves its mode alone; keep keys in a directory of your own`);
  } else if ((state.mode & 0o077) !== 0) {
    const wanted = (state.mode & 0o7000) | 0o700;
    change(`config directory ${dir}`, state.mode, wanted, warn, () => chmodSync(dir, wanted));
  }
  const st = checkConfigFile(file);
  if (!st || (st.mode & 0o077) === 0) return;
  const mode = st.mode & 0o7777;
  change(`config file ${file}`, mode, 0o600, warn, () => {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const now = fstatSync(fd);
      checkFileStats(file, now);
      if (now.ino !== st.ino) return; // replaced meanwhile: the next command looks again
      fchmodSync(fd, 0o600);
    } finally {
      closeSync(fd);
    }
  });
}

function change(what: string, mode: number, wanted: number, warn: (message: string) => void, apply: () => void): void {
  try {
    apply();
    warn(`${what} was mode ${mode.toString(8)}; tightened to ${wanted.toString(8)}`);
  } catch (err) {
    if (err instanceof Error && err.name === "ConfigError") throw err;
    warn(`${what} is mode ${mode.toString(8)} and could not be tightened: ${(err as Error).message}`);
  }
}
