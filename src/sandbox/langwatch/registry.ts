/**
 * A slice of LangWatch's model-provider registry: the keys `GET /api/model-providers` is keyed by and the
 * models it lists. Entries nobody stored come back without `id` (research §2.6).
 */
export interface RegistryEntry {
  keys: string[];
  models: string[];
  embeddingsModels: string[];
  disabledByDefault?: boolean;
}

export const REGISTRY: Record<string, RegistryEntry> = {
  openai: {
    keys: ["OPENAI_API_KEY", "OPENAI_BASE_URL"],
    models: ["openai/gpt-5", "openai/gpt-5-mini", "openai/gpt-4.1", "openai/gpt-4o-mini"],
    embeddingsModels: ["openai/text-embedding-3-small", "openai/text-embedding-3-large"],
  },
  anthropic: {
    keys: ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"],
    models: ["anthropic/claude-sonnet-4-5", "anthropic/claude-opus-4-1", "anthropic/claude-haiku-4-5"],
    embeddingsModels: [],
  },
  azure: {
    keys: ["AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT"],
    models: ["azure/gpt-4.1", "azure/gpt-4o-mini"],
    embeddingsModels: ["azure/text-embedding-3-small"],
  },
  gemini: {
    keys: ["GEMINI_API_KEY"],
    models: ["gemini/gemini-2.5-pro", "gemini/gemini-2.5-flash"],
    embeddingsModels: ["gemini/text-embedding-004"],
  },
  bedrock: {
    keys: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION_NAME"],
    models: ["bedrock/anthropic.claude-sonnet-4-5", "bedrock/meta.llama3-3-70b-instruct"],
    embeddingsModels: ["bedrock/amazon.titan-embed-text-v2"],
    disabledByDefault: true,
  },
  vertex_ai: {
    keys: ["GOOGLE_APPLICATION_CREDENTIALS", "VERTEXAI_PROJECT", "VERTEXAI_LOCATION"],
    models: ["vertex_ai/gemini-2.5-pro", "vertex_ai/gemini-2.5-flash"],
    embeddingsModels: ["vertex_ai/text-embedding-004"],
    disabledByDefault: true,
  },
  groq: { keys: ["GROQ_API_KEY"], models: ["groq/llama-3.3-70b-versatile"], embeddingsModels: [], disabledByDefault: true },
  deepseek: { keys: ["DEEPSEEK_API_KEY"], models: ["deepseek/deepseek-chat"], embeddingsModels: [], disabledByDefault: true },
  xai: { keys: ["XAI_API_KEY"], models: ["xai/grok-4"], embeddingsModels: [], disabledByDefault: true },
  custom: { keys: ["CUSTOM_API_KEY", "CUSTOM_BASE_URL"], models: [], embeddingsModels: [], disabledByDefault: true },
};

/** LangWatch `MASKED_KEY_PLACEHOLDER`: values of keys matching KEY_CHECK come back as this, never in clear. */
export const MASKED_KEY_PLACEHOLDER = "HAS_KEY••••••••••••••••••••••••";
const KEY_CHECK = ["KEY", "GOOGLE_APPLICATION_CREDENTIALS"];

export const isSecretKeyName = (name: string): boolean => KEY_CHECK.some((k) => name.includes(k));

export function maskKeys(keys: Record<string, string> | null): Record<string, string> | null {
  if (!keys) return null;
  return Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, isSecretKeyName(k) ? MASKED_KEY_PLACEHOLDER : v]));
}
