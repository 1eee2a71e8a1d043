import { nanoid, seededBytes, type ByteSource } from "../ids.js";
import type { Era } from "./errors.js";
import { emptyState, type BindingRow, type HealthStatus, type LangwatchState, type ModelProviderRow, type VkA, type VkB } from "./state.js";
import { defaultConfig } from "./vk-config.js";
import { mintSecret, newVkId } from "./vk-common.js";

/** Seeded timestamps: readable, ordered, in the Era A release window (v3.2.0 shipped 2026-04-25). */
const T0 = Date.parse("2026-05-01T09:00:00.000Z");
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** A ModelProvider of another project: bind → 404, chain → 500 (research §2.3, §2.7), never listed. */
export const FOREIGN_PROJECT_ID = "proj_other";

function provider(s: LangwatchState, bytes: ByteSource, p: string, enabled: boolean, minute: number, projectId = s.projectId): ModelProviderRow {
  const row: ModelProviderRow = {
    id: nanoid(bytes),
    projectId,
    provider: p,
    enabled,
    customKeys: p === "azure" ? { AZURE_OPENAI_API_KEY: "sandbox-azure-key", AZURE_OPENAI_ENDPOINT: "https://sandbox.openai.azure.com" } : { [`${p.toUpperCase()}_API_KEY`]: `sandbox-${p}-key` },
    customModels: null,
    customEmbeddingsModels: null,
    extraHeaders: null,
    defaultModel: null,
    createdAt: at(minute),
    updatedAt: at(minute),
  };
  s.modelProviders.set(row.id, row);
  return row;
}

type BindingInit = Partial<Pick<BindingRow, "rateLimitRpm" | "rateLimitTpm" | "rateLimitRpd" | "fallbackPriorityGlobal" | "healthStatus" | "disabledAt">>;

function binding(s: LangwatchState, id: string, mp: ModelProviderRow, slot: string, created: string, init: BindingInit = {}): BindingRow {
  const row: BindingRow = {
    id,
    projectId: mp.projectId,
    modelProviderId: mp.id,
    slot,
    rateLimitRpm: null,
    rateLimitTpm: null,
    rateLimitRpd: null,
    rotationPolicy: "MANUAL",
    extraHeaders: null,
    fallbackPriorityGlobal: null,
    providerConfig: null,
    healthStatus: "UNKNOWN",
    disabledAt: null,
    createdAt: created,
    updatedAt: init.disabledAt ?? created,
    ...init,
  };
  s.bindings.set(row.id, row);
  return row;
}

interface Providers {
  openai: ModelProviderRow;
  anthropic: ModelProviderRow;
  azure: ModelProviderRow;
}

/** openai, anthropic, azure enabled; gemini stored but disabled; the rest stay registry defaults (no id). */
function seedProviders(s: LangwatchState, bytes: ByteSource): Providers {
  const openai = provider(s, bytes, "openai", true, 0);
  const anthropic = provider(s, bytes, "anthropic", true, 1);
  const azure = provider(s, bytes, "azure", true, 2);
  provider(s, bytes, "gemini", false, 3);
  provider(s, bytes, "openai", true, 4, FOREIGN_PROJECT_ID);
  return { openai, anthropic, azure };
}

function vkA(s: LangwatchState, bytes: ByteSource, name: string, minute: number, chain: string[], extra: Partial<VkA> = {}): void {
  const environment = extra.environment ?? "live";
  const minted = mintSecret(`lw_vk_${environment}_`, bytes, T0 + minute * 60_000);
  const key: VkA = {
    id: newVkId(bytes),
    projectId: s.projectId,
    name,
    description: null,
    environment,
    status: "active",
    displayPrefix: minted.displayPrefix,
    secretHash: minted.secretHash,
    principalUserId: null,
    chain,
    config: defaultConfig("a"),
    revision: 1,
    createdAt: at(minute),
    updatedAt: at(minute),
    lastUsedAt: null,
    revokedAt: null,
    ...extra,
  };
  s.vksA.set(key.id, key);
}

function seedEraA(s: LangwatchState, bytes: ByteSource, p: Providers): void {
  const openaiPrimary = binding(s, nanoid(bytes), p.openai, "primary", at(10), { rateLimitRpm: 600, rateLimitRpd: 10000, fallbackPriorityGlobal: 10, healthStatus: "HEALTHY" });
  const anthropicPrimary = binding(s, nanoid(bytes), p.anthropic, "primary", at(11), { fallbackPriorityGlobal: 20 });
  const azureFallback = binding(s, nanoid(bytes), p.azure, "fallback-1", at(12), { rateLimitRpm: 300, fallbackPriorityGlobal: 30, healthStatus: "DEGRADED" });
  const openaiBatch = binding(s, nanoid(bytes), p.openai, "batch", at(13), { rateLimitRpm: 60 });
  binding(s, nanoid(bytes), p.azure, "primary", at(14), { rateLimitRpm: 120, fallbackPriorityGlobal: 40, disabledAt: at(60 * 24 * 14) });
  const foreign = [...s.modelProviders.values()].find((m) => m.projectId === FOREIGN_PROJECT_ID);
  if (foreign) binding(s, nanoid(bytes), foreign, "primary", at(15));

  const prodConfig = { ...defaultConfig("a"), rateLimits: { rpm: 1200, tpm: null, rpd: null } };
  vkA(s, bytes, "prod-chat", 20, [openaiPrimary.id, anthropicPrimary.id, azureFallback.id], {
    description: "Customer chat, production",
    config: prodConfig,
    revision: 3,
    updatedAt: at(60 * 24 * 3),
    lastUsedAt: at(60 * 24 * 20),
  });
  vkA(s, bytes, "ci", 21, [anthropicPrimary.id], { environment: "test", description: "CI smoke tests" });
  vkA(s, bytes, "legacy-batch", 22, [openaiBatch.id], { status: "revoked", revokedAt: at(60 * 24 * 7), updatedAt: at(60 * 24 * 7), revision: 2 });
}

