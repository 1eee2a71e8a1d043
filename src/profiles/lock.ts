import { closeSync, openSync, rmSync, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { GwError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";

const STALE_MS = 30_000;
const WAIT_MS = 15_000;

/**
 * Serialise read-modify-write of the config across processes (conf writes atomically but does not lock,
 * so two concurrent `gw profile add` would otherwise lose one profile). An O_EXCL lock file is enough on
 * one machine; a lock older than 30 s is a crashed writer's and is broken.
 */
export async function withFileLock<T>(lockPath: string, fn: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  let delay = 5;
  for (;;) {
    try {
      closeSync(openSync(lockPath, "wx", 0o600));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (isStale(lockPath)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new GwError(`config is locked by another gw process (${lockPath}); try again`, ExitCode.Unexpected);
      }
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function isStale(lockPath: string): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}
