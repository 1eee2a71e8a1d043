import type { Backend } from "../backends/backend.js";
import { isUnavailable, type ApplyContext, type Env, type ResourceKind } from "../config/resource-kind.js";
import { UsageError, type GwError } from "../errors.js";
import { DryRunStop } from "../http/dry-run.js";
import { mapLimit, type Progress } from "../io/progress.js";
import type { Plan, PlanItem } from "./plan.js";

export interface ItemResult {
  item: PlanItem;
  /** not-applied: never started, because gw was interrupted or an earlier phase could not finish. */
  status: "applied" | "failed" | "dry-run" | "not-applied";
  error?: GwError | Error;
  /** A created item's one-time secret (a new virtual key's), shown once. */
  secret?: string;
}

export interface ApplyOptions {
  concurrency: number;
  progress: Progress;
  dryRun: boolean;
  /** For what documents never hold (GW_WANDB_API_KEY). */
  env?: Env;
  /** Once true (the first Ctrl-C), no further item starts; running ones finish. */
  stopped?: () => boolean;
  /** Every result as soon as it is known, so an abort can still report what was done (and its secrets). */
  onResult?: (result: ItemResult) => void;
}

/**
 * Execute a plan, section by section: first the sections nothing in them depends on, then each section
 * whose items name another's (LangWatch keys' chains name bindings), after that section is read again to
 * resolve the names to ids. Every item is attempted and reported; a failure does not stop the others, and
 * nothing is retried here that the HTTP layer would not retry.
 */
export async function applyPlan(plan: Plan, backend: Backend, opts: ApplyOptions): Promise<ItemResult[]> {
  const kinds = await backend.info.configKinds();
  const kindOf = (item: PlanItem) => kinds.find((k) => k.noun === item.kind);
  const base = { env: opts.env ?? {}, dryRun: opts.dryRun };
  const stopped = opts.stopped ?? (() => false);
  const apply = async (items: PlanItem[], ctx: ApplyContext): Promise<ItemResult[]> => {
    const done = await mapLimit(items, opts.concurrency, (item) => run(item, () => applyItem(backend, kindOf(item), item, ctx), opts), stopped);
    return done.map((r, i) => r ?? notApplied(items[i]!));
  };

  // Independent sections do not refer to each other: one phase, bounded concurrency.
  const first = plan.items.filter((i) => !kindOf(i)?.dependsOn);
  const results = await apply(first, { ...base, dependency: new Map() });
  for (const kind of kinds) {
    const items = plan.items.filter((i) => i.kind === kind.noun);
    if (!kind.dependsOn || !items.length) continue;
    if (stopped()) {
      results.push(...items.map((item) => notApplied(item)));
      continue;
    }
    let dependency: Map<string, string>;
    try {
      dependency = await readIds(backend, kinds.find((k) => k.section === kind.dependsOn));
    } catch (err) {
      // The re-read failed: this phase cannot start, and the summary says so for each of its items.
      const why = err instanceof Error ? err : new Error(String(err));
      results.push(...items.map((item) => notApplied(item, new Error(`re-reading ${kind.dependsOn} failed: ${why.message}`))));
      continue;
    }
    results.push(...(await apply(items, { ...base, dependency })));
  }
  return results;
}

function notApplied(item: PlanItem, error?: Error): ItemResult {
  return { item, status: "not-applied", ...(error ? { error } : {}) };
}

async function run(item: PlanItem, act: () => Promise<string | undefined>, opts: ApplyOptions): Promise<ItemResult> {
  let result: ItemResult;
  try {
    const secret = await act();
    result = { item, status: "applied", ...(secret ? { secret } : {}) };
  } catch (err) {
    result = err instanceof DryRunStop ? { item, status: "dry-run" } : { item, status: "failed", error: err instanceof Error ? err : new Error(String(err)) };
  }
  opts.progress.tick(`${item.action} ${item.kind} ${item.key}`);
  opts.onResult?.(result);
  return result;
}

/** One item, by its kind; returns a created item's one-time secret. */
async function applyItem(backend: Backend, kind: ResourceKind | undefined, item: PlanItem, ctx: ApplyContext): Promise<string | undefined> {
  if (!kind) throw new UsageError(`the ${backend.info.name} backend has no ${item.kind}s`);
  switch (item.action) {
    case "create": {
      const created = await kind.create(backend, item.spec, ctx, item.needs ?? {});
      return created ? created.secret : undefined;
    }
    case "update":
      await kind.update(backend, item.id, item.changed, item.current, ctx);
      return undefined;
    case "delete":
      if (!("delete" in kind.prune)) throw new UsageError(`${item.kind} ${item.key}: gw cannot delete ${kind.section} of this backend`);
      await kind.prune.delete(backend, item.id);
      return undefined;
    default: {
      const action = item.action;
      const change = [...(kind.status?.changes ?? []), ...("delete" in kind.prune ? [] : [kind.prune])].find((c) => c.action === action);
      if (!change) throw new UsageError(`${item.kind} ${item.key}: gw cannot ${action} ${kind.section} of this backend`);
      await change.run(backend, item.id);
      return undefined;
    }
  }
}

/** Key -> id of a section, read after its phase (none where the control plane does not offer it). */
async function readIds(backend: Backend, kind: ResourceKind | undefined): Promise<Map<string, string>> {
  const read = kind ? await kind.read(backend) : [];
  return new Map(isUnavailable(read) ? [] : read.map((r) => [r.key, r.id]));
}
