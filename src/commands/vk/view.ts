import type { Binding } from "../../domain/binding.js";
import { limitsText } from "../../domain/chain.js";
import type { VirtualKey } from "../../domain/virtual-key.js";
import type { DetailView, ListView } from "../../output/view.js";

const limit = (n: number | null) => (n === null ? "inherit" : String(n));

/** "openai > anthropic > azure" for era a chains; the routing mode where keys have no explicit chain. */
export function chainSummary(key: VirtualKey, bindings: ReadonlyMap<string, Binding>): string {
  if (key.chain) return key.chain.map((id) => bindings.get(id)?.provider ?? id).join(" > ") || "-";
  return key.routingMode ? `routing: ${key.routingMode}` : "-";
}

export function vkListView(bindings: ReadonlyMap<string, Binding>): ListView<VirtualKey> {
  return {
    columns: [
      { header: "ID", value: (k) => k.id },
      { header: "NAME", value: (k) => k.name },
      { header: "STATUS", value: (k) => k.status },
      { header: "CHAIN", value: (k) => chainSummary(k, bindings) },
      { header: "RPM/TPM/RPD", value: (k) => `${limit(k.rpm)}/${limit(k.tpm)}/${limit(k.rpd)}` },
    ],
    dim: (k) => k.status !== "active",
    empty: "No virtual keys. Create one: gw vk create --name <name> --chain <binding-id>...",
  };
}

export function vkDetailView(bindings: ReadonlyMap<string, Binding>): DetailView<VirtualKey> {
  return {
    fields: [
      { header: "ID", value: (k) => k.id },
      { header: "Name", value: (k) => k.name },
      { header: "Description", value: (k) => k.description ?? "-" },
      { header: "Status", value: (k) => (k.revokedAt ? `${k.status} (${k.revokedAt})` : k.status) },
      { header: "Environment", value: (k) => k.environment ?? "-" },
      { header: "Prefix", value: (k) => k.displayPrefix ?? "-" },
      { header: "Chain", value: (k) => chainSummary(k, bindings) },
      { header: "Max attempts", value: (k) => (k.maxAttempts === null ? "-" : String(k.maxAttempts)) },
      { header: "Limits", value: (k) => limitsText(k) },
      { header: "Created", value: (k) => k.createdAt ?? "-" },
      { header: "Last used", value: (k) => k.lastUsedAt ?? "never" },
    ],
    dim: (k) => k.status !== "active",
  };
}

/** Bindings by id, for naming chain hops; empty where the server has no bindings API (era b answers 410). */
export async function bindingsById(listBindings: () => Promise<Binding[]>, needed: boolean): Promise<Map<string, Binding>> {
  if (!needed) return new Map();
  return new Map((await listBindings()).map((b) => [b.id, b]));
}
