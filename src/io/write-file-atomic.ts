import { lstatSync, renameSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Write `text` to `file` as `>` would, but without ever leaving half a file: a regular file (or a new
 * path) gets a temporary file beside it, renamed over it. Anything else (a symlink, a FIFO, a device such
 * as /dev/stdout) is written straight to: renaming over it would replace the link or node itself. The
 * temporary file is removed when the write fails.
 */
export function writeFileAtomic(file: string, text: string): void {
  const existing = statOrNone(file);
  if (existing && !existing.isFile()) {
    writeFileSync(file, text);
    return;
  }
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid.toString(36)}${Math.random().toString(36).slice(2, 8)}`);
  try {
    writeFileSync(tmp, text, { mode: existing ? existing.mode & 0o777 : 0o644 });
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    throw err;
  }
}

function statOrNone(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** A file-system error as one phrase, without the paths Node puts in its messages (temporary names among them). */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOSPC: "no space left on the device",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOENT: "no such directory",
    EISDIR: "it is a directory",
    ENOTDIR: "a part of the path is not a directory",
    EDQUOT: "disk quota exceeded",
  };
  return (code && known[code]) ?? code ?? "write failed";
}
