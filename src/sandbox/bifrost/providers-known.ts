/**
 * Bifrost's standard providers (the base_provider_type enum of its provider schema, plus vllm and replicate,
 * which have key configs). A custom provider must be based on one and must not reuse one's name (§2.4).
 */
export const STANDARD_PROVIDERS: readonly string[] = [
  "openai", "azure", "anthropic", "bedrock", "cohere", "vertex", "mistral", "ollama", "groq", "sgl", "parasail",
  "perplexity", "cerebras", "gemini", "openrouter", "elevenlabs", "huggingface", "nebius", "xai", "vllm", "replicate",
];

/** Providers whose key value may be empty (self-hosted servers); the exact set is unconfirmed (§2.10). */
export const KEY_VALUE_OPTIONAL: readonly string[] = ["ollama", "sgl", "vllm"];

/**
 * What Bifrost fills in when a block is left unset (research §2.4: "filled with defaults"). The numbers are
 * Bifrost's core defaults as far as known [U].
 */
export const DEFAULTS = {
  concurrency: 1000,
  bufferSize: 5000,
  requestTimeoutSeconds: 30,
  maxRetries: 0,
  retryBackoffInitialMs: 500,
  retryBackoffMaxMs: 5000,
} as const;
