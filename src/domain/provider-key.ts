/**
 * An upstream credential of a provider (Bifrost provider keys, ngrok provider keys): the stable JSON record
 * of `gw providers keys ... -o json`. The secret value is never part of it: control planes answer it
 * redacted, and gw does not print what it sent.
 */
export interface ProviderKey {
  id: string;
  backend: string;
  /** The provider the key belongs to. */
  provider: string;
  name: string;
  /** Share of traffic among the provider's keys; null where the control plane has no weights. */
  weight: number | null;
  /** Models the key may serve: null = all, [] = none. */
  models: string[] | null;
  /** Whether the control plane uses the key (false: disabled or failing). */
  enabled: boolean;
  createdAt: string | null;
  updatedAt: string | null;
  /** Backend-specific fields that have no common meaning. */
  details: Record<string, unknown>;
}

export interface ProviderKeyInput {
  name: string;
  /** The secret, from stdin or the environment; masked in traces and dry runs. */
  value: string;
  weight?: number;
  models?: string[];
}

/** Absent = keep. `value` rotates the secret in place. */
export interface ProviderKeyPatch {
  name?: string;
  value?: string;
  weight?: number;
  models?: string[];
  enabled?: boolean;
}
