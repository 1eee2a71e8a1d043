import { seededBytes, type ByteSource } from "../ids.js";
import { seedAccess } from "./access-keys.js";
import { nextId } from "./ids.js";
import { newProviderKey } from "./provider-keys.js";
import { emptyState, type NgrokState, type ProviderRow, type SurfaceRow } from "./state.js";
import { timestamp } from "./wire.js";

/** Seeds start at a fixed instant, so ids (time-ordered) and timestamps are the same on every run. */
const T0 = Date.parse("2026-06-01T09:00:00Z");

interface ProviderInit {
  providerId: string;
  name: string;
  baseUrl: string;
  metadata?: string;
  surfaces?: SurfaceRow[];
  models?: string[];
}

function provider(s: NgrokState, bytes: ByteSource, at: number, init: ProviderInit): ProviderRow {
  const row: ProviderRow = {
    id: nextId(s, "aigp", bytes, at),
    providerId: init.providerId,
    name: init.name,
    baseUrl: init.baseUrl,
    metadata: init.metadata ?? null,
    surfaces: init.surfaces ?? null,
    models: [],
    createdAt: timestamp(at),
    updatedAt: timestamp(at),
    createdBy: s.apiKeyId,
    lastUpdatedBy: s.apiKeyId,
  };
  row.models = (init.models ?? []).map((modelId) => ({ id: nextId(s, "aigpm", bytes, at), modelId, unsupportedParams: [] }));
  s.providers.set(row.id, row);
  return row;
}

const minutes = (n: number) => T0 + n * 60_000;
const chat: SurfaceRow = { format: "openai", surface: "chat-completions" };

/**
 * A small account: providers with and without models, surfaces and metadata, one on an http .internal
 * endpoint, and `my-ollama` referenced by a provider key and an access key configuration, so deleting
 * it answers 409 (research §1.2); `together-proxy` has a provider key too.
 */
function seedDemo(s: NgrokState, bytes: ByteSource): void {
  provider(s, bytes, minutes(0), {
    providerId: "internal-vllm",
    name: "Internal vLLM",
    baseUrl: "http://vllm.internal:8000/v1",
    metadata: "team=platform; gpu=a100",
    surfaces: [{ ...chat, supportedParams: [{ name: "temperature" }, { name: "max_tokens" }] }, { format: "openai", surface: "responses" }],
    models: ["llama-3.1-8b-instruct", "qwen2.5-7b-instruct"],
  });
  const ollama = provider(s, bytes, minutes(5), {
    providerId: "my-ollama",
    name: "Local Ollama",
    baseUrl: "https://my-ollama.internal",
    surfaces: [chat],
    models: ["llama3.2"],
  });
  provider(s, bytes, minutes(10), {
    providerId: "together-proxy",
    name: "Together AI via egress proxy",
    baseUrl: "https://llm-proxy.example.com/together/v1",
    metadata: "owner=ml-infra",
    surfaces: [chat],
    models: ["meta-llama/Llama-3.3-70B-Instruct-Turbo", "mistralai/Mixtral-8x7B-Instruct-v0.1", "Qwen/Qwen2.5-72B-Instruct-Turbo"],
  });
  provider(s, bytes, minutes(15), {
    providerId: "claude-relay",
    name: "Anthropic relay",
    baseUrl: "https://claude-relay.example.com",
    surfaces: [{ format: "anthropic", surface: "messages" }],
  });
  provider(s, bytes, minutes(20), { providerId: "scratch", name: "Scratch endpoint", baseUrl: "https://scratch.example.com/v1" });
  // Provider keys (values kept as digests only): the my-ollama one makes deleting that provider a 409.
  newProviderKey(s, bytes, minutes(25), {
    providerId: ollama.providerId,
    name: "ollama-bearer",
    value: "ollama-sandbox-token-0000000000000001",
    description: "Bearer token of the lab Ollama proxy",
    lastUsed: timestamp(minutes(90)),
  });
  newProviderKey(s, bytes, minutes(30), {
    providerId: "together-proxy",
    name: "together-prod",
    value: "tgp-sandbox-key-00000000000000000002",
    metadata: "owner=ml-infra",
  });
  // Access keys and their configurations; the Default one names my-ollama, so deleting it answers 409 for that too.
  seedAccess(s, bytes, minutes(40));
}

/** N providers a second apart (`provider-00001` oldest), no references: for paging at scale. */
function seedScale(s: NgrokState, bytes: ByteSource, n: number): void {
  for (let i = 0; i < n; i++) {
    const providerId = `provider-${String(i + 1).padStart(5, "0")}`;
    provider(s, bytes, T0 + i * 1000, {
      providerId,
      name: `Provider ${i + 1}`,
      baseUrl: `https://${providerId}.example.com/v1`,
      ...(i % 3 === 0 ? { surfaces: [chat] } : {}),
      models: i % 2 === 0 ? [`model-${i + 1}`] : [],
    });
  }
}

/** `demo`, `empty`, or N providers. */
export function seedState(seed: "demo" | "empty" | number): NgrokState {
  const s = emptyState();
  const bytes = seededBytes(typeof seed === "number" ? 0x6e67 + seed : 0x6e67);
  if (seed === "empty") return s;
  if (typeof seed === "number") {
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`seed must be "demo", "empty" or a non-negative integer, got ${seed}`);
    seedScale(s, bytes, seed);
    return s;
  }
  seedDemo(s, bytes);
  return s;
}
