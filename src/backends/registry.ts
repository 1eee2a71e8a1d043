import { UsageError } from "../errors.js";
import { BACKEND_NAMES, type BackendName } from "../profiles/types.js";
import type { AdapterModule, BackendInfo } from "./backend.js";
import { bifrostInfo } from "./bifrost/info.js";
import { coreweaveInfo } from "./coreweave/info.js";
import { langwatchInfo } from "./langwatch/info.js";
import { ngrokInfo } from "./ngrok/info.js";

// Capability tables are small and static; the adapters (wire mapping) load only when used.
const infos: Record<BackendName, BackendInfo> = {
  langwatch: langwatchInfo,
  bifrost: bifrostInfo,
  ngrok: ngrokInfo,
  coreweave: coreweaveInfo,
};

const loaders: Record<BackendName, () => Promise<AdapterModule>> = {
  langwatch: () => import("./langwatch/index.js"),
  bifrost: () => import("./bifrost/index.js"),
  ngrok: () => import("./ngrok/index.js"),
  coreweave: () => import("./coreweave/index.js"),
};

export function availableBackends(): BackendInfo[] {
  return BACKEND_NAMES.map((name) => infos[name]);
}

export function backendInfo(name: BackendName): BackendInfo {
  const info = infos[name];
  if (!info) throw unknownBackend(name);
  return info;
}

export async function loadAdapter(name: BackendName): Promise<AdapterModule> {
  const load = loaders[name];
  if (!load) throw unknownBackend(name);
  return load();
}

function unknownBackend(name: string): UsageError {
  return new UsageError(`unknown backend "${name}" (known: ${BACKEND_NAMES.join(", ")})`);
}
