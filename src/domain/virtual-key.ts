/**
 * gw's normalized virtual key: the stable JSON contract of `gw vk ... -o json`.
 * LangWatch era a keeps the fallback chain as an ordered list of binding ids (`chain`); era b replaced it
 * with a routing mode (`routingMode`, `routingPolicyId`, `providersAllowed`) and no explicit chain.
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
}

export interface VirtualKeyInput {
  name: string;
  description?: string;
  chain: string[];
  rpm?: number;
  tpm?: number;
  rpd?: number;
}

/** A partial update of a key: absent = keep. Limits are sent together (the API replaces the rateLimits block). */
export interface VirtualKeyPatch {
  description?: string;
  chain?: string[];
  limits?: { rpm: number | null; tpm: number | null; rpd: number | null };
}

/** A created or rotated key: the secret is shown once and never stored by gw. */
export interface IssuedKey<T> {
  key: T;
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
