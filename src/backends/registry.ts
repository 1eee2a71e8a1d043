import { UsageError } from "../errors.js";
import { BACKEND_NAMES, type BackendName } from "../profiles/types.js";
import type { AdapterModule, BackendInfo } from "./backend.js";
import { langwatchInfo } from "./langwatch/info.js";

// Capability tables are small and static; the adapters (wire mapping) load only when used.
const infos: Partial<Record<BackendName, BackendInfo>> = { langwatch: langwatchInfo };

const loaders: Partial<Record<BackendName, () => Promise<AdapterModule>>> = {
  langwatch: () => import("./langwatch/index.js"),
};

export function availableBackends(): BackendInfo[] {
  return BACKEND_NAMES.flatMap((name) => infos[name] ?? []);
}

export function backendInfo(name: BackendName): BackendInfo {
  const info = infos[name];
  if (!info) throw notAvailable(name);
  return info;
}

export async function loadAdapter(name: BackendName): Promise<AdapterModule> {
  const load = loaders[name];
  if (!load) throw notAvailable(name);
  return load();
}

function notAvailable(name: string): UsageError {
  const known = Object.keys(infos).join(", ");
  return new UsageError(`backend "${name}" is not available in this version of gw (available: ${known})`);
}
