import type { YAMLMap } from "yaml";
import type { Backend } from "../backends/backend.js";
import type { Validator } from "./validator.js";

export type Env = Record<string, string | undefined>;

/** The plan's name for one item of a resource section: `+ create provider my-ollama`. */
export type ResourceNoun = "binding" | "virtual-key" | "provider" | "gateway" | "configuration" | "access-key" | "routing-rule";
export type ResourceSection = "bindings" | "virtualKeys" | "providers" | "gateways" | "configurations" | "accessKeys" | "routingRules";

/**
 * A resource as the document writes it: the key fields plus managed fields. In the document a field left
 * out of an item is not managed (gw keeps what the control plane has); `null` clears where that means something.
 */
export type ResourceSpec = Record<string, unknown>;

/** One resource on the control plane, as the planner needs it. */
export interface ResourceState {
  key: string;
  id: string;
  spec: ResourceSpec;
}

/** A section the control plane does not offer (LangWatch v3.4+ bindings answer 410): the plan's line for a document that has it. */
export interface Unavailable {
  unavailable: string;
}

/** A section as read: its items, or why the control plane has none. */
export type SectionRead = ResourceState[] | Unavailable;

/**
 * Whether an item the document adds can be created, judged by what was read with the section (LangWatch: a
 * stored, enabled model provider): a reason it cannot, or what its creation needs beyond the document.
 */
export type CreateCheck = (spec: ResourceSpec) => { cannot: string } | { needs: Readonly<Record<string, string>> };

/** A plan action that moves an item to another status. */
export type StatusAction = "disable" | "enable" | "revoke";

export interface StatusChange {
  action: StatusAction;
  /** The status the item has afterwards. */
  to: string;
  run(backend: Backend, id: string): Promise<void>;
}

/** A kind whose items have a status the document sets (LangWatch bindings and keys). */
export interface StatusRules {
  field: string;
  /** The status changes gw can make, each a plan action of its own after the item's field changes. */
  changes: readonly StatusChange[];
  /** The plan's line for a status no change leads to (a LangWatch binding cannot be re-enabled). */
  cannot(key: string, from: unknown, to: unknown): string;
  /**
   * The status of an item that is gone but keeps its name (revoked keys): such items are neither exported
   * nor pruned; a document item with this status needs nothing when the item is gone already, and a new
   * item cannot take a gone item's name (`taken` is the plan's line).
   */
  gone?: { status: string; taken(key: string): string };
}

/** What applying an item may use besides the item. */
export interface ApplyContext {
  /** What a document never holds (GW_WANDB_API_KEY). */
  env: Env;
  dryRun: boolean;
  /** Key -> id of the section this kind depends on, read again after that section was applied. */
  dependency: ReadonlyMap<string, string>;
}

/** How the plan shows a kind's items where the default (for flat sections) does not fit. */
export interface KindDisplay {
  /** One field value in a `field: old -> new` line. */
  value(value: unknown): string;
  /** What follows `+ create <noun> <key>`. */
  summary(spec: ResourceSpec): string;
}

/**
 * How a document names, reads, compares, creates, changes and removes one kind of resource (LangWatch
 * bindings and virtual keys, ngrok and Bifrost providers, CoreWeave gateways). The parser, planner and
 * applier are generic over this; each backend's kinds live in src/backends/<backend>/config*.ts.
 */
export interface ResourceKind {
  section: ResourceSection;
  noun: ResourceNoun;
  /** How messages name an item where not as the noun ("virtual key"). */
  label?: string;
  /** The fields that name an item (joined by "/"), unique in the document and on the control plane. */
  keyFields: readonly string[];
  /** Managed fields, in the order export writes them (after the key and the immutable fields). */
  fields: readonly string[];
  /** Fields whose list order carries no meaning (compared as sets). */
  unordered?: readonly string[];
  /** Equality for a field where the generic one is wrong (a nested block with server defaults, an unmanaged null). */
  same?(field: string, current: unknown, desired: unknown): boolean | undefined;
  /** How a changed field's old and new values are recorded in the plan, where not as they are. */
  planValue?(field: string, value: unknown): unknown;
  /** Fields set when an item is created and fixed afterwards (Bifrost's baseProvider): a change is refused. */
  immutable?: readonly string[];
  /** A status field, set by actions of its own rather than by update (written last by export). */
  status?: StatusRules;
  /** What --prune does with an item the document leaves out: delete it, or change its status (one of `status.changes`). */
  prune: { delete(backend: Backend, id: string): Promise<void> } | StatusChange;
  /** The section whose items this kind's items name (LangWatch keys' chains name bindings): applied first. */
  dependsOn?: ResourceSection;
  display?: KindDisplay;
  /** Read one item of the section, reporting problems at their YAML position. */
  parse(v: Validator, item: YAMLMap, path: string): ResourceSpec;
  /** `dependency`: what the section named by `dependsOn` read. */
  read(backend: Backend, dependency?: SectionRead): Promise<SectionRead>;
  /** Read what creating items needs (planning only, once the section was read and is available). */
  creation?(backend: Backend): Promise<CreateCheck>;
  /** `needs`: what the section's CreateCheck found. A one-time secret of the new item is returned, to show once. */
  create(backend: Backend, spec: ResourceSpec, ctx: ApplyContext, needs: Readonly<Record<string, string>>): Promise<{ secret: string } | void>;
  /** `changed` holds only the fields that differ, with their desired values. */
  update(backend: Backend, id: string, changed: ResourceSpec, current: ResourceSpec, ctx: ApplyContext): Promise<void>;
  /** What a create cannot do from the document alone (e.g. a secret it would need): a reason, or undefined. */
  cannotCreate?(spec: ResourceSpec, env: Env): string | undefined;
  /** A change of one field the control plane cannot make: a reason, or undefined. */
  cannotChange?(field: string, desired: unknown, env: Env): string | undefined;
}

/** The name of an item: its key fields joined by "/" (LangWatch bindings: `provider/slot`). */
export function keyOf(kind: ResourceKind, spec: ResourceSpec): string {
  return kind.keyFields.map((f) => String(spec[f])).join("/");
}

/** Every field a document item may carry, in the order export writes them. */
export function documentFields(kind: ResourceKind): string[] {
  return [...kind.keyFields, ...(kind.immutable ?? []), ...kind.fields, ...(kind.status ? [kind.status.field] : [])];
}

export function isUnavailable(read: SectionRead | undefined): read is Unavailable {
  return read !== undefined && !Array.isArray(read);
}

/** Whether an item is gone but keeps its name (a revoked key). */
export function isGone(kind: ResourceKind, item: ResourceState): boolean {
  const status = kind.status;
  return status?.gone !== undefined && item.spec[status.field] === status.gone.status;
}

/** Whether two field values are the same for the plan (`unordered` lists compare as sets). */
export function sameValue(a: unknown, b: unknown, unordered: boolean): boolean {
  if (Array.isArray(a) && Array.isArray(b) && unordered) {
    return JSON.stringify([...a].map(String).sort()) === JSON.stringify([...b].map(String).sort());
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
