import type { Binding } from "../../domain/binding.js";
import { limitsText, weightShares } from "../../domain/chain.js";
import { budgetText, otherWindows } from "../../domain/limits.js";
import type { VirtualKey, VkProviderConfig } from "../../domain/virtual-key.js";
import type { DetailView, ListView } from "../../output/view.js";

/** A Bifrost key without a limit has none at its level ("-"); a LangWatch key inherits. */
const keyLimit = (k: VirtualKey, n: number | null) => (n !== null ? String(n) : k.providerConfigs ? "-" : "inherit");

/**
 * "openai > anthropic > azure" for era a chains; the routing mode where keys have no explicit chain; for
 * Bifrost keys, the providers by weight ("openai 70% | anthropic 30%"), whose fallbacks `gw chain` shows.
 */
export function chainSummary(key: VirtualKey, bindings: ReadonlyMap<string, Binding>): string {
  if (key.chain) return key.chain.map((id) => bindings.get(id)?.provider ?? id).join(" > ") || "-";
  if (key.providerConfigs) return bifrostProviders(key, key.providerConfigs);
  return key.routingMode ? `routing: ${key.routingMode}` : "-";
}

/** Bifrost v2.1+ `allow_all_providers` opens every provider, whatever the configs list; without it, none = none. */
function bifrostProviders(key: VirtualKey, configs: readonly VkProviderConfig[]): string {
  const weighted = weightedProviders(configs);
  if (key.allowAllProviders) return weighted ? `${weighted} | all other providers` : "all providers";
  return weighted || "no providers";
}

export function weightedProviders(configs: readonly VkProviderConfig[]): string {
  const shares = weightShares(configs.map((c) => c.weight));
  return configs.map((c, i) => `${c.provider} ${shares[i] ?? "(unweighted)"}`).join(" | ");
}

/** "600 rpm / 10000 rpd", with limits of other windows after it ("5000 req/1h"). */
function allLimits(k: Pick<VirtualKey, "rpm" | "tpm" | "rpd" | "rateLimit">): string {
  const other = otherWindows(k.rateLimit);
  const standard = limitsText(k);
  return standard === "inherit" && other.length ? other.join(", ") : [standard, ...other].join(", ");
}

/** "openai 70% (gpt-4o, gpt-4o-mini; 300 rpm; $50.00/1M)" per provider config. */
function providerDetails(key: VirtualKey): string {
  if (!key.providerConfigs) return key.providersAllowed?.join(", ") ?? "-";
  if (key.providerConfigs.length === 0) return key.allowAllProviders ? "all providers" : "none (the key may use no provider)";
  const shares = weightShares(key.providerConfigs.map((c) => c.weight));
  const configured = key.providerConfigs
    .map((c, i) => {
      const models = c.allowedModels === null ? "all models" : c.allowedModels.length ? c.allowedModels.join(", ") : "no models";
      const caps = [limitsText(c), ...otherWindows(c.rateLimit), ...c.budgets.map(budgetText)].filter((t) => t !== "inherit");
      return `${c.provider} ${shares[i] ?? "(unweighted)"} (${[models, ...caps].join("; ")})`;
    })
    .join(", ");
  return key.allowAllProviders ? `${configured}; all other providers too` : configured;
}

export function vkListView(bindings: ReadonlyMap<string, Binding>): ListView<VirtualKey> {
  return {
    columns: [
      { header: "ID", value: (k) => k.id, fixed: true },
      { header: "NAME", value: (k) => k.name },
      { header: "STATUS", value: (k) => k.status },
      { header: "CHAIN", value: (k) => chainSummary(k, bindings) },
      { header: "RPM/TPM/RPD", value: (k) => [k.rpm, k.tpm, k.rpd].map((n) => keyLimit(k, n)).join("/") },
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
      { header: "Limits", value: (k) => allLimits(k) },
      { header: "Budgets", value: (k) => (k.budgets?.length ? k.budgets.map(budgetText).join(", ") : "-") },
      { header: "Providers", value: providerDetails },
      { header: "Created", value: (k) => k.createdAt ?? "-" },
      { header: "Last used", value: (k) => k.lastUsedAt ?? "never" },
    ],
    dim: (k) => k.status !== "active",
  };
}

/** Bindings by id, for naming chain hops; empty where the server has no bindings API (era b answers 410). */
export async function bindingsById(bindings: { list(): Promise<Binding[]> } | undefined, needed: boolean): Promise<Map<string, Binding>> {
  if (!needed || !bindings) return new Map();
  return new Map((await bindings.list()).map((b) => [b.id, b]));
}
