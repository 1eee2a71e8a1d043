import type { BindInput, BindingPatch } from "../../domain/binding.js";
import { UsageError } from "../../errors.js";
import { unexpected } from "../wire-check.js";
import type { Generation } from "./version.js";
import { ECHOED_PROVIDER_FIELDS, type WireConcurrency, type WireNetworkConfig, type WireProvider } from "./wire.js";

/** Patch fields that live on the provider itself (the rest, rpm/tpm/rpd, live in its governance). */
const PROVIDER_FIELDS = ["baseUrl", "headers", "maxRetries", "requestTimeout", "concurrency", "bufferSize"] as const;

export function touchesProvider(patch: BindingPatch): boolean {
  return PROVIDER_FIELDS.some((f) => patch[f] !== undefined);
}

/** Bifrost needs concurrency <= buffer size (400 otherwise, §2.4): say so before sending. */
function checkConcurrency(c: WireConcurrency): void {
  if (c.concurrency > c.buffer_size) {
    throw new UsageError(
      `concurrency ${c.concurrency} is above the buffer size ${c.buffer_size}: Bifrost needs concurrency <= buffer size ` +
        "(set --buffer-size too)",
    );
  }
}

/** POST /api/providers: only what the flags name; the server fills its defaults for the rest (§2.4). */
export function addProviderBody(input: BindInput): Record<string, unknown> {
  const body: Record<string, unknown> = { provider: input.providerId };
  const network: WireNetworkConfig = {};
  if (input.baseUrl !== undefined) network.base_url = input.baseUrl;
  if (input.headers !== undefined) network.extra_headers = input.headers;
  if (input.maxRetries !== undefined) network.max_retries = input.maxRetries;
  if (input.requestTimeout !== undefined) network.default_request_timeout_in_seconds = input.requestTimeout;
  if (Object.keys(network).length) body.network_config = network;
  if (input.concurrency !== undefined || input.bufferSize !== undefined) {
    // The block is sent whole (both fields required, §2.4), and gw does not invent the missing half.
    if (input.concurrency === undefined || input.bufferSize === undefined) {
      throw new UsageError("Bifrost sets concurrency and buffer size together: give both --concurrency and --buffer-size, or neither");
    }
    const block = { concurrency: input.concurrency, buffer_size: input.bufferSize };
    checkConcurrency(block);
    body.concurrency_and_buffer_size = block;
  }
  if (input.baseProvider !== undefined) body.custom_provider_config = { base_provider_type: input.baseProvider };
  return body;
}

/**
 * PUT /api/providers/{name} as read-modify-write (§2.5): every block as read, with only the patched fields
 * changed. network_config and concurrency_and_buffer_size are replaced whole by the server, so they travel
 * complete; redacted secrets travel unchanged and the server keeps the stored values. v1.4 takes the full
 * key set here (keys left out are deleted), v1.5 refuses keys.
 */
export function providerUpdateBody(read: WireProvider, patch: BindingPatch, generation: Generation, what: string): Record<string, unknown> {
  const network: WireNetworkConfig = { ...(read.network_config ?? {}) };
  if (patch.baseUrl !== undefined) network.base_url = patch.baseUrl;
  if (patch.headers === null) delete network.extra_headers;
  else if (patch.headers !== undefined) network.extra_headers = patch.headers;
  if (patch.maxRetries !== undefined) network.max_retries = patch.maxRetries;
  if (patch.requestTimeout !== undefined) network.default_request_timeout_in_seconds = patch.requestTimeout;

  const read_cb = read.concurrency_and_buffer_size;
  if (!read_cb || typeof read_cb.concurrency !== "number" || typeof read_cb.buffer_size !== "number") {
    throw unexpected(what, `"concurrency_and_buffer_size" is missing`);
  }
  const concurrency: WireConcurrency = {
    ...read_cb,
    ...(patch.concurrency !== undefined ? { concurrency: patch.concurrency } : {}),
    ...(patch.bufferSize !== undefined ? { buffer_size: patch.bufferSize } : {}),
  };
  checkConcurrency(concurrency);

  const body: Record<string, unknown> = { network_config: network, concurrency_and_buffer_size: concurrency };
  // null blocks are left out: v1.5 would read null as "clear", v1.4 clears an omitted block anyway.
  for (const key of ECHOED_PROVIDER_FIELDS) if (read[key] !== undefined && read[key] !== null) body[key] = read[key];
  if (generation === "1.4") {
    if (!Array.isArray(read.keys)) {
      throw unexpected(what, "the server behaves as v1.4, where an update without the provider's keys deletes them, but it returned none");
    }
    body.keys = read.keys;
  }
  return body;
}

/** The provider the server should answer with; lets a dry run go on to show the governance write. */
export function expectedProvider(read: WireProvider, body: Record<string, unknown>): WireProvider {
  return { ...read, ...body, name: read.name } as WireProvider;
}