function vkB(s: LangwatchState, bytes: ByteSource, name: string, minute: number, extra: Partial<VkB> = {}): void {
  const minted = mintSecret("vk-lw-", bytes, T0 + minute * 60_000);
  const key: VkB = {
    id: newVkId(bytes),
    projectId: s.projectId,
    organizationId: s.organizationId,
    name,
    description: null,
    status: "active",
    purpose: "user",
    displayPrefix: minted.displayPrefix,
    secretHash: minted.secretHash,
    principalUserId: null,
    traceProjectId: s.projectId,
    externalId: null,
    metadata: {},
    scopes: [{ scope_type: "project", scope_id: s.projectId }],
    routingPolicyId: null,
    routingMode: "none",
    config: defaultConfig("b"),
    revision: 1,
    createdAt: at(minute),
    updatedAt: at(minute),
    lastUsedAt: null,
    revokedAt: null,
    expiresAt: null,
    disabledReason: null,
    budget: null,
    ...extra,
  };
  s.vksB.set(key.id, key);
}

function seedEraB(s: LangwatchState, bytes: ByteSource, p: Providers): void {
  const policy = { id: `rp_${nanoid(bytes)}`, name: "cheap-first", modelProviderIds: [p.anthropic.id, p.openai.id] };
  s.routingPolicies.push(policy);
  const base = defaultConfig("b");
  vkB(s, bytes, "prod-chat", 20, {
    description: "Customer chat, production",
    routingMode: "fallback_all",
    config: { ...base, providersAllowed: [p.openai.id, p.anthropic.id, p.azure.id], fallback: { maxAttempts: 3 }, rateLimits: { rpm: 1200, tpm: null, rpd: null } },
    revision: 3,
    metadata: { team: "support" },
    lastUsedAt: at(60 * 24 * 20),
  });
  vkB(s, bytes, "ci", 21, { description: "CI smoke tests", config: { ...base, providersAllowed: [p.anthropic.id], fallback: { maxAttempts: 1 } } });
  vkB(s, bytes, "batch-policy", 22, { routingMode: "policy", routingPolicyId: policy.id, externalId: "batch-001" });
  vkB(s, bytes, "staging", 23, { status: "disabled", disabledReason: "paused during migration", revision: 2 });
  vkB(s, bytes, "legacy", 24, { status: "revoked", revokedAt: at(60 * 24 * 7), revision: 2 });
}

const HEALTH: HealthStatus[] = ["HEALTHY", "HEALTHY", "UNKNOWN", "DEGRADED", "CIRCUIT_OPEN"];

/** N bindings spread over the three enabled providers with unique (provider, slot); cheap for N = 10,000. */
function seedScale(s: LangwatchState, bytes: ByteSource, p: Providers, n: number): void {
  const mps = [p.openai, p.anthropic, p.azure];
  const ids = bytes(n * 21);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  for (let i = 0; i < n; i++) {
    let id = "";
    for (let j = 0; j < 21; j++) id += alphabet[(ids[i * 21 + j] ?? 0) & 63];
    const round = Math.floor(i / 3);
    binding(s, id, mps[i % 3] as ModelProviderRow, round === 0 ? "primary" : `fallback-${round}`, new Date(T0 + 600_000 + i * 1000).toISOString(), {
      rateLimitRpm: i % 4 === 0 ? null : 60 * (1 + (i % 20)),
      rateLimitTpm: i % 3 === 0 ? 10_000 * (1 + (i % 7)) : null,
      rateLimitRpd: i % 5 === 0 ? 50_000 : null,
      fallbackPriorityGlobal: i % 6 === 5 ? null : (i % 100) * 10,
      healthStatus: HEALTH[i % HEALTH.length] as HealthStatus,
      disabledAt: i % 50 === 49 ? at(60 * 24 * 10) : null,
    });
  }
}

const MODES = ["none", "fallback_all", "policy"] as const;

/** Era B has no bindings, so N means N virtual keys (for paging at scale). */
function seedScaleB(s: LangwatchState, bytes: ByteSource, p: Providers, n: number): void {
  const policy = { id: `rp_${nanoid(bytes)}`, name: "cheap-first", modelProviderIds: [p.anthropic.id, p.openai.id] };
  s.routingPolicies.push(policy);
  for (let i = 0; i < n; i++) {
    const mode = MODES[i % 3] ?? "none";
    vkB(s, bytes, `key-${String(i + 1).padStart(5, "0")}`, 30 + i, {
      routingMode: mode,
      routingPolicyId: mode === "policy" ? policy.id : null,
      status: i % 40 === 39 ? "disabled" : "active",
    });
  }
}

/** `demo`: a realistic project; `empty`: providers only; N: providers and N bindings (Era A) or N keys (Era B). */
export function seedState(seed: "demo" | "empty" | number, era: Era): LangwatchState {
  const s = emptyState();
  const bytes = seededBytes(typeof seed === "number" ? 0x5eed + seed : 0x5eed);
  const p = seedProviders(s, bytes);
  if (seed === "empty") return s;
  if (typeof seed === "number") {
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`seed must be "demo", "empty" or a non-negative integer, got ${seed}`);
    if (era === "a") seedScale(s, bytes, p, seed);
    else seedScaleB(s, bytes, p, seed);
    return s;
  }
  if (era === "a") seedEraA(s, bytes, p);
  else seedEraB(s, bytes, p);
  return s;
}
