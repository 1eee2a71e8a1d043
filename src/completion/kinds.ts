/**
 * What `gw __complete <kind>` completes. Profile names come from the config file; the others from one list
 * call of the current profile's backend (cached briefly, src/completion/cache.ts).
 */
export const DYNAMIC_KINDS = ["profiles", "vk", "bindings", "hops", "providers", "gateways"] as const;
export type DynamicKind = (typeof DYNAMIC_KINDS)[number];

export function isDynamicKind(value: string | undefined): value is DynamicKind {
  return (DYNAMIC_KINDS as readonly string[]).includes(value ?? "");
}
