/**
 * gw's normalized virtual key: the stable JSON contract of `gw vk ... -o json`.
 * LangWatch era a keeps the fallback chain as an ordered list of binding ids (`chain`); era b replaced it
 * with a routing mode (`routingMode`, `routingPolicyId`, `providersAllowed`) and no explicit chain.
 * Bifrost keys route by weight over their provider configs (`providerConfigs`) and carry budgets; their
 * fallbacks live in routing rules (`gw chain`).
 */
export interface VirtualKey {
  id: string;
  backend: string;
  name: string;
  description: string | null;
  status: "active" | "disabled" | "revoked";
  environment: string | null;
  displayPrefix: string | null;
  /** Ordered binding ids, index 0 = primary (era a); null where the control plane has no explicit chain. */
  chain: string[] | null;
  routingMode: string | null;
  routingPolicyId: string | null;
  /** Model provider ids the key may route to; null = all reachable. */
  providersAllowed: string[] | null;
  maxAttempts: number | null;
  /** Which failures fall through to the next hop; null when the gateway decides (era b). */
  fallbackOn: string[] | null;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  createdAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Bifrost: the providers the key routes to, with weights and their own caps; null elsewhere. */
  providerConfigs: VkProviderConfig[] | null;
  /**
   * Bifrost v2.1+ `allow_all_providers`: every configured provider (ones added later too), whatever
   * providerConfigs lists. false where the server has no such flag, and on every other backend.
   */
  allowAllProviders: boolean;
  /** Bifrost: spending caps of the key itself; null where the control plane has none. */
  budgets: Budget[] | null;
  /** Bifrost: the key's rate limit as stored (any window), of which rpm/tpm/rpd are the per-minute/per-day view. */
  rateLimit: RateLimitWindows | null;
  /** Bifrost: the team or customer the key belongs to (routing rules of that scope apply to it). */
  teamId: string | null;
  customerId: string | null;
  /**
   * ngrok: the access key configuration the key links to (its scope and router rules); null = none
   * (allow-all scope, default routing). Absent on other backends.
   */
  configuration?: { id: string; name: string } | null;
  /**
   * ngrok: the scope's model dimension (provider-qualified ids such as `openai:gpt-4o`); null = every model
   * of the allowed providers. Absent on other backends.
   */
  modelsAllowed?: string[] | null;
}

/** The names a virtual key goes by besides its id (`gw vk get <id|name>`): its name. */
export function virtualKeyNames(k: VirtualKey): string[] {
  return k.name ? [k.name] : [];
}

/** A spending cap in USD that resets every `resetDuration` (Bifrost: 30s, 5m, 1h, 1d, 1w, 1M, 1Y). */
export interface Budget {
  maxLimit: number;
  resetDuration: string;
  currentUsage: number | null;
  calendarAligned: boolean;
}

/** One limit and the window it resets after, as the control plane stores it ("1m", "1h", "1d", ...). */
export interface RateWindow {
  limit: number;
  window: string;
  used: number | null;
}

/** Bifrost holds at most one request limit and one token limit per owner, each with its own window (§2.6). */
export interface RateLimitWindows {
  requests: RateWindow | null;
  tokens: RateWindow | null;
}

/** A provider a Bifrost key may route to: its share of traffic, the models it may use and its own caps. */
export interface VkProviderConfig {
  provider: string;
  /** Relative weight in weighted routing; null = left out of weighting. */
  weight: number | null;
  /** null = every model; [] = none (v1.5 deny-by-default); otherwise exactly these. */
  allowedModels: string[] | null;
  blockedModels: string[];
  /** Provider key ids the key may use; null = all keys. */
  keyIds: string[] | null;
  budgets: Budget[];
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  rateLimit: RateLimitWindows | null;
}

export interface VirtualKeyInput {
  name: string;
  description?: string;
  chain: string[];
  rpm?: number;
  tpm?: number;
  rpd?: number;
  /** Bifrost: the providers the key may route to, by weight (create: none given = no provider, deny-by-default). */
  providers?: ProviderGrant[];
  /** Bifrost v2.1+: every configured provider, including ones added later. */
  allowAllProviders?: boolean;
  budgets?: BudgetInput[];
  teamId?: string;
  customerId?: string;
  /** ngrok: an existing access key configuration to link (gw apply); excludes `providers`. */
  configurationId?: string;
}

/** A provider a key may use: its weight in weighted routing and the models it may ask for (null = all). */
export interface ProviderGrant {
  provider: string;
  weight: number | null;
  models: string[] | null;
}

/** A spending cap to set: USD per reset window ("1M" = a month). */
export interface BudgetInput {
  maxLimit: number;
  resetDuration: string;
}

/** A partial update of a key: absent = keep. Limits are sent together (the API replaces the rateLimits block). */
export interface VirtualKeyPatch {
  name?: string;
  description?: string;
  chain?: string[];
  limits?: { rpm: number | null; tpm: number | null; rpd: number | null };
  /** Bifrost: the full set of providers (replaces the key's provider configs). */
  providers?: ProviderGrant[];
  allowAllProviders?: boolean;
  /** Replaces the key's budgets; [] removes them. */
  budgets?: BudgetInput[];
  /** null detaches. */
  teamId?: string | null;
  customerId?: string | null;
  /** ngrok: link this access key configuration; null unlinks (allow-all). Excludes `providers`. */
  configurationId?: string | null;
}

/** A created or rotated key: the secret is shown once and never stored by gw. */
export interface IssuedKey<T> {
  key: T;
  /**
   * "" when the server's answer carried none (it reveals the secret elsewhere, once): the key exists anyway.
   * A string rather than optional so that every consumer keeps a string (falsy = nothing to show).
   */
  secret: string;
}

/** A model provider credential as configured in the control plane (LangWatch: Settings > Model Providers). */
export interface ModelProvider {
  id: string | null;
  provider: string;
  enabled: boolean;
  /** Stored in the project (has an id); registry defaults that were never saved cannot be bound. */
  stored: boolean;
  models: string[];
}
