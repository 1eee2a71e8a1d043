import type { Binding } from "./binding.js";
import type { Budget, RateLimitWindows, RateWindow, VirtualKey, VkProviderConfig } from "./virtual-key.js";

/**
 * One row of `gw limits`: a binding (Bifrost: a provider), a virtual key, or one provider config of a Bifrost
 * key, with its limits and what cannot take effect.
 */
export interface LimitRow {
  kind: "binding" | "virtual-key" | "provider-config";
  id: string;
  name: string;
  status: string;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  /** Limits outside the rpm/tpm/rpd columns: other windows ("5000 req/1h") and budgets ("$100.00/1M"). */
  other: string[];
  /** What a null limit means here: a wider limit applies ("inherit"), or there is none at this level ("none"). */
  unsetMeans: "inherit" | "none";
  warnings: string[];
}

type Dimension = "rpm" | "tpm" | "rpd";
const DIMENSIONS: Dimension[] = ["rpm", "tpm", "rpd"];
type Limits = Pick<Binding, Dimension>;

/** Bifrost keeps a provider's raw rate-limit windows and budgets in `details` (docs/backends/bifrost.md). */
function detailExtras(b: Binding): string[] {
  const d = b.details ?? {};
  const windows = (d.rateLimit ?? null) as RateLimitWindows | null;
  const budgets = Array.isArray(d.budgets) ? (d.budgets as Budget[]) : [];
  return [...otherWindows(windows), ...budgets.map(budgetText)];
}

/** What a null limit means on a control plane, and which limits it stores without enforcing them. */
export interface LimitSemantics {
  /** A binding without a limit inherits a wider one ("inherit"), or has none at its level ("none"). */
  bindingUnset: "inherit" | "none";
  /** Limits stored on bindings but not enforced (LangWatch research §6: tpm). */
  unenforced: readonly Dimension[];
}

export function bindingRow(b: Binding, semantics: LimitSemantics): LimitRow {
  const warnings: string[] = [];
  for (const dim of semantics.unenforced) {
    if (b[dim] !== null) warnings.push(`${dim.toUpperCase()} is stored but not enforced by the gateway`);
  }
  const name = b.slot === null ? b.provider : `${b.provider}/${b.slot}`;
  return {
    kind: "binding", id: b.id, name, status: b.status, rpm: b.rpm, tpm: b.tpm, rpd: b.rpd, other: detailExtras(b),
    unsetMeans: semantics.bindingUnset, warnings,
  };
}

/**
 * A key limit above the limit of every hop of its chain can never be reached: each binding caps first.
 * A hop that inherits (no limit) can carry the key's full rate, so then there is no warning.
 */
export function virtualKeyRow(key: VirtualKey, bindingsById: ReadonlyMap<string, Binding>): LimitRow {
  if (key.providerConfigs) return weightedKeyRow(key, key.providerConfigs, bindingsById);
  const warnings: string[] = [];
  const hops = (key.chain ?? []).map((id) => bindingsById.get(id)).filter((b): b is Binding => b !== undefined);
  for (const dim of DIMENSIONS) {
    const limit = key[dim];
    if (limit === null || hops.length === 0) continue;
    const hopLimits = hops.map((b) => b[dim]);
    if (hopLimits.every((l): l is number => l !== null && l < limit)) {
      const max = Math.max(...hopLimits);
      warnings.push(`${dim.toUpperCase()} ${limit} is above every hop's binding limit (max ${max}): the bindings cap first`);
    }
  }
  return keyRow(key, warnings, "inherit");
}

function keyRow(key: VirtualKey, warnings: string[], unsetMeans: LimitRow["unsetMeans"]): LimitRow {
  const other = [...otherWindows(key.rateLimit), ...(key.budgets ?? []).map(budgetText)];
  return { kind: "virtual-key", id: key.id, name: key.name, status: key.status, rpm: key.rpm, tpm: key.tpm, rpd: key.rpd, other, unsetMeans, warnings };
}

const capOf = (...limits: (number | null | undefined)[]): number | null => {
  const set = limits.filter((l): l is number => typeof l === "number");
  return set.length ? Math.min(...set) : null;
};

/**
 * A Bifrost key spreads requests over its provider configs by weight (research §2.6), so together they carry
 * at most the sum of their caps (each config's own limit, or its provider's, whichever is lower). A key
 * limit above that sum is never reached; a config without any cap can carry everything, so then no warning.
 */
