import type { Reply, Route } from "../backend.js";
import { nanoid } from "../ids.js";
import { flat, isReply } from "./errors.js";
import { MASKED_KEY_PLACEHOLDER, maskKeys, REGISTRY } from "./registry.js";
import { arrayOf, bool, Invalid, nullable, object, oneOf, opt, recordOf, req, str, int } from "./schema.js";
import type { LangwatchState, ModelProviderRow } from "./state.js";

/**
 * `GET /api/model-providers`: an object keyed by provider key; stored rows of the caller's project carry
 * `id`, registry defaults nobody stored do not (research §2.6). Identical in both eras (§3.2).
 */
export function providerMap(s: LangwatchState): Record<string, Record<string, unknown>> {
  const stored = new Map<string, ModelProviderRow>();
  for (const row of s.modelProviders.values()) {
    if (row.projectId === s.projectId && !stored.has(row.provider)) stored.set(row.provider, row);
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [provider, reg] of Object.entries(REGISTRY)) {
    const row = stored.get(provider);
    const base = { provider, models: reg.models, embeddingsModels: reg.embeddingsModels, deploymentMapping: null, disabledByDefault: reg.disabledByDefault ?? false };
    out[provider] = row
      ? {
          id: row.id,
          ...base,
          enabled: row.enabled,
          customKeys: maskKeys(row.customKeys),
          customModels: row.customModels,
          customEmbeddingsModels: row.customEmbeddingsModels,
          extraHeaders: row.extraHeaders ?? [],
        }
      : { ...base, enabled: false, customKeys: null, customModels: null, customEmbeddingsModels: null, extraHeaders: [] };
  }
  return out;
}

const PARAMETERS = ["temperature", "max_tokens", "top_p", "frequency_penalty", "presence_penalty", "top_k", "min_p", "repetition_penalty", "seed", "reasoning", "verbosity"] as const;
const customModel = object({
  modelId: req(str({ min: 1 })),
  displayName: req(str({ min: 1 })),
  mode: req(oneOf(["chat", "embedding"])),
  maxTokens: opt(nullable(int({ gt: 0 }))),
  supportedParameters: opt(arrayOf(oneOf(PARAMETERS))),
  multimodalInputs: opt(arrayOf(oneOf(["image", "file", "audio"]))),
});
const putSchema = object({
  enabled: req(bool),
  customKeys: opt(nullable(recordOf(str()))),
  customModels: opt(nullable(arrayOf(customModel))),
  customEmbeddingsModels: opt(nullable(arrayOf(customModel))),
  extraHeaders: opt(nullable(arrayOf(object({ key: req(str()), value: req(str()) })))),
  defaultModel: opt(str()),
});

/** The legacy families answer schema failures 422 in a flat shape (research §3.5) [U: exact fields]. */
function validate(body: unknown): Record<string, unknown> | Reply {
  try {
    return putSchema(body, "");
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    return {
      status: 422,
      body: { error: "validation_error", message: err.message, target: "json", fields: { [err.path || "body"]: [err.reason] }, reasons: [err.message] },
    };
  }
}

/** Upsert by provider key; a masked placeholder sent back keeps the stored secret, as the vendor's form does. */
function put(s: LangwatchState, provider: string, body: unknown): Reply {
  const input = validate(body);
  if (isReply(input)) return input;
  if (!REGISTRY[provider]) return flat(400, `Provider ${provider} is not supported`);
  const now = new Date().toISOString();
  const existing = [...s.modelProviders.values()].find((r) => r.projectId === s.projectId && r.provider === provider);
  const row: ModelProviderRow = existing
    ? { ...existing }
    : { id: nanoid(), projectId: s.projectId, provider, enabled: false, customKeys: null, customModels: null, customEmbeddingsModels: null, extraHeaders: null, defaultModel: null, createdAt: now, updatedAt: now };
  row.enabled = input.enabled as boolean;
  if (input.customKeys !== undefined) {
    const keys = input.customKeys as Record<string, string> | null;
    row.customKeys = keys && Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v === MASKED_KEY_PLACEHOLDER ? (existing?.customKeys?.[k] ?? "") : v]));
  }
  if (input.customModels !== undefined) row.customModels = input.customModels as unknown[] | null;
  if (input.customEmbeddingsModels !== undefined) row.customEmbeddingsModels = input.customEmbeddingsModels as unknown[] | null;
  if (input.extraHeaders !== undefined) row.extraHeaders = input.extraHeaders as ModelProviderRow["extraHeaders"];
  if (input.defaultModel !== undefined) row.defaultModel = input.defaultModel as string;
  row.updatedAt = now;
  s.modelProviders.set(row.id, row);
  return { status: 200, body: providerMap(s) };
}

export function modelProviderRoutes(s: LangwatchState): Route[] {
  return [
    { method: "GET", path: "/api/model-providers", handle: () => ({ status: 200, body: providerMap(s) }) },
    { method: "PUT", path: "/api/model-providers/:provider", body: "json", mutates: true, handle: (c) => put(s, c.params.provider ?? "", c.body) },
  ];
}
