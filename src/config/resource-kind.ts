import type { YAMLMap } from "yaml";
import type { Backend } from "../backends/backend.js";
import type { Validator } from "./validator.js";

type Env = Record<string, string | undefined>;

/** The plan's name for one item of a resource section: `+ create provider my-ollama`. */
export type ResourceNoun = "provider" | "gateway";
export type ResourceSection = "providers" | "gateways";

/**
 * A resource as the document writes it: the key field plus managed fields. In the document a field left
 * out of an item is not managed (gw keeps what the control plane has); `null` clears where that means something.
 */
export type ResourceSpec = Record<string, unknown>;

/** One resource on the control plane, as the planner needs it. */
export interface ResourceState {
  key: string;
  id: string;
  spec: ResourceSpec;
}

/**
 * How the document of a backend other than LangWatch names, reads, compares, creates, changes and removes
 * one kind of resource (ngrok and Bifrost providers, CoreWeave gateways). The planner and the applier are
 * generic over this; each backend's kind lives in src/config/kinds/<backend>.ts.
 */
export interface ResourceKind {
  section: ResourceSection;
  noun: ResourceNoun;
  /** The field that names an item, unique in the document and on the control plane. */
  keyField: string;
  /** Managed fields, in the order export writes them (after the key). */
  fields: readonly string[];
  /** Fields whose list order carries no meaning (compared as sets). */
  unordered?: readonly string[];
  /** Equality for a field where the generic one is wrong (a nested block with server defaults). */
  same?(field: string, current: unknown, desired: unknown): boolean | undefined;
  /** Fields set when an item is created and fixed afterwards (Bifrost's baseProvider): a change is refused. */
  immutable?: readonly string[];
  /** Read one item of the section, reporting problems at their YAML position. */
  parse(v: Validator, item: YAMLMap, path: string): ResourceSpec;
  read(backend: Backend): Promise<ResourceState[]>;
  /** `env` carries what a document never holds (GW_WANDB_API_KEY). */
  create(backend: Backend, spec: ResourceSpec, env: Env): Promise<void>;
  /** `changed` holds only the fields that differ, with their desired values. */
  update(backend: Backend, id: string, changed: ResourceSpec, current: ResourceSpec, env: Env): Promise<void>;
  remove(backend: Backend, id: string): Promise<void>;
  /** What a create cannot do from the document alone (e.g. a secret it would need): a reason, or undefined. */
  cannotCreate?(spec: ResourceSpec, env: Env): string | undefined;
  /** A change of one field the control plane cannot make: a reason, or undefined. */
  cannotChange?(field: string, desired: unknown, env: Env): string | undefined;
}

/** Every field a document item may carry, in the order export writes them. */
export function documentFields(kind: ResourceKind): string[] {
  return [kind.keyField, ...(kind.immutable ?? []), ...kind.fields];
}

/** Whether two field values are the same for the plan (`unordered` lists compare as sets). */
export function sameValue(a: unknown, b: unknown, unordered: boolean): boolean {
  if (Array.isArray(a) && Array.isArray(b) && unordered) {
    return JSON.stringify([...a].map(String).sort()) === JSON.stringify([...b].map(String).sort());
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
