import { bindingKey, type BindingSpec, type ConfigDocument, type VirtualKeySpec } from "../config/document.js";
import { sameValue, type ResourceKind, type ResourceNoun, type ResourceSection, type ResourceSpec, type ResourceState } from "../config/resource-kind.js";
import type { Binding, BindingPatch } from "../domain/binding.js";
import type { ModelProvider, VirtualKey, VirtualKeyPatch } from "../domain/virtual-key.js";

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

export type PlanItem =
  | { kind: "binding"; action: "create"; key: string; spec: BindingSpec; providerId: string }
  | { kind: "binding"; action: "update"; key: string; id: string; changes: Change[]; patch: BindingPatch }
  | { kind: "binding"; action: "disable" | "delete"; key: string; id: string }
  | { kind: "virtual-key"; action: "create"; key: string; spec: VirtualKeySpec }
  | { kind: "virtual-key"; action: "update"; key: string; id: string; changes: Change[]; patch: Omit<VirtualKeyPatch, "chain">; chain?: string[] }
  | { kind: "virtual-key"; action: "revoke" | "disable" | "enable"; key: string; id: string }
  | { kind: ResourceNoun; action: "create"; key: string; spec: ResourceSpec }
  | { kind: ResourceNoun; action: "update"; key: string; id: string; changes: Change[]; changed: ResourceSpec; current: ResourceSpec }
  | { kind: ResourceNoun; action: "delete"; key: string; id: string };

export interface Plan {
  items: PlanItem[];
  /** Differences gw cannot make (e.g. re-enabling a LangWatch binding); applying is refused while any exist. */
  impossible: string[];
}

export interface Actual {
  bindings: Binding[] | null;
  keys: VirtualKey[];
  modelProviders: ModelProvider[];
  /** How the backend removes a binding that --prune drops. */
  removeBinding: "disable" | "delete";
  canEnableBinding: boolean;
  /** Flat resource sections of backends other than LangWatch (src/config/kinds). */
  resources: Partial<Record<ResourceSection, ResourceState[]>>;
}

const LIMIT_FIELDS = ["rpm", "tpm", "rpd"] as const;

/**
 * Desired (the document) against actual (the control plane) -> the changes, field by field. Only what the
 * document names is touched; with `prune`, what it leaves out is removed. Recomputed on every run, so a
 * second apply of the same document finds nothing to do, and a re-run after a failure finishes the job.
 */
export function computePlan(
  doc: ConfigDocument,
  actual: Actual,
  prune: boolean,
  env: Record<string, string | undefined> = {},
  kinds: readonly ResourceKind[] = [],
): Plan {
  const items: PlanItem[] = [];
  const impossible: string[] = [];
  if (doc.bindings) planBindings(doc.bindings, actual, prune, items, impossible);
  if (doc.virtualKeys) planKeys(doc.virtualKeys, actual, prune, items, impossible);
  for (const kind of kinds) {
    const specs = doc[kind.section];
    if (specs) planResources(kind, specs, actual.resources[kind.section] ?? [], prune, env, items, impossible);
  }
  return { items, impossible };
}

/** A flat section: create what is missing, change the fields the document names that differ, prune the rest. */
function planResources(
  kind: ResourceKind,
  specs: ResourceSpec[],
  current: ResourceState[],
  prune: boolean,
  env: Record<string, string | undefined>,
  items: PlanItem[],
  impossible: string[],
): void {
  const byKey = new Map<string, ResourceState[]>();
  for (const r of current) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  for (const spec of specs) {
    const key = String(spec[kind.keyField]);
    const matches = byKey.get(key) ?? [];
    if (matches.length > 1) {
      impossible.push(`${kind.noun} ${key}: ${matches.length} ${kind.section} have this ${kind.keyField}; gw cannot tell which one the document means`);
      continue;
    }
    const existing = matches[0];
    if (!existing) {
      const why = kind.cannotCreate?.(spec, env);
      if (why) impossible.push(`${kind.noun} ${key}: ${why}`);
      else items.push({ kind: kind.noun, action: "create", key, spec });
      continue;
    }
    const changes: Change[] = [];
    const changed: ResourceSpec = {};
    for (const field of kind.immutable ?? []) {
      if (field in spec && !sameValue(existing.spec[field], spec[field], false)) {
        impossible.push(`${kind.noun} ${key}: ${field} is fixed at creation (it is ${String(existing.spec[field] ?? "none")}); delete and re-create it`);
      }
    }
    for (const field of kind.fields) {
      if (!(field in spec)) continue; // not named in the document: not managed
      const same = kind.same?.(field, existing.spec[field], spec[field]) ?? sameValue(existing.spec[field], spec[field], kind.unordered?.includes(field) ?? false);
      if (same) continue;
      const why = kind.cannotChange?.(field, spec[field], env);
      if (why) {
        impossible.push(`${kind.noun} ${key}: ${why}`);
        continue;
      }
      changes.push({ field, from: existing.spec[field] ?? null, to: spec[field] ?? null });
      changed[field] = spec[field];
    }
    if (changes.length) items.push({ kind: kind.noun, action: "update", key, id: existing.id, changes, changed, current: existing.spec });
  }
  if (prune) {
    const wanted = new Set(specs.map((s) => String(s[kind.keyField])));
    for (const r of current) if (!wanted.has(r.key)) items.push({ kind: kind.noun, action: "delete", key: r.key, id: r.id });
  }
}

