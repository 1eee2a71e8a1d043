import type { ConfigDocument } from "../config/document.js";
import {
  isGone,
  isUnavailable,
  keyOf,
  sameValue,
  type CreateCheck,
  type Env,
  type ResourceKind,
  type ResourceNoun,
  type ResourceSection,
  type ResourceSpec,
  type ResourceState,
  type SectionRead,
  type StatusAction,
} from "../config/resource-kind.js";

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

export type PlanItem =
  | { kind: ResourceNoun; action: "create"; key: string; spec: ResourceSpec; needs?: Readonly<Record<string, string>> }
  | { kind: ResourceNoun; action: "update"; key: string; id: string; changes: Change[]; changed: ResourceSpec; current: ResourceSpec }
  | { kind: ResourceNoun; action: "delete" | StatusAction; key: string; id: string };

export interface Plan {
  items: PlanItem[];
  /** Differences gw cannot make (e.g. re-enabling a LangWatch binding); applying is refused while any exist. */
  impossible: string[];
}

/** One section of the control plane, as read for planning. */
export interface SectionActual {
  read: SectionRead;
  /** Whether a new item can be created (kinds with a `creation` read). */
  creation?: CreateCheck;
}

/** What the control plane holds now, section by section (src/commands/config/state.ts reads it). */
export type Actual = Partial<Record<ResourceSection, SectionActual>>;

/**
 * Desired (the document) against actual (the control plane) -> the changes, field by field. Only what the
 * document names is touched; with `prune`, what it leaves out is removed. Recomputed on every run, so a
 * second apply of the same document finds nothing to do, and a re-run after a failure finishes the job.
 */
export function computePlan(doc: ConfigDocument, actual: Actual, prune: boolean, env: Env = {}, kinds: readonly ResourceKind[] = []): Plan {
  const plan: Plan = { items: [], impossible: [] };
  for (const kind of kinds) {
    const specs = doc[kind.section];
    if (!specs) continue; // a section the document leaves out is not managed
    const section = actual[kind.section];
    const read = section?.read ?? [];
    if (isUnavailable(read)) plan.impossible.push(read.unavailable);
    else planSection(kind, specs, read, section?.creation, prune, env, plan);
  }
  return plan;
}

/** One section: create what is missing, change what differs (fields, then status), prune the rest. */
function planSection(
  kind: ResourceKind,
  specs: ResourceSpec[],
  current: ResourceState[],
  creation: CreateCheck | undefined,
  prune: boolean,
  env: Env,
  plan: Plan,
): void {
  const live = current.filter((r) => !isGone(kind, r));
  const byKey = new Map<string, ResourceState[]>();
  for (const r of live) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const gone = kind.status?.gone;
  for (const spec of specs) {
    const key = keyOf(kind, spec);
    const matches = byKey.get(key) ?? [];
    if (matches.length > 1) {
      plan.impossible.push(`${kind.noun} ${key}: ${matches.length} ${kind.section} have this ${kind.keyFields.join("/")}; gw cannot tell which one the document means`);
      continue;
    }
    const existing = matches[0];
    const wantsGone = gone !== undefined && kind.status !== undefined && spec[kind.status.field] === gone.status;
    if (!existing) {
      if (wantsGone) continue; // nothing to remove: the item does not exist (or is gone already)
      if (gone && current.some((r) => r.key === key && isGone(kind, r))) plan.impossible.push(gone.taken(key));
      else planCreate(kind, key, spec, creation, env, plan);
      continue;
    }
    if (wantsGone) {
      planStatus(kind, key, existing, gone.status, plan);
      continue;
    }
    planUpdate(kind, key, spec, existing, env, plan);
    if (kind.status && spec[kind.status.field] !== undefined) planStatus(kind, key, existing, spec[kind.status.field], plan);
  }
  if (prune) {
    const wanted = new Set(specs.map((s) => keyOf(kind, s)));
    for (const r of live) {
      if (wanted.has(r.key)) continue;
      if ("delete" in kind.prune) plan.items.push({ kind: kind.noun, action: "delete", key: r.key, id: r.id });
      else if (!kind.status || r.spec[kind.status.field] !== kind.prune.to) plan.items.push({ kind: kind.noun, action: kind.prune.action, key: r.key, id: r.id });
    }
  }
}

function planCreate(kind: ResourceKind, key: string, spec: ResourceSpec, creation: CreateCheck | undefined, env: Env, plan: Plan): void {
  const check = creation?.(spec);
  if (check && "cannot" in check) {
    plan.impossible.push(`${kind.noun} ${key}: ${check.cannot}`);
    return;
  }
  const why = kind.cannotCreate?.(spec, env);
  if (why) plan.impossible.push(`${kind.noun} ${key}: ${why}`);
  else plan.items.push({ kind: kind.noun, action: "create", key, spec, ...(check ? { needs: check.needs } : {}) });
}

/** The fields the document names that differ; fixed fields and changes the control plane cannot make are refused. */
function planUpdate(kind: ResourceKind, key: string, spec: ResourceSpec, existing: ResourceState, env: Env, plan: Plan): void {
  const changes: Change[] = [];
  const changed: ResourceSpec = {};
  for (const field of kind.immutable ?? []) {
    if (field in spec && !sameValue(existing.spec[field], spec[field], false)) {
      plan.impossible.push(`${kind.noun} ${key}: ${field} is fixed at creation (it is ${String(existing.spec[field] ?? "none")}); delete and re-create it`);
    }
  }
  const recorded = (field: string, value: unknown) => (kind.planValue ? kind.planValue(field, value ?? null) : (value ?? null));
  for (const field of kind.fields) {
    if (!(field in spec)) continue; // not named in the document: not managed
    const same = kind.same?.(field, existing.spec[field], spec[field]) ?? sameValue(existing.spec[field], spec[field], kind.unordered?.includes(field) ?? false);
    if (same) continue;
    const why = kind.cannotChange?.(field, spec[field], env);
    if (why) {
      plan.impossible.push(`${kind.noun} ${key}: ${why}`);
      continue;
    }
    changes.push({ field, from: recorded(field, existing.spec[field]), to: recorded(field, spec[field]) });
    changed[field] = spec[field];
  }
  if (changes.length) plan.items.push({ kind: kind.noun, action: "update", key, id: existing.id, changes, changed, current: existing.spec });
}

/** A status change is an action of its own, after the item's field changes. */
function planStatus(kind: ResourceKind, key: string, existing: ResourceState, to: unknown, plan: Plan): void {
  const status = kind.status;
  if (!status) return;
  const from = existing.spec[status.field];
  if (from === to) return;
  const change = status.changes.find((c) => c.to === to);
  if (change) plan.items.push({ kind: kind.noun, action: change.action, key, id: existing.id });
  else plan.impossible.push(status.cannot(key, from, to));
}
