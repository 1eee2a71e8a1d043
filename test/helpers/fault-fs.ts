import { fileURLToPath, pathToFileURL } from "node:url";

const PRELOAD = pathToFileURL(fileURLToPath(new URL("./fault-fs.mjs", import.meta.url))).href;

/**
 * Environment for runGw that loads test/helpers/fault-fs.mjs into gw: paths matching `match` fail with
 * `code` (ENOSPC, EROFS, EACCES, EIO), or are removed/renamed `slowMs` late.
 */
export function faultFsEnv(opts: { match: RegExp; code?: "ENOSPC" | "EROFS" | "EACCES" | "EIO"; slowMs?: number }): Record<string, string> {
  return {
    NODE_OPTIONS: `--import ${PRELOAD}`,
    FAULT_FS_MATCH: opts.match.source,
    ...(opts.code ? { FAULT_FS_CODE: opts.code } : {}),
    ...(opts.slowMs ? { FAULT_FS_SLOW_MS: String(opts.slowMs) } : {}),
  };
}