function planBindings(specs: BindingSpec[], actual: Actual, prune: boolean, items: PlanItem[], impossible: string[]): void {
  if (!actual.bindings) {
    impossible.push("this control plane has no provider-binding API; remove `bindings` from the document");
    return;
  }
  const existing = new Map(actual.bindings.map((b) => [bindingKey(b), b]));
  for (const spec of specs) {
    const key = bindingKey(spec);
    const current = existing.get(key);
    if (!current) {
      const provider = actual.modelProviders.find((p) => p.provider === spec.provider && p.stored);
      if (!provider?.id) impossible.push(`binding ${key}: no model provider "${spec.provider}" is stored in this project`);
      else if (!provider.enabled) impossible.push(`binding ${key}: model provider "${spec.provider}" is disabled`);
      else if (spec.status === "disabled") impossible.push(`binding ${key}: cannot create a binding as disabled; create it, then disable it`);
      else items.push({ kind: "binding", action: "create", key, spec, providerId: provider.id });
      continue;
    }
    const changes: Change[] = [];
    const patch: BindingPatch = {};
    for (const field of LIMIT_FIELDS) {
      if (current[field] !== spec[field]) {
        changes.push({ field, from: current[field], to: spec[field] });
        patch[field] = spec[field];
      }
    }
    if (current.fallbackPriority !== spec.fallbackPriority) {
      changes.push({ field: "fallbackPriority", from: current.fallbackPriority, to: spec.fallbackPriority });
      patch.fallbackPriority = spec.fallbackPriority;
    }
    if (changes.length) items.push({ kind: "binding", action: "update", key, id: current.id, changes, patch });
    if (current.status === "active" && spec.status === "disabled") items.push({ kind: "binding", action: "disable", key, id: current.id });
    if (current.status === "disabled" && spec.status === "active" && !actual.canEnableBinding) {
      impossible.push(`binding ${key} is disabled and this backend cannot re-enable it; set status: disabled, or bind another slot`);
    }
  }
  if (prune) {
    const wanted = new Set(specs.map(bindingKey));
    for (const b of actual.bindings) {
      if (wanted.has(bindingKey(b))) continue;
      if (actual.removeBinding === "disable" && b.status === "disabled") continue;
      items.push({ kind: "binding", action: actual.removeBinding, key: bindingKey(b), id: b.id });
    }
  }
}

function planKeys(specs: VirtualKeySpec[], actual: Actual, prune: boolean, items: PlanItem[], impossible: string[]): void {
  const live = actual.keys.filter((k) => k.status !== "revoked");
  const byName = new Map(live.map((k) => [k.name, k]));
  const bindingName = new Map((actual.bindings ?? []).map((b) => [b.id, bindingKey(b)]));
  for (const spec of specs) {
    const current = byName.get(spec.name);
    if (!current) {
      if (spec.status === "revoked") continue; // nothing to revoke: the key does not exist (or is revoked already)
      if (actual.keys.some((k) => k.name === spec.name)) impossible.push(`virtual key ${spec.name} is revoked; give the new key another name`);
      else items.push({ kind: "virtual-key", action: "create", key: spec.name, spec });
      continue;
    }
    if (spec.status === "revoked") {
      items.push({ kind: "virtual-key", action: "revoke", key: spec.name, id: current.id });
      continue;
    }
    const changes: Change[] = [];
    const patch: Omit<VirtualKeyPatch, "chain"> = {};
    let chain: string[] | undefined;
    if (spec.description !== null && spec.description !== current.description) {
      changes.push({ field: "description", from: current.description, to: spec.description });
      patch.description = spec.description;
    }
    const currentChain = current.chain?.map((id) => bindingName.get(id) ?? id) ?? null;
    if (spec.chain && JSON.stringify(spec.chain) !== JSON.stringify(currentChain)) {
      changes.push({ field: "chain", from: currentChain ? `[${currentChain.join(", ")}]` : null, to: `[${spec.chain.join(", ")}]` });
      chain = spec.chain;
    }
    if (LIMIT_FIELDS.some((f) => current[f] !== spec[f])) {
      for (const f of LIMIT_FIELDS) if (current[f] !== spec[f]) changes.push({ field: f, from: current[f], to: spec[f] });
      patch.limits = { rpm: spec.rpm, tpm: spec.tpm, rpd: spec.rpd };
    }
    if (changes.length) items.push({ kind: "virtual-key", action: "update", key: spec.name, id: current.id, changes, patch, ...(chain ? { chain } : {}) });
    if (current.status === "active" && spec.status === "disabled") items.push({ kind: "virtual-key", action: "disable", key: spec.name, id: current.id });
    if (current.status === "disabled" && spec.status === "active") items.push({ kind: "virtual-key", action: "enable", key: spec.name, id: current.id });
  }
  if (prune) {
    const wanted = new Set(specs.map((s) => s.name));
    for (const k of live) if (!wanted.has(k.name)) items.push({ kind: "virtual-key", action: "revoke", key: k.name, id: k.id });
  }
}
