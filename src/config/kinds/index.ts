import type { BackendName } from "../../profiles/types.js";
import type { ResourceKind } from "../resource-kind.js";
import { bifrostProviders } from "./bifrost.js";
import { coreweaveGateways } from "./coreweave.js";
import { ngrokProviders } from "./ngrok.js";

/**
 * The resource sections a document may hold for each backend. LangWatch documents have their own sections
 * (bindings, virtualKeys) with chains between them, planned by src/plan/plan.ts; the others are flat.
 */
const KINDS: Record<BackendName, readonly ResourceKind[]> = {
  langwatch: [],
  ngrok: [ngrokProviders],
  bifrost: [bifrostProviders],
  coreweave: [coreweaveGateways],
};

export function resourceKinds(backend: BackendName): readonly ResourceKind[] {
  return KINDS[backend];
}
