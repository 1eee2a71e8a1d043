import type { BackendName } from "../backends/registry.js";
import { availableBackends } from "../backends/registry.js";
import type { ResourceKind } from "./resource-kind.js";

export type KindsByBackend = Record<BackendName, readonly ResourceKind[]>;

/** Every backend's document sections (each backend's config module, loaded by export/diff/apply only). */
export async function loadKinds(): Promise<KindsByBackend> {
  const entries = await Promise.all(availableBackends().map(async (b) => [b.name, await b.configKinds()] as const));
  return Object.fromEntries(entries) as KindsByBackend;
}
