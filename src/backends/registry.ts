import { UsageError } from "../errors.js";
import type { BackendInfo } from "./backend.js";
import { bifrost } from "./bifrost/index.js";
import { coreweave } from "./coreweave/index.js";
import { langwatch } from "./langwatch/index.js";
import { ngrok } from "./ngrok/index.js";

/**
 * The only list of backends (rclone's backend/all): adding one is its folder and one line here. Each
 * descriptor is small and static; its adapter, config kinds and sandbox load only when used.
 */
const BACKENDS = [langwatch, bifrost, ngrok, coreweave] as const;

export type BackendName = (typeof BACKENDS)[number]["name"];

export const BACKEND_NAMES: readonly BackendName[] = BACKENDS.map((b) => b.name);

/** What `profile add` and `gw sandbox` pick without --backend: the first one listed. */
export const DEFAULT_BACKEND: BackendName = BACKENDS[0].name;

const byName = new Map<string, BackendInfo<BackendName>>(BACKENDS.map((b) => [b.name, b]));

export function availableBackends(): BackendInfo<BackendName>[] {
  return [...BACKENDS];
}

export function isBackendName(name: string): name is BackendName {
  return byName.has(name);
}

export function backendInfo(name: string): BackendInfo<BackendName> {
  const info = byName.get(name);
  if (!info) throw new UsageError(`unknown backend "${name}" (known: ${BACKEND_NAMES.join(", ")})`);
  return info;
}

/** "LangWatch", "Bifrost", ... for help texts. */
export function backendLabels(): Record<BackendName, string> {
  return Object.fromEntries(BACKENDS.map((b) => [b.name, b.label])) as Record<BackendName, string>;
}
