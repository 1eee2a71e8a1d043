import { withRaw, type WithRaw } from "../../domain/binding.js";
import type { ProviderKey } from "../../domain/provider-key.js";
import { field, isId, isRecord, isString, unexpected } from "../wire-check.js";
import { maskSecrets } from "./mask.js";
import type { Generation } from "./version.js";
import { allowList } from "./vk-from-wire.js";

/** The cloud-specific blocks a key may carry (research §2.4), by the short name gw shows. */
const KEY_CONFIGS = {
  azure_key_config: "azure",
  vertex_key_config: "vertex",
  bedrock_key_config: "bedrock",
  vllm_key_config: "vllm",
  ollama_key_config: "ollama",
  sgl_key_config: "sgl",
  replicate_key_config: "replicate",
  huggingface_key_config: "huggingface",
} as const;

/** Fields the server computes: a PUT of the whole key leaves them out (contract: readOnly). */
export const READ_ONLY_KEY_FIELDS = ["config_hash", "status", "description"] as const;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isString) : []);
const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * Where the value comes from when it is not a literal: the name of the server's environment variable
 * ("env.OPENAI_API_KEY"), which is no secret. The value itself, even redacted, stays out of the record.
 */
function envVarOf(value: unknown): string | null {
  if (isRecord(value)) return text(value.env_var);
  return typeof value === "string" && value.startsWith("env.") ? value : null;
}

/** Model discovery after a key write may fail while the write succeeded (§2.9): `list_models_failed: ...`. */
function discovery(item: Record<string, unknown>): string | null {
  const status = text(item.status);
  if (!status) return null;
  const description = text(item.description);
  return description ? `${status}: ${description}` : status;
}

/** `aliases` (alias -> the provider's model id), string entries only. */
function aliasesOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/**
 * A Bifrost provider key (research §2.4 `Key`) as gw's record. The secret never enters it: not the value,
 * not the server's redacted form; `--raw` shows the server's body with every secret field masked.
 * `models`: null = all (["*"] on v1.5+, [] on v1.4), [] = none (v1.5+).
 */
export function toProviderKey(item: unknown, provider: string, generation: Generation, what: string): WithRaw<ProviderKey> {
  if (!isRecord(item)) throw unexpected(what, "a key is not an object");
  const config = (Object.keys(KEY_CONFIGS) as (keyof typeof KEY_CONFIGS)[]).find((k) => isRecord(item[k]));
  const weight = typeof item.weight === "number" && Number.isFinite(item.weight) ? item.weight : null;
  return withRaw(
    {
      id: field(what, item, "id", isId, "a non-empty string"),
      backend: "bifrost",
      provider,
      name: typeof item.name === "string" ? item.name : "",
      weight,
      models: allowList(item.models, generation),
      enabled: item.enabled !== false,
      createdAt: text(item.created_at),
      updatedAt: text(item.updated_at),
      details: {
        blockedModels: strings(item.blacklisted_models),
        aliases: aliasesOf(item.aliases),
        envVar: envVarOf(item.value),
        config: config ? KEY_CONFIGS[config] : null,
        useForBatchApi: item.use_for_batch_api === true,
        modelDiscovery: discovery(item),
      },
    },
    maskSecrets(item),
  );
}

/** `{keys: [...], total}` from GET /api/providers/{provider}/keys (v1.5+). */
export function keysFromListBody(body: unknown, provider: string, generation: Generation, what: string): WithRaw<ProviderKey>[] {
  if (!isRecord(body) || !Array.isArray(body.keys)) throw unexpected(what, `expected {"keys": [...]}`);
  return body.keys.map((k) => toProviderKey(k, provider, generation, what));
}
