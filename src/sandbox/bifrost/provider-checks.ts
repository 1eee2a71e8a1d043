import type { Reply } from "../backend.js";
import { bifrostError } from "./errors.js";
import { KEY_VALUE_OPTIONAL, STANDARD_PROVIDERS } from "./providers-known.js";
import { envVarIn } from "./secrets.js";
import type { Json } from "./state.js";
import { isRecord } from "./values.js";

/** Both > 0 and concurrency <= buffer size, else 400 (research §2.4). */
export function concurrencyIn(v: unknown): { concurrency: number; buffer_size: number } | Reply {
  const c = isRecord(v) ? v : {};
  const concurrency = typeof c.concurrency === "number" ? c.concurrency : 0;
  const bufferSize = typeof c.buffer_size === "number" ? c.buffer_size : 0;
  if (concurrency <= 0) return bifrostError(400, "Concurrency must be greater than 0");
  if (bufferSize <= 0) return bifrostError(400, "Buffer size must be greater than 0");
  if (concurrency > bufferSize) return bifrostError(400, "Concurrency must be less than or equal to buffer size");
  return { concurrency, buffer_size: bufferSize };
}

/**
 * base_url is SSRF-checked (research §2.4): loopback is always allowed, link-local never, RFC 1918 only with
 * allow_private_network. Host names are not resolved here (the real server resolves them).
 */
function baseUrlProblem(baseUrl: string, allowPrivate: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `invalid base_url "${baseUrl}": not a URL`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `invalid base_url "${baseUrl}": only http and https are supported`;
  const octets = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(url.hostname)?.slice(1).map(Number);
  if (!octets) return undefined;
  const [a, b] = octets as [number, number];
  if (a === 169 && b === 254) return `base_url "${baseUrl}" points at a link-local address, which is never allowed`;
  const privateNet = a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  if (privateNet && !allowPrivate) return `base_url "${baseUrl}" points at a private network; set network_config.allow_private_network to allow it`;
  return undefined;
}

/** network_config as written (replaced whole, §2.5); a redacted CA certificate echoed back keeps the stored one. */
export function networkIn(incoming: unknown, stored: Json | undefined): Json | Reply {
  const nc: Json = isRecord(incoming) ? { ...incoming } : {};
  if (typeof nc.base_url === "string" && nc.base_url !== "") {
    const problem = baseUrlProblem(nc.base_url, nc.allow_private_network === true);
    if (problem) return bifrostError(400, problem);
  }
  const initial = typeof nc.retry_backoff_initial === "number" ? nc.retry_backoff_initial : 0;
  const max = typeof nc.retry_backoff_max === "number" ? nc.retry_backoff_max : 0;
  if (initial > 0 && max > 0 && initial > max) return bifrostError(400, "retry_backoff_initial must be less than or equal to retry_backoff_max");
  if (nc.default_request_timeout_in_seconds !== undefined && (nc.default_request_timeout_in_seconds as number) < 0) {
    return bifrostError(400, "default_request_timeout_in_seconds must not be negative");
  }
  if (nc.max_retries !== undefined && (nc.max_retries as number) < 0) return bifrostError(400, "max_retries must not be negative");
  if (nc.ca_cert_pem !== undefined && nc.ca_cert_pem !== null) nc.ca_cert_pem = envVarIn(nc.ca_cert_pem, stored?.ca_cert_pem);
  return nc;
}

/**
 * A provider name is a standard provider, or a custom one with custom_provider_config whose base type is a
 * standard provider and whose own name is not (research §2.4).
 */
export function providerNameProblem(name: string, custom: Json | null): Reply | undefined {
  if (!name.trim()) return bifrostError(400, "provider name is required");
  if (!custom) {
    return STANDARD_PROVIDERS.includes(name)
      ? undefined
      : bifrostError(400, `unsupported provider: ${name} (a custom provider needs custom_provider_config with a base_provider_type)`);
  }
  if (STANDARD_PROVIDERS.includes(name)) return bifrostError(400, `custom provider name cannot be the same as a standard provider: ${name}`);
  const base = custom.base_provider_type;
  if (typeof base !== "string" || !base) return bifrostError(400, "base_provider_type is required in custom_provider_config");
  if (!STANDARD_PROVIDERS.includes(base)) return bifrostError(400, `base_provider_type must be a standard provider, got ${base}`);
  return undefined;
}

/** The provider type that decides key rules: the custom provider's base, else the provider itself. */
export const baseTypeOf = (name: string, custom: Json | null): string =>
  typeof custom?.base_provider_type === "string" ? custom.base_provider_type : name;

/** A key needs a value unless its provider may run without one (§2.5); a keyless custom provider takes no keys. */
export function keyProblem(key: Json, providerName: string, custom: Json | null): Reply | undefined {
  if (custom?.is_key_less === true) return bifrostError(400, `provider ${providerName} is keyless; it takes no keys`);
  const value = isRecord(key.value) ? key.value : {};
  const empty = !value.value && !value.env_var;
  if (empty && !KEY_VALUE_OPTIONAL.includes(baseTypeOf(providerName, custom))) return bifrostError(400, "key value is required");
  if (key.weight !== undefined && (typeof key.weight !== "number" || key.weight < 0)) return bifrostError(400, "key weight must not be negative");
  return undefined;
}
