import { lstatSync, statSync, type Stats } from "node:fs";
import { ConfigError } from "../errors.js";

/**
 * What gw accepts as a config location (README "Security"), checked before every read and again under the lock
 * before every write:
 * - the directory (GW_CONFIG_DIR, $XDG_CONFIG_HOME/gw, ~/.config/gw; a symbolic link to one is fine) is a
 *   directory owned by the user;
 * - config.json is a regular file owned by the user, never a symbolic link (gw would otherwise read, chmod
 *   or write the key through it).
 * Ownership is not checked where the platform has no uids (Windows).
 */
export interface DirState {
  mode: number;
  /** World-writable with the sticky bit (/tmp): others use it too, so gw never changes its mode. */
  shared: boolean;
}

const uid = (): number | undefined => process.getuid?.();

/** null when the directory does not exist yet (gw creates it, mode 0700). */
export function checkConfigDir(dir: string, source?: string): DirState | null {
  const named = `config directory ${dir}${source ? ` (${source})` : ""}`;
  let st: Stats;
  try {
    st = statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    if (code === "ENOTDIR") throw new ConfigError(`${named} is not a directory: part of its path is a file`);
    throw new ConfigError(`cannot use ${named}: ${describeErrno(err)}`);
  }
  if (!st.isDirectory()) throw new ConfigError(`${named} is not a directory`);
  const me = uid();
  if (me !== undefined && st.uid !== me) {
    throw new ConfigError(`${named} is owned by uid ${st.uid}, not by you (uid ${me}); gw keeps keys only in a directory you own`);
  }
  const mode = st.mode & 0o7777;
  return { mode, shared: (mode & 0o1002) === 0o1002 };
}

/** null when config.json does not exist yet. */
export function checkConfigFile(file: string): Stats | null {
  let st: Stats;
  try {
    st = lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new ConfigError(`cannot use config file ${file}: ${describeErrno(err)}`);
  }
  checkFileStats(file, st);
  return st;
}

export function checkFileStats(file: string, st: Stats): void {
  if (st.isSymbolicLink()) {
    throw new ConfigError(`config file ${file} is a symbolic link; gw does not follow it (replace it with the file itself)`);
  }
  if (!st.isFile()) throw new ConfigError(`config file ${file} is not a regular file`);
  const me = uid();
  if (me !== undefined && st.uid !== me) {
    throw new ConfigError(`config file ${file} is owned by uid ${st.uid}, not by you (uid ${me}); gw does not use it`);
  }
}

const DESCRIPTIONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EIO: "input/output error",
  ENOTDIR: "part of the path is not a directory",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the path is too long",
};

/** "permission denied (EACCES)": the reason without the path and syscall Node puts in the message. */
export function describeErrno(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (!code) return (err as Error).message;
  return `${DESCRIPTIONS[code] ?? (err as Error).message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "")} (${code})`;
}

/** Codes that say the disk is full or failing: the same command may work later (exit 6). */
const TRANSIENT = new Set(["ENOSPC", "EDQUOT", "EIO", "EAGAIN", "EBUSY", "EMFILE", "ENFILE"]);

/** A file system error while changing the config, as the one-line error the user sees. */
export function writeError(file: string, err: unknown): ConfigError {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  if (TRANSIENT.has(code)) return new ConfigError(`cannot write config file ${file}: ${describeErrno(err)}; nothing was changed`, 6);
  return new ConfigError(`cannot write config file ${file}: ${describeErrno(err)}; set GW_CONFIG_DIR to a writable directory; nothing was changed`);
}
