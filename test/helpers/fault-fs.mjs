// Loaded into the gw process with `node --import` (test/helpers/fault-fs.ts builds the NODE_OPTIONS): file
// system faults a test cannot provoke for real when it runs as root on a writable disk.
//   FAULT_FS_MATCH   a regular expression; only paths matching it are affected
//   FAULT_FS_CODE    ENOSPC | EROFS | EACCES | EIO: writes to a matching file fail with that code
//                    (open succeeds for ENOSPC/EIO, the write fails, as a full disk does; the others fail open)
//   FAULT_FS_SLOW_MS delay removing or renaming a matching path (a slow disk widens race windows)
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const match = process.env.FAULT_FS_MATCH ? new RegExp(process.env.FAULT_FS_MATCH) : null;
const code = process.env.FAULT_FS_CODE;
const slowMs = Number(process.env.FAULT_FS_SLOW_MS ?? 0);
const ERRNO = { ENOSPC: -28, EROFS: -30, EACCES: -13, EIO: -5 };
const MESSAGE = { ENOSPC: "no space left on device", EROFS: "read-only file system", EACCES: "permission denied", EIO: "i/o error" };
const faultyFds = new Set();

function fail(syscall, path) {
  const err = new Error(`${code}: ${MESSAGE[code]}, ${syscall} '${path}'`);
  return Object.assign(err, { code, errno: ERRNO[code], syscall, path });
}
const hit = (p) => match !== null && typeof p === "string" && match.test(p);
const writes = (flags) => typeof flags === "number" ? (flags & 3) !== 0 || (flags & fs.constants.O_CREAT) !== 0 : typeof flags === "string" && /[wa+]/.test(flags);
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const { openSync, writeSync, closeSync, writeFileSync, renameSync, rmSync, unlinkSync, mkdirSync, linkSync } = fs;
if (code) {
  fs.openSync = function (path, flags, ...rest) {
    if (hit(path) && writes(flags)) {
      if (code === "EROFS" || code === "EACCES") throw fail("open", path);
      const fd = openSync.call(fs, path, flags, ...rest);
      faultyFds.add(fd);
      return fd;
    }
    return openSync.call(fs, path, flags, ...rest);
  };
  fs.writeSync = function (fd, ...rest) {
    if (faultyFds.has(fd)) throw fail("write", `fd ${fd}`);
    return writeSync.call(fs, fd, ...rest);
  };
  fs.closeSync = function (fd) {
    faultyFds.delete(fd);
    return closeSync.call(fs, fd);
  };
  fs.writeFileSync = function (path, ...rest) {
    if (hit(path)) throw fail(code === "EROFS" || code === "EACCES" ? "open" : "write", path);
    return writeFileSync.call(fs, path, ...rest);
  };
  for (const [name, real] of [["renameSync", renameSync], ["linkSync", linkSync], ["mkdirSync", mkdirSync]]) {
    fs[name] = function (path, ...rest) {
      if ((code === "EROFS" || code === "EACCES") && (hit(path) || hit(rest[0]))) throw fail(name.replace(/Sync$/, ""), path);
      return real.call(fs, path, ...rest);
    };
  }
}
if (slowMs > 0) {
  for (const [name, real] of [["rmSync", rmSync], ["unlinkSync", unlinkSync], ["renameSync", fs.renameSync]]) {
    fs[name] = function (path, ...rest) {
      if (hit(path)) sleep(slowMs);
      return real.call(fs, path, ...rest);
    };
  }
}
syncBuiltinESMExports();
