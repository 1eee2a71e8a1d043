import { chmodSync, statSync } from "node:fs";

/**
 * The config holds API keys: directory 0700, file 0600. Looser modes (a copied file, a restored backup)
 * are tightened on sight, with a warning so the user knows the key may have been readable.
 */
export function tightenPermissions(dir: string, file: string, warn: (message: string) => void): void {
  tighten(dir, 0o700, "directory", warn);
  tighten(file, 0o600, "file", warn);
}

function tighten(path: string, wanted: number, kind: string, warn: (message: string) => void): void {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return; // not there yet: created with the right mode
  }
  if ((mode & ~wanted) === 0) return;
  try {
    chmodSync(path, wanted);
    warn(`config ${kind} ${path} was mode ${mode.toString(8)}; tightened to ${wanted.toString(8)}`);
  } catch (err) {
    warn(`config ${kind} ${path} is mode ${mode.toString(8)} and could not be tightened: ${(err as Error).message}`);
  }
}
