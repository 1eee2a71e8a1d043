import { randomUUID } from "node:crypto";
import { closeSync, fstatSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { ConfigError } from "../errors.js";

const STALE_MS = 30_000;
const WAIT_MS = 15_000;

/** What a holder writes into the lock file. */
interface Owner {
  pid: number;
  host: string;
  token: string;
  created: number;
}

/** The lock file as one reader saw it: two sightings are the same lock only if all of this matches. */
interface Sighting {
  raw: string;
  ino: number;
  mtimeMs: number;
  owner: Owner | null;
}

export interface HeldLock {
  /** Throws (exit 6) unless this process still holds the lock: call it right before writing. */
  assertHeld(): void;
}

/**
 * Serialise read-modify-write of the config across processes (conf writes atomically but does not lock, so two
 * concurrent `gw profile add` would otherwise lose one profile).
 *
 * The lock is `<file>.lock`, created atomically with its content (a private file hard-linked into place, so
 * it is never seen empty) naming its owner: pid, host and a random token. A lock is stale when its owner is a
 * process of this host that no longer runs, or when it is older than 30 s (a lock of an older gw, an owner
 * on another host). Breaking a stale lock is where two writers used to race: both saw it stale, one removed
 * it and took a new lock, the other then removed that new lock. Now every removal of a lock goes through a
 * guard file named after that one lock (`<file>.lock.break-<token>`, taken with O_EXCL): only the guard's
 * holder may remove it, and only after seeing, under the guard, that it is still the very lock found stale.
 * The holder itself releases the same way, and checks the lock is still its own before writing. A waiter
 * gives up (exit 6) when one holder has kept the lock for 15 s, however long the queue before it was.
 * proper-lockfile was considered: it breaks a stale lock with the same unguarded remove-then-create.
 */
export async function withFileLock<T>(lockPath: string, fn: (lock: HeldLock) => T | Promise<T>): Promise<T> {
  const token = randomUUID();
  const body = JSON.stringify({ pid: process.pid, host: hostname(), token, created: Date.now() } satisfies Owner);
  // The wait is per holder: a queue of writers that keeps moving never times out, one stuck holder does.
  let holder = "";
  let since = Date.now();
  let delay = 5;
  for (;;) {
    if (tryCreate(lockPath, body, token)) break;
    const seen = look(lockPath);
    if (!seen) continue; // released meanwhile
    if (isStale(seen) && breakStale(lockPath, seen)) continue;
    if (idOf(seen) !== holder) {
      holder = idOf(seen);
      since = Date.now();
    } else if (Date.now() - since > WAIT_MS) {
      const by = seen.owner ? ` (pid ${seen.owner.pid}${seen.owner.host !== hostname() ? ` on ${seen.owner.host}` : ""})` : "";
      throw new ConfigError(
        `config is locked by another gw process${by} for more than ${WAIT_MS / 1000} s: ${lockPath}; try again (remove the lock only if no gw is running)`,
        6,
      );
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 100);
  }
  const held: HeldLock = {
    assertHeld() {
      if (look(lockPath)?.owner?.token !== token) {
        throw new ConfigError(`the config lock ${lockPath} was taken over by another gw process; nothing was written; try again`, 6);
      }
    },
  };
  try {
    return await fn(held);
  } finally {
    try {
      removeIf(lockPath, guardOf(lockPath, token), (now) => now.owner?.token === token);
    } catch {
      // Cannot remove it (the disk failed meanwhile): fn's own error matters more, and the next gw breaks
      // this lock at once, since its owner (this process) will have exited.
    }
  }
}

/** Creates the lock with its content in one step; false when a lock exists. */
function tryCreate(lockPath: string, body: string, token: string): boolean {
  const mine = `${lockPath}.${token}`;
  writePrivate(mine, body);
  try {
    linkSync(mine, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw err;
    // A file system without hard links: create it in place; a reader may see it empty for a moment.
    try {
      writePrivate(lockPath, body);
      return true;
    } catch (inPlace) {
      if ((inPlace as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw inPlace;
    }
  } finally {
    unlinkQuietly(mine);
  }
}

function writePrivate(path: string, body: string): void {
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, body);
  } finally {
    closeSync(fd);
  }
}

function look(lockPath: string): Sighting | null {
  let fd: number;
  try {
    fd = openSync(lockPath, "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  try {
    // One descriptor for both, so the sighting is of one file even if the lock is replaced meanwhile.
    const st = fstatSync(fd);
    const raw = readFileSync(fd, "utf8");
    return { raw, ino: st.ino, mtimeMs: st.mtimeMs, owner: parseOwner(raw) };
  } finally {
    closeSync(fd);
  }
}

function parseOwner(raw: string): Owner | null {
  try {
    const o = JSON.parse(raw) as Partial<Owner>;
    return typeof o.pid === "number" && typeof o.token === "string" && typeof o.host === "string" && typeof o.created === "number"
      ? (o as Owner)
      : null;
  } catch {
    return null;
  }
}

function isStale(seen: Sighting): boolean {
  if (Date.now() - seen.mtimeMs > STALE_MS) return true;
  const o = seen.owner;
  return o !== null && o.host === hostname() && o.pid > 0 && !isRunning(o.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // runs, as another user
  }
}

function same(a: Sighting, b: Sighting): boolean {
  return a.raw === b.raw && a.ino === b.ino && a.mtimeMs === b.mtimeMs;
}

/** One lock's identity: its owner's token, or for a lock without one (an older gw's) its inode and time. */
function idOf(seen: Sighting): string {
  return seen.owner?.token ?? `${seen.ino}-${seen.mtimeMs}`;
}

function guardOf(lockPath: string, seen: Sighting | string): string {
  const id = typeof seen === "string" ? seen : idOf(seen);
  return `${lockPath}.break-${id.replace(/[^A-Za-z0-9.-]/g, "_")}`;
}

/** True when the stale lock is gone (removed here or by another breaker); false while another breaker is at it. */
function breakStale(lockPath: string, seen: Sighting): boolean {
  return removeIf(lockPath, guardOf(lockPath, seen), (now) => same(now, seen));
}

/**
 * Removes the lock if `stillThatLock` holds, under the guard of that lock. A guard left by a breaker that
 * crashed between two system calls is itself removed once stale, so the lock cannot stay stuck for good.
 * False when another process holds the guard (it is removing this lock, or it crashed doing so).
 */
function removeIf(lockPath: string, guard: string, stillThatLock: (now: Sighting) => boolean): boolean {
  try {
    closeSync(openSync(guard, "wx", 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    try {
      if (Date.now() - statSync(guard).mtimeMs > STALE_MS) unlinkQuietly(guard);
    } catch {
      // gone meanwhile
    }
    return false; // someone else is removing this lock
  }
  try {
    const now = look(lockPath);
    if (now && stillThatLock(now)) unlinkSync(lockPath);
    return true;
  } finally {
    unlinkQuietly(guard);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
