import { DEFAULTS } from "./providers-known.js";
import { envVarOut, keyOut, mapFields, PROXY_FIELDS } from "./secrets.js";
import type { BifrostVersion, Json, ProviderRow } from "./state.js";

/** network_config as read: unset numbers filled with the defaults (research §2.4), the CA certificate in read form. */
export function networkOut(nc: Json): Json {
  const out: Json = { ...nc };
  if (!out.base_url) delete out.base_url;
  if (!out.extra_headers || Object.keys(out.extra_headers as Json).length === 0) delete out.extra_headers;
  if (out.ca_cert_pem !== undefined) out.ca_cert_pem = envVarOut(out.ca_cert_pem, false);
  out.default_request_timeout_in_seconds = (nc.default_request_timeout_in_seconds as number) || DEFAULTS.requestTimeoutSeconds;
  out.max_retries = (nc.max_retries as number | undefined) ?? DEFAULTS.maxRetries;
  out.retry_backoff_initial = (nc.retry_backoff_initial as number) || DEFAULTS.retryBackoffInitialMs;
  out.retry_backoff_max = (nc.retry_backoff_max as number) || DEFAULTS.retryBackoffMaxMs;
  return out;
}

export function proxyOut(proxy: Json | null): Json | null {
  return proxy ? mapFields(proxy, PROXY_FIELDS, (name, v) => envVarOut(v, PROXY_FIELDS[name]!)) : null;
}

/**
 * ProviderResponse (research §2.4). v1.4 carries the keys (redacted) inside; v1.5 has them at /keys and
 * adds openai_config / prompt_cache. Empty optional blocks are left out, as Go's omitempty does.
 */
export function providerDto(p: ProviderRow, version: BifrostVersion): Json {
  const dto: Json = {
    name: p.name,
    network_config: networkOut(p.network_config),
    concurrency_and_buffer_size: { ...p.concurrency_and_buffer_size },
    proxy_config: proxyOut(p.proxy_config),
    send_back_raw_request: p.send_back_raw_request,
    send_back_raw_response: p.send_back_raw_response,
    store_raw_request_response: p.store_raw_request_response,
    provider_status: p.provider_status,
  };
  if (p.custom_provider_config) dto.custom_provider_config = p.custom_provider_config;
  if (p.provider_request_id) dto.provider_request_id = p.provider_request_id;
  if (version !== "1.4") {
    if (p.openai_config) dto.openai_config = p.openai_config;
    if (p.prompt_cache) dto.prompt_cache = p.prompt_cache;
  } else {
    dto.keys = p.keys.map(keyOut);
  }
  if (p.status) dto.status = p.status;
  if (p.description) dto.description = p.description;
  return dto;
}
