import { withRaw, type Binding, type WithRaw } from "../../domain/binding.js";
import type { Budget } from "../../domain/virtual-key.js";
import { field, isRecord, isString, unexpected } from "../wire-check.js";
import { maskSecrets } from "./mask.js";
import { standardLimits, windowsFromWire } from "./rate-limit.js";
import type { WireGovernance, WireProvider } from "./wire.js";

/** A ProviderResponse (§2.4), checked for the fields gw reads. */
export function wireProvider(item: unknown, what: string): WireProvider {
  if (!isRecord(item)) throw unexpected(what, "a provider is not an object");
  field(what, item, "name", isString, "a string");
  for (const block of ["network_config", "concurrency_and_buffer_size"]) {
    if (item[block] !== undefined && item[block] !== null && !isRecord(item[block])) throw unexpected(what, `"${block}" is not an object`);
  }
  return item as WireProvider;
}

/** `{providers: [...], total}` from GET /api/providers. */
export function providersFromListBody(body: unknown, what: string): WireProvider[] {
  if (!isRecord(body) || !Array.isArray(body.providers)) throw unexpected(what, `expected {"providers": [...]}`);
  return body.providers.map((p) => wireProvider(p, what));
}

/** `{providers: [{provider, budgets, rate_limit}], count}` from GET /api/governance/providers, by provider name. */
export function governanceFromListBody(body: unknown, what: string): Map<string, WireGovernance> {
  if (!isRecord(body) || !Array.isArray(body.providers)) throw unexpected(what, `expected {"providers": [...]}`);
  const byName = new Map<string, WireGovernance>();
  for (const item of body.providers) {
    if (isRecord(item) && typeof item.provider === "string") byName.set(item.provider, item as unknown as WireGovernance);
  }
  return byName;
}

export function budgetsFromWire(value: unknown): Budget[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((b) =>
    isRecord(b) && typeof b.max_limit === "number" && typeof b.reset_duration === "string"
      ? [
          {
            maxLimit: b.max_limit,
            resetDuration: b.reset_duration,
            currentUsage: typeof b.current_usage === "number" ? b.current_usage : null,
            calendarAligned: b.calendar_aligned === true,
          },
        ]
      : [],
  );
}

/** Provider governance budgets: the `budgets` array, or the deprecated single `budget` of older servers (§2.6). */
function governanceBudgets(g: WireGovernance | undefined): Budget[] {
  if (!g) return [];
  if (Array.isArray(g.budgets)) return budgetsFromWire(g.budgets);
  return budgetsFromWire(g.budget ? [g.budget] : []);
}

/**
 * One Bifrost provider as gw's binding record: the provider name is its id (the API addresses it by name,
 * §2.3); limits come from the provider's governance rate limit. `keys` is the key count where known.
 */
export function toBinding(provider: WireProvider, governance: WireGovernance | undefined, keys: number | null): WithRaw<Binding> {
  const network = provider.network_config ?? {};
  const concurrency = provider.concurrency_and_buffer_size;
  const custom = isRecord(provider.custom_provider_config) ? provider.custom_provider_config : null;
  const proxy = isRecord(provider.proxy_config) ? provider.proxy_config : null;
  const rateLimit = windowsFromWire(governance?.rate_limit);
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  return withRaw(
    {
      id: provider.name,
      backend: "bifrost",
      provider: provider.name,
      providerId: provider.name,
      slot: null,
      ...standardLimits(rateLimit),
      fallbackPriority: null,
      rotationPolicy: null,
      health: typeof provider.provider_status === "string" && provider.provider_status ? provider.provider_status : null,
      status: "active",
      disabledAt: null,
      createdAt: null,
      name: null,
      baseUrl: typeof network.base_url === "string" && network.base_url ? network.base_url : null,
      models: null,
      updatedAt: null,
      details: {
        baseProviderType: typeof custom?.base_provider_type === "string" ? custom.base_provider_type : null,
        keyless: custom?.is_key_less === true,
        keys,
        concurrency: num(concurrency?.concurrency),
        bufferSize: num(concurrency?.buffer_size),
        maxRetries: num(network.max_retries),
        requestTimeoutSeconds: num(network.default_request_timeout_in_seconds),
        // Names only: header values can carry upstream credentials.
        headerNames: isRecord(network.extra_headers) ? Object.keys(network.extra_headers).sort() : [],
        proxy: typeof proxy?.type === "string" && proxy.type !== "none" ? proxy.type : null,
        rateLimit,
        budgets: governanceBudgets(governance),
        modelDiscovery: discovery(provider),
      },
    },
    { provider: maskSecrets(provider), governance: governance ? maskSecrets(governance) : null },
  );
}

/** Model discovery runs after writes and may fail while the write succeeded (§2.9): `list_models_failed: ...`. */
function discovery(p: WireProvider): string | null {
  if (typeof p.status !== "string" || !p.status) return null;
  return typeof p.description === "string" && p.description ? `${p.status}: ${p.description}` : p.status;
}
