import { readFileSync, renameSync, writeFileSync, unlinkSync } from "node:fs";
import { randomBytes } from "node:crypto";

/** State file layout, one per backend: `{backend, ...header (e.g. era), version, state}`. */
export interface StateFileDoc {
  backend: string;
  version: number;
  header: Record<string, unknown>;
  state: unknown;
}

export const STATE_FILE_VERSION = 1;

/** `undefined` when the file does not exist; a clear Error when it is not a sandbox state file. */
export function readStateFile(path: string): StateFileDoc | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`state file ${path} is not valid JSON; delete it or pass another --state file`);
  }
  if (typeof doc !== "object" || doc === null || typeof (doc as { backend?: unknown }).backend !== "string") {
    throw new Error(`state file ${path} is not a gw sandbox state file (no "backend" field)`);
  }
  const { backend, version, state, ...header } = doc as Record<string, unknown>;
  if (version !== STATE_FILE_VERSION) {
    throw new Error(`state file ${path} has version ${String(version)}; this gw reads version ${STATE_FILE_VERSION}`);
  }
  return { backend: backend as string, version, header, state };
}

/** Atomic: write a private temp file next to the target, then rename over it. */
export function writeStateFile(path: string, doc: StateFileDoc): void {
  const json = JSON.stringify({ backend: doc.backend, ...doc.header, version: doc.version, state: doc.state });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, json, { mode: 0o600 });
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file may not exist; the original error is the one worth reporting
    }
    throw err;
  }
}
