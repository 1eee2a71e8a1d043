import type { Binding, BindingPatch, BindInput } from "../../domain/binding.js";
import { requirePart } from "../capabilities.js";
import type { ResourceKind, ResourceSpec } from "../../config/resource-kind.js";
import { bifrostVirtualKeys } from "./config-keys.js";
import { bifrostRoutingRules } from "./config-rules.js";

/**
 * Bifrost providers in a document, named by provider name (research §2.3):
 *   providers: [{name, baseProvider, baseUrl, concurrency, bufferSize, maxRetries, requestTimeout, rpm, tpm, rpd}]
 * Limits map onto the provider's governance rate limit as `gw providers update` does: one request limit
 * (rpm or rpd) and one token limit (tpm). Header values and keys are secrets and are not part of documents.
 */
const SETTINGS = ["baseUrl", "concurrency", "bufferSize", "maxRetries", "requestTimeout"] as const;
const LIMITS = ["rpm", "tpm", "rpd"] as const;

export const bifrostProviders: ResourceKind = {
  section: "providers",
  noun: "provider",
  keyFields: ["name"],
  fields: [...SETTINGS, ...LIMITS],
  immutable: ["baseProvider"],

  parse(v, item, path) {
    v.onlyKeys(item, path, ["name", "baseProvider", ...SETTINGS, ...LIMITS]);
    const spec: ResourceSpec = { name: v.string(item, "name", path, true) ?? "" };
    const baseProvider = v.nullableString(item, "baseProvider", path);
    if (baseProvider !== undefined) spec.baseProvider = baseProvider;
    const baseUrl = v.nullableString(item, "baseUrl", path);
    if (baseUrl !== undefined) spec.baseUrl = baseUrl;
    for (const field of ["concurrency", "bufferSize", "requestTimeout"] as const) {
      const n = v.optionalLimit(item, field, path);
      if (n !== undefined) spec[field] = n;
    }
    const retries = v.integer(item, "maxRetries", path);
    if (retries !== null) {
      if (retries < 0) v.fail(item, `${path}.maxRetries: must be 0 or more`);
      spec.maxRetries = retries;
    }
    for (const field of LIMITS) {
      const n = v.optionalLimit(item, field, path);
      if (n !== undefined) spec[field] = n;
    }
    if (typeof spec.rpm === "number" && typeof spec.rpd === "number") {
      v.fail(item, `${path}: Bifrost holds one request limit per provider, with one window: set rpm or rpd, not both`);
    }
    if (typeof spec.concurrency === "number" && typeof spec.bufferSize === "number" && spec.concurrency > spec.bufferSize) {
      v.fail(item, `${path}: concurrency must not exceed bufferSize`);
    }
    return spec;
  },

  async read(backend) {
    return (await requirePart(backend, "providers list").list()).map((b) => ({ key: b.id, id: b.id, spec: specOf(b) }));
  },

  async create(backend, spec) {
    const input: BindInput = { providerId: String(spec.name) };
    if (typeof spec.baseProvider === "string") input.baseProvider = spec.baseProvider;
    if (typeof spec.baseUrl === "string") input.baseUrl = spec.baseUrl;
    if (typeof spec.concurrency === "number") input.concurrency = spec.concurrency;
    if (typeof spec.bufferSize === "number") input.bufferSize = spec.bufferSize;
    if (typeof spec.maxRetries === "number") input.maxRetries = spec.maxRetries;
    if (typeof spec.requestTimeout === "number") input.requestTimeout = spec.requestTimeout;
    for (const dim of LIMITS) if (typeof spec[dim] === "number") input[dim] = spec[dim] as number;
    await requirePart(backend, "providers bind").writes.bind(input);
  },

  async update(backend, id, changed) {
    const patch: BindingPatch = {};
    if (typeof changed.baseUrl === "string") patch.baseUrl = changed.baseUrl;
    if (typeof changed.concurrency === "number") patch.concurrency = changed.concurrency;
    if (typeof changed.bufferSize === "number") patch.bufferSize = changed.bufferSize;
    if (typeof changed.maxRetries === "number") patch.maxRetries = changed.maxRetries;
    if (typeof changed.requestTimeout === "number") patch.requestTimeout = changed.requestTimeout;
    for (const dim of LIMITS) if (changed[dim] !== undefined) patch[dim] = changed[dim] as number | null;
    await requirePart(backend, "providers update").writes.update(id, patch);
  },

  prune: {
    async delete(backend, id) {
      await requirePart(backend, "providers delete").remove(id);
    },
  },

  // The PUT replaces these blocks whole (§2.5): gw can set them, not take them away.
  cannotChange(field, desired) {
    return desired === null && SETTINGS.includes(field as (typeof SETTINGS)[number]) ? `${field} cannot be unset; give a value` : undefined;
  },
};

function specOf(b: Binding): ResourceSpec {
  const d = (b.details ?? {}) as {
    baseProviderType?: string | null;
    concurrency?: number | null;
    bufferSize?: number | null;
    maxRetries?: number | null;
    requestTimeoutSeconds?: number | null;
  };
  return {
    name: b.id,
    baseProvider: d.baseProviderType ?? null,
    baseUrl: b.baseUrl,
    concurrency: d.concurrency ?? null,
    bufferSize: d.bufferSize ?? null,
    maxRetries: d.maxRetries ?? null,
    requestTimeout: d.requestTimeoutSeconds ?? null,
    rpm: b.rpm,
    tpm: b.tpm,
    rpd: b.rpd,
  };
}

/**
 * The document sections of a bifrost profile: providers, then virtual keys (their provider configs name
 * providers), then routing rules (a rule may be scoped to a key, by the key's name): each applied after the one before.
 */
export const bifrostKinds: readonly ResourceKind[] = [bifrostProviders, bifrostVirtualKeys, bifrostRoutingRules];
