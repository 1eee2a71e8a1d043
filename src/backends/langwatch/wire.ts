/**
 * LangWatch Era A wire shapes (research/langwatch-gateway.md §2; specs/langwatch-gateway.openapi.yaml
 * components ProviderBinding, ProviderBindingCreate, ProviderBindingUpdate).
 */
export interface WireBinding {
  id: string;
  model_provider_id: string;
  model_provider_name: string;
  slot: string;
  rate_limit_rpm: number | null;
  rate_limit_tpm: number | null;
  rate_limit_rpd: number | null;
  rotation_policy: string;
  fallback_priority_global: number | null;
  health_status: string;
  disabled_at: string | null;
  created_at: string;
}

export interface WireBindingCreate {
  model_provider_id: string;
  slot?: string;
  rate_limit_rpm?: number;
  rate_limit_tpm?: number;
  rate_limit_rpd?: number;
  fallback_priority_global?: number;
  extra_headers?: Record<string, string>;
}

/** Tri-state: absent keeps, null clears, a value sets (§2.4). */
export interface WireBindingUpdate {
  slot?: string;
  rate_limit_rpm?: number | null;
  rate_limit_tpm?: number | null;
  rate_limit_rpd?: number | null;
  fallback_priority_global?: number | null;
  rotation_policy?: string;
  extra_headers?: Record<string, string> | null;
}

export const PROVIDERS_PATH = "/api/gateway/v1/providers";
