import type { Binding } from "./binding.js";
import type { VirtualKey } from "./virtual-key.js";

/** One row of `gw limits`: a binding or a virtual key with its limits and what the docs warn about. */
export interface LimitRow {
  kind: "binding" | "virtual-key";
  id: string;
  name: string;
  status: string;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  warnings: string[];
}

type Dimension = "rpm" | "tpm" | "rpd";
const DIMENSIONS: Dimension[] = ["rpm", "tpm", "rpd"];

export function bindingRow(b: Binding): LimitRow {
  const warnings: string[] = [];
  // research §6: TPM is stored but the gateway does not enforce it (v1).
  if (b.tpm !== null) warnings.push("TPM is stored but not enforced by the gateway");
  return { kind: "binding", id: b.id, name: `${b.provider}/${b.slot ?? "-"}`, status: b.status, rpm: b.rpm, tpm: b.tpm, rpd: b.rpd, warnings };
}

/**
 * A key limit above the limit of every hop of its chain can never be reached: each binding caps first.
 * A hop that inherits (no limit) can carry the key's full rate, so then there is no warning.
 */
export function virtualKeyRow(key: VirtualKey, bindingsById: ReadonlyMap<string, Binding>): LimitRow {
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
  return { kind: "virtual-key", id: key.id, name: key.name, status: key.status, rpm: key.rpm, tpm: key.tpm, rpd: key.rpd, warnings };
}

export function limitRows(bindings: readonly Binding[], keys: readonly VirtualKey[]): LimitRow[] {
  const byId = new Map(bindings.map((b) => [b.id, b]));
  return [...bindings.map(bindingRow), ...keys.map((k) => virtualKeyRow(k, byId))];
}
