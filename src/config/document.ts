import type { Binding } from "../domain/binding.js";
import type { VirtualKey } from "../domain/virtual-key.js";
import type { BackendName } from "../profiles/types.js";
import type { ResourceSection, ResourceSpec } from "./resource-kind.js";

/**
 * The declarative document of `gw export` / `gw diff` / `gw apply`. It is portable between projects:
 * bindings are named `provider/slot` (the server's own unique key, research §2.1), keys by name, and
 * chains refer to bindings by that name, never by server ids. No secret is ever written.
 */
export const DOCUMENT_VERSION = 1;

export interface BindingSpec {
  provider: string;
  slot: string;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  fallbackPriority: number | null;
  status: "active" | "disabled";
}

export interface VirtualKeySpec {
  name: string;
  description: string | null;
  /** Bindings as `provider/slot`, primary first; null where the control plane has no explicit chain. */
  chain: string[] | null;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  status: "active" | "disabled" | "revoked";
}

export interface ConfigDocument {
  version: number;
  backend: BackendName;
  /** Absent: bindings are not managed by this document. */
  bindings?: BindingSpec[];
  virtualKeys?: VirtualKeySpec[];
  /** ngrok and Bifrost providers (src/config/kinds). */
  providers?: ResourceSpec[];
  /** CoreWeave inference gateways. */
  gateways?: ResourceSpec[];
}

export function bindingKey(b: { provider: string; slot: string | null }): string {
  return `${b.provider}/${b.slot ?? "primary"}`;
}

export function bindingSpec(b: Binding): BindingSpec {
  return {
    provider: b.provider,
    slot: b.slot ?? "primary",
    rpm: b.rpm,
    tpm: b.tpm,
    rpd: b.rpd,
    fallbackPriority: b.fallbackPriority,
    status: b.status,
  };
}

export function virtualKeySpec(k: VirtualKey, bindingsById: ReadonlyMap<string, Binding>): VirtualKeySpec {
  return {
    name: k.name,
    description: k.description,
    // A chain hop that is not a known binding keeps its id, so nothing is silently dropped.
    chain: k.chain ? k.chain.map((id) => (bindingsById.has(id) ? bindingKey(bindingsById.get(id)!) : id)) : null,
    rpm: k.rpm,
    tpm: k.tpm,
    rpd: k.rpd,
    status: k.status,
  };
}

/** What the control plane holds now, as a document (revoked keys are history, not configuration). */
export function documentOf(backend: BackendName, bindings: Binding[] | null, keys: VirtualKey[]): ConfigDocument {
  const byId = new Map((bindings ?? []).map((b) => [b.id, b]));
  return {
    version: DOCUMENT_VERSION,
    backend,
    ...(bindings ? { bindings: bindings.map(bindingSpec) } : {}),
    virtualKeys: keys.filter((k) => k.status !== "revoked").map((k) => virtualKeySpec(k, byId)),
  };
}

/** A flat document (ngrok, Bifrost, CoreWeave): each section's items, key field first, fields in order. */
export function resourceDocument(
  backend: BackendName,
  sections: { section: ResourceSection; fields: readonly string[]; specs: ResourceSpec[] }[],
): ConfigDocument {
  const doc: ConfigDocument = { version: DOCUMENT_VERSION, backend };
  for (const { section, fields, specs } of sections) {
    doc[section] = specs.map((spec) => Object.fromEntries(fields.filter((f) => spec[f] !== undefined).map((f) => [f, spec[f]])));
  }
  return doc;
}
