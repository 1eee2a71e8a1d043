import { randomBytes } from "node:crypto";
import { renameSync, writeFileSync } from "node:fs";

/** Write a temporary file beside `file`, then rename it: a failure never leaves half a file behind. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${randomBytes(4).toString("hex")}`;
  writeFileSync(tmp, text, { mode: 0o644 });
  renameSync(tmp, file);
}
