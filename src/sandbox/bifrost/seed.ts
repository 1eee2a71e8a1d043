import { seededBytes, type ByteSource } from "../ids.js";
import { budget, key, provider, rateLimit, rule, secret, virtualKey } from "./seed-builders.js";
import { emptyState, type BifrostState, type BifrostVersion, type GovernanceRow } from "./state.js";

/**
 * openai (two keys, one from an env var; 600 rpm, 150k tpm, a monthly budget), anthropic (10000 rpd),
 * azure (limits in non-standard windows: 5000 per hour, 2M tokens per day; an HTTP proxy with credentials),
 * internal-llm (a keyless custom provider on a private network), groq (failed model discovery).
 * `all` is how an allow-list says "every model" in this generation: [] on v1.4, ["*"] on v1.5 (research §2.1).
 */
function seedProviders(s: BifrostState, bytes: ByteSource, all: string[]): void {
  const rows = [
    provider("openai", {
      network_config: {
        base_url: "https://api.openai.com",
        extra_headers: { "OpenAI-Organization": "org-sandbox" },
        default_request_timeout_in_seconds: 60,
        max_retries: 2,
      },
      concurrency_and_buffer_size: { concurrency: 50, buffer_size: 500 },
      keys: [
        key(bytes, "openai-prod", secret("sk-proj-sandboxOpenAiProdKey000000000001"), ["gpt-4o", "gpt-4o-mini"], 0.7),
        key(bytes, "openai-backup", secret("sk-proj-sandboxOpenAiBackupKey00000002", "env.OPENAI_BACKUP_KEY"), all, 0.3),
      ],
    }),
    provider("anthropic", {
      keys: [key(bytes, "anthropic-main", secret("sk-ant-sandboxAnthropicKey000000000003"), all)],
    }),
    provider("azure", {
      network_config: { base_url: "https://sandbox-resource.openai.azure.com", max_retries: 1 },
      proxy_config: { type: "http", url: secret("http://proxy.internal:3128"), username: secret("gw-proxy"), password: secret("sandbox-proxy-password") },
      keys: [
        key(bytes, "azure-eastus", secret("azure-sandbox-key-0000000000000000000004"), ["gpt-4o"], 1, {
          azure_key_config: { endpoint: secret("https://sandbox-resource.openai.azure.com"), api_version: secret("2024-10-21") },
        }),
      ],
    }),
    provider("internal-llm", {
      network_config: { base_url: "http://10.20.0.15:8000/v1", allow_private_network: true, default_request_timeout_in_seconds: 120 },
      custom_provider_config: {
        base_provider_type: "openai",
        is_key_less: true,
        allowed_requests: { list_models: true, chat_completion: true, chat_completion_stream: true },
      },
    }),
    provider("groq", {
      network_config: { base_url: "https://api.groq.com/openai" },
      keys: [key(bytes, "groq-main", secret("gsk_sandboxGroqKeyThatIsRevoked0000005"), all)],
      provider_status: "error",
      status: "list_models_failed",
      description: "failed to list models: 401 Invalid API Key",
    }),
  ];
  for (const row of rows) s.providers.set(row.name, row);
  const governance: [string, GovernanceRow][] = [
    ["openai", { budgets: [budget(bytes, 1, 500, "1M", 123.45)], rate_limit: rateLimit(bytes, 1, [600, "1m", 12], [150_000, "1m", 3400]), calendar_aligned: true }],
    ["anthropic", { budgets: [], rate_limit: rateLimit(bytes, 2, [10_000, "1d", 840]), calendar_aligned: false }],
    ["azure", { budgets: [], rate_limit: rateLimit(bytes, 3, [5000, "1h", 77], [2_000_000, "1d", 45_000]), calendar_aligned: false }],
  ];
  for (const [name, row] of governance) s.governance.set(name, row);
}

/**
 * Keys that exercise every column: weighted configs with per-config limits and budgets (prod-chat), a team
 * key whose own limit cannot be reached (batch-jobs), a config above its provider's limit (support-bot), an
 * inactive customer key with an empty allow-list (legacy-app). Routing rules at key, team and global scope.
 */
