import type { Backend } from "../backends/backend.js";
import { bindingKey } from "../config/document.js";
import { requirePart } from "../backends/capabilities.js";
import type { BindInput } from "../domain/binding.js";
import { GwError } from "../errors.js";
import { DryRunStop } from "../http/dry-run.js";
import { mapLimit, type Progress } from "../io/progress.js";
import type { Plan, PlanItem } from "./plan.js";

export interface ItemResult {
  item: PlanItem;
  status: "applied" | "failed" | "dry-run";
  error?: GwError | Error;
  /** A created virtual key's secret, shown once. */
  secret?: string;
}

export interface ApplyOptions {
  concurrency: number;
  progress: Progress;
  dryRun: boolean;
  /** For what documents never hold (GW_WANDB_API_KEY). */
  env?: Record<string, string | undefined>;
}

/**
 * Execute a plan: bindings first (keys' chains may name new ones), then the bindings are read again to
 * resolve `provider/slot` names to ids, then the keys. Every item is attempted and reported; a failure
 * does not stop the others, and nothing is retried here that the HTTP layer would not retry.
 */
export async function applyPlan(plan: Plan, backend: Backend, opts: ApplyOptions): Promise<ItemResult[]> {
  const bindingItems = plan.items.filter((i) => i.kind === "binding");
  const keyItems = plan.items.filter((i) => i.kind === "virtual-key");
  const resourceItems = plan.items.filter((i) => i.kind === "provider" || i.kind === "gateway");
  const results = await mapLimit(bindingItems, opts.concurrency, (item) => run(item, () => applyBindingItem(backend, item), opts));
  // Flat resources do not refer to each other: one phase, bounded concurrency.
  results.push(...(await mapLimit(resourceItems, opts.concurrency, (item) => run(item, () => applyResourceItem(backend, item, opts.env ?? {}), opts))));
  if (keyItems.length) {
    const ids = await bindingIds(backend);
    // A dry run names the bindings it would have created instead of their (unknown) ids.
    const lookup = (name: string) => ids.get(name) ?? (opts.dryRun && name.includes("/") ? `<id of ${name}>` : undefined);
    results.push(...(await mapLimit(keyItems, opts.concurrency, (item) => run(item, () => applyKeyItem(backend, item, lookup), opts))));
  }
  return results;
}

async function run(item: PlanItem, act: () => Promise<string | undefined>, opts: ApplyOptions): Promise<ItemResult> {
  try {
    const secret = await act();
    return { item, status: "applied", ...(secret ? { secret } : {}) };
  } catch (err) {
    if (err instanceof DryRunStop) return { item, status: "dry-run" };
    return { item, status: "failed", error: err instanceof Error ? err : new Error(String(err)) };
  } finally {
    opts.progress.tick(`${item.action} ${item.kind} ${item.key}`);
  }
}

async function applyBindingItem(backend: Backend, item: PlanItem): Promise<undefined> {
  if (item.kind !== "binding") return undefined;
  switch (item.action) {
    case "create": {
      const s = item.spec;
      const input: BindInput = { providerId: item.providerId, slot: s.slot };
      if (s.rpm !== null) input.rpm = s.rpm;
      if (s.tpm !== null) input.tpm = s.tpm;
      if (s.rpd !== null) input.rpd = s.rpd;
      if (s.fallbackPriority !== null) input.fallbackPriority = s.fallbackPriority;
      await requirePart(backend, "providers bind").writes.bind(input);
      return undefined;
    }
    case "update":
      await requirePart(backend, "providers update").writes.update(item.id, item.patch);
      return undefined;
    case "disable":
      await requirePart(backend, "providers disable").disableOnly(item.id);
      return undefined;
    case "delete":
      await requirePart(backend, "providers delete").remove(item.id);
      return undefined;
  }
}

async function applyKeyItem(backend: Backend, item: PlanItem, lookup: (name: string) => string | undefined): Promise<string | undefined> {
  if (item.kind !== "virtual-key") return undefined;
  const resolve = (chain: string[]) =>
    chain.map((name) => {
      const id = lookup(name);
      if (!id && name.includes("/")) throw new GwError(`virtual key ${item.key}: chain names binding ${name}, which does not exist`, 4);
      return id ?? name;
    });
  switch (item.action) {
    case "create": {
      const s = item.spec;
      const issued = await requirePart(backend, "vk create").create({
        name: s.name,
        ...(s.description !== null ? { description: s.description } : {}),
        chain: s.chain ? resolve(s.chain) : [],
        ...(s.rpm !== null ? { rpm: s.rpm } : {}),
        ...(s.tpm !== null ? { tpm: s.tpm } : {}),
        ...(s.rpd !== null ? { rpd: s.rpd } : {}),
      });
      return issued.secret;
    }
    case "update":
      await requirePart(backend, "vk create").update(item.id, { ...item.patch, ...(item.chain ? { chain: resolve(item.chain) } : {}) });
      return undefined;
    case "revoke":
      await requirePart(backend, "vk revoke").revoke(item.id);
      return undefined;
    case "disable":
      await requirePart(backend, "vk disable").disable(item.id);
      return undefined;
    case "enable":
      await requirePart(backend, "vk enable").enable(item.id);
      return undefined;
  }
}

async function applyResourceItem(backend: Backend, item: PlanItem, env: Record<string, string | undefined>): Promise<undefined> {
  if (item.kind !== "provider" && item.kind !== "gateway") return undefined;
  const kind = (await backend.info.configKinds()).find((k) => k.noun === item.kind);
  if (!kind) throw new GwError(`the ${backend.info.name} backend has no ${item.kind}s`, 2);
  switch (item.action) {
    case "create":
      await kind.create(backend, item.spec, env);
      return undefined;
    case "update":
      await kind.update(backend, item.id, item.changed, item.current, env);
      return undefined;
    case "delete":
      await kind.remove(backend, item.id);
      return undefined;
  }
}

/** provider/slot -> binding id, read after the binding phase. */
async function bindingIds(backend: Backend): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  try {
    for (const b of (await backend.bindings?.list()) ?? []) ids.set(bindingKey(b), b.id);
  } catch (err) {
    if (!(err instanceof GwError && err.exitCode === 5)) throw err; // no bindings API (LangWatch v3.4+)
  }
  return ids;
}