function weightedKeyRow(key: VirtualKey, configs: readonly VkProviderConfig[], providers: ReadonlyMap<string, Limits>): LimitRow {
  const warnings: string[] = [];
  // A key allowed every provider (Bifrost v2.1+) also reaches providers it has no config for: no ceiling to compare with.
  for (const dim of key.allowAllProviders ? [] : DIMENSIONS) {
    const limit = key[dim];
    if (limit === null || configs.length === 0) continue;
    const caps = configs.map((c) => capOf(c[dim], providers.get(c.provider)?.[dim]));
    if (caps.every((c): c is number => c !== null)) {
      const total = caps.reduce((a, b) => a + b, 0);
      if (total < limit) {
        warnings.push(`${dim.toUpperCase()} ${limit} is above what its providers can carry together (${total}): their limits cap first`);
      }
    }
  }
  return keyRow(key, warnings, "none");
}

/** A provider config's own limit above its provider's (which all keys share) is never reached. */
export function providerConfigRow(key: VirtualKey, c: VkProviderConfig, providers: ReadonlyMap<string, Limits>): LimitRow {
  const warnings: string[] = [];
  const provider = providers.get(c.provider);
  for (const dim of DIMENSIONS) {
    const own = c[dim];
    const cap = provider?.[dim] ?? null;
    if (own !== null && cap !== null && own > cap) {
      warnings.push(`${dim.toUpperCase()} ${own} is above the provider's own limit (${cap}): the provider caps first`);
    }
  }
  return {
    kind: "provider-config",
    id: `${key.id}/${c.provider}`,
    name: `${key.name} -> ${c.provider}`,
    status: key.status,
    rpm: c.rpm,
    tpm: c.tpm,
    rpd: c.rpd,
    other: [...otherWindows(c.rateLimit), ...c.budgets.map(budgetText)],
    unsetMeans: "inherit",
    warnings,
  };
}

export function limitRows(bindings: readonly Binding[], keys: readonly VirtualKey[], semantics: LimitSemantics): LimitRow[] {
  const byId = new Map(bindings.map((b) => [b.id, b]));
  return [
    ...bindings.map((b) => bindingRow(b, semantics)),
    ...keys.flatMap((k) => [virtualKeyRow(k, byId), ...(k.providerConfigs ?? []).map((c) => providerConfigRow(k, c, byId))]),
  ];
}

/** "5000 req/1h (77 used)": a limit in its own window, as Bifrost stores it. */
export function windowText(w: RateWindow, unit: "req" | "tok", withUsage = false): string {
  return `${w.limit} ${unit}/${w.window}${withUsage && w.used !== null ? ` (${w.used} used)` : ""}`;
}

/** "$100.00/1M (used $37.50)" */
export function budgetText(b: Budget): string {
  const used = b.currentUsage !== null ? ` (used $${b.currentUsage.toFixed(2)})` : "";
  return `$${b.maxLimit.toFixed(2)}/${b.resetDuration}${b.calendarAligned ? " calendar" : ""}${used}`;
}

/**
 * Limits that do not fit the rpm/tpm/rpd columns: a request or token limit in another window (per hour,
 * tokens per day, ...). gw's rpm/tpm/rpd are the per-minute/per-day view of the same limit.
 */
export function otherWindows(w: RateLimitWindows | null): string[] {
  const out: string[] = [];
  const seconds = (r: RateWindow) => durationSeconds(r.window);
  if (w?.requests && seconds(w.requests) !== MINUTE && seconds(w.requests) !== DAY) out.push(windowText(w.requests, "req"));
  if (w?.tokens && seconds(w.tokens) !== MINUTE) out.push(windowText(w.tokens, "tok"));
  return out;
}

export const MINUTE = 60;
export const DAY = 86_400;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: DAY, w: 7 * DAY, M: 30 * DAY, Y: 365 * DAY };

/** Bifrost's reset durations (research §2.6): "1m" -> 60, "60s" -> 60, "1d" -> 86400, "M" being months. null if unreadable. */
export function durationSeconds(text: string): number | null {
  const match = /^(\d+)([smhdwMY])$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * (UNIT_SECONDS[match[2]!] ?? 0);
}