function seedGovernance(s: BifrostState, bytes: ByteSource, all: string[]): void {
  const prod = virtualKey(s, bytes, 10, {
    name: "prod-chat",
    description: "Customer chat, production",
    configs: [
      { provider: "openai", weight: 0.7, models: ["gpt-4o", "gpt-4o-mini"], requests: [300, "1m", 20] },
      { provider: "anthropic", weight: 0.3, models: all, budgets: [[50, "1M", 12.5]] },
    ],
    requests: [1200, "1m", 40],
    tokens: [200_000, "1m", 5200],
    budgets: [[100, "1M", 37.5], [10, "1d", 2.25]],
  });
  virtualKey(s, bytes, 11, {
    name: "batch-jobs",
    description: "Nightly batch pipeline",
    team: "team-data",
    configs: [{ provider: "internal-llm", weight: 1, models: all, requests: [50_000, "1d"] }],
    requests: [200_000, "1d"],
  });
  virtualKey(s, bytes, 12, {
    name: "support-bot",
    description: "Support assistant",
    configs: [{ provider: "openai", weight: 1, models: ["gpt-4o-mini"], requests: [900, "1m"] }],
    budgets: [[20, "1w", 4]],
  });
  virtualKey(s, bytes, 13, {
    name: "legacy-app",
    description: "Retired integration",
    active: false,
    customer: "cust-acme",
    configs: [{ provider: "anthropic", weight: null, models: [] }],
  });

  rule(s, bytes, 20, {
    name: "prod-gpt4o-split",
    description: "Split gpt-4o between OpenAI and Azure",
    cel_expression: 'model == "gpt-4o"',
    targets: [
      { provider: "openai", model: "gpt-4o", key_id: null, weight: 0.7 },
      { provider: "azure", model: "gpt-4o", key_id: null, weight: 0.3 },
    ],
    fallbacks: ["anthropic/claude-3-5-sonnet-20241022", "groq/llama-3.3-70b-versatile"],
    scope: "virtual_key",
    scope_id: prod.id,
    priority: 1,
  });
  rule(s, bytes, 21, {
    name: "prod-free-tier",
    description: "Experiment, switched off",
    enabled: false,
    cel_expression: 'headers["x-tier"] == "free"',
    targets: [{ provider: "groq", model: "llama-3.1-8b-instant", key_id: null, weight: 1 }],
    fallbacks: [],
    scope: "virtual_key",
    scope_id: prod.id,
    priority: 5,
  });
  rule(s, bytes, 22, {
    name: "data-team-batch",
    cel_expression: 'request_type == "batch"',
    targets: [{ provider: "internal-llm", model: null, key_id: null, weight: 1 }],
    fallbacks: ["openai/gpt-4o-mini"],
    scope: "team",
    scope_id: "team-data",
    priority: 10,
  });
  rule(s, bytes, 23, {
    name: "global-default",
    description: "Everything else",
    cel_expression: "true",
    targets: [{ provider: "openai", model: null, key_id: null, weight: 1 }],
    fallbacks: ["anthropic/claude-3-5-haiku-20241022"],
    scope: "global",
    priority: 100,
  });
}

/**
 * v2 only: a key allowed every provider through allow_all_providers (v2.1+), with no provider config of its
 * own: on v1.5 the same row would allow nothing. Seeded last, so the ids seeded before it match v1.5's.
 */
function seedV2(s: BifrostState, bytes: ByteSource): void {
  virtualKey(s, bytes, 14, { name: "platform-admin", description: "Platform team, every provider", team: "team-platform", configs: [], allowAll: true });
}

/** `count` custom providers (provider-001, ...), each with a key and a virtual key routed to it: data for paging and scale. */
function seedMany(s: BifrostState, bytes: ByteSource, count: number, all: string[]): void {
  for (let i = 1; i <= count; i++) {
    const name = `provider-${String(i).padStart(3, "0")}`;
    s.providers.set(
      name,
      provider(name, {
        network_config: { base_url: `https://llm-${String(i).padStart(3, "0")}.example.com/v1` },
        custom_provider_config: { base_provider_type: "openai", is_key_less: false },
        keys: [key(bytes, `${name}-key`, secret(`sk-sandbox-${name}-000000000000`), all)],
      }),
    );
    virtualKey(s, bytes, i, { name: `vk-${String(i).padStart(3, "0")}`, description: "", configs: [{ provider: name, weight: 1, models: all }] });
  }
}

export function seedState(seed: "demo" | "empty" | number, version: BifrostVersion): BifrostState {
  const s = emptyState();
  const bytes = seededBytes(4);
  const all = version === "1.4" ? [] : ["*"];
  if (seed === "demo") {
    seedProviders(s, bytes, all);
    seedGovernance(s, bytes, all);
    if (version === "2") seedV2(s, bytes);
  } else if (typeof seed === "number") {
    seedMany(s, bytes, seed, all);
  }
  return s;
}
