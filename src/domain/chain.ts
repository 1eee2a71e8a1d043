import type { Binding } from "./binding.js";
import type { VirtualKey } from "./virtual-key.js";

/** One step of a fallback chain: its position label and the binding it points at (null if unknown). */
export interface ChainHop {
  position: number;
  /** "primary", "fallback-1", ...: the order the gateway walks; the binding's own slot may differ. */
  label: string;
  bindingId: string;
  binding: Binding | null;
}

export function hopLabel(position: number): string {
  return position === 0 ? "primary" : `fallback-${position}`;
}

/** Join a key's ordered binding ids with the bindings list (LangWatch era a, research §2.8). */
export function resolveChain(key: VirtualKey, bindings: readonly Binding[]): ChainHop[] {
  const byId = new Map(bindings.map((b) => [b.id, b]));
  return (key.chain ?? []).map((bindingId, position) => ({
    position,
    label: hopLabel(position),
    bindingId,
    binding: byId.get(bindingId) ?? null,
  }));
}

/** "600 rpm / 10000 rpd", or "inherit" when the binding sets no limit. */
export function limitsText(limits: { rpm: number | null; tpm: number | null; rpd: number | null }): string {
  const parts = [
    limits.rpm !== null ? `${limits.rpm} rpm` : null,
    limits.tpm !== null ? `${limits.tpm} tpm` : null,
    limits.rpd !== null ? `${limits.rpd} rpd` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(" / ") : "inherit";
}

/** "primary (openai, 600 rpm, healthy)"; a disabled hop says so. */
export function hopText(hop: ChainHop): string {
  const b = hop.binding;
  if (!b) return `${hop.label} (unknown binding ${hop.bindingId})`;
  const details = [b.provider, limitsText(b)];
  if (b.health && b.health !== "unknown") details.push(b.health);
  if (b.status === "disabled") details.push("disabled");
  // The slot is cosmetic (dispatch follows the chain order, research §2.8): show it only when it differs.
  if (b.slot && b.slot !== hop.label) details.push(`slot ${b.slot}`);
  return `${hop.label} (${details.join(", ")})`;
}
