import type { BackendName } from "../backends/registry.js";
import { documentFields, isGone, isUnavailable, type ResourceKind, type ResourceSection, type ResourceSpec, type SectionRead } from "./resource-kind.js";

/**
 * The declarative document of `gw export` / `gw diff` / `gw apply`. It is portable between projects: items
 * are named by what the control plane itself keeps unique (LangWatch bindings `provider/slot`, research
 * §2.1; keys and providers by name), and references between items (a key's chain) use those names, never
 * server ids. No secret is ever written.
 */
export const DOCUMENT_VERSION = 1;

/** A section that is absent is not managed by the document. The sections a backend has are its config kinds. */
export type ConfigDocument = { version: number; backend: BackendName } & Partial<Record<ResourceSection, ResourceSpec[]>>;

/**
 * What the control plane holds now, as a document: each section the control plane offers, its items' fields
 * in export order (items that are gone, such as revoked keys, are history, not configuration).
 */
export function documentOf(backend: BackendName, kinds: readonly ResourceKind[], read: (kind: ResourceKind) => SectionRead | undefined): ConfigDocument {
  const doc: ConfigDocument = { version: DOCUMENT_VERSION, backend };
  for (const kind of kinds) {
    const items = read(kind) ?? [];
    if (isUnavailable(items)) continue;
    const fields = documentFields(kind);
    doc[kind.section] = items
      .filter((item) => !isGone(kind, item))
      .map(({ spec }) => Object.fromEntries(fields.filter((f) => spec[f] !== undefined).map((f) => [f, spec[f]])));
  }
  return doc;
}
