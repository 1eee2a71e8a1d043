import type { Era } from "./errors.js";

/** `ModelProvider` row; only the fields `/api/model-providers` exposes plus ownership (research §2.6, §3.2). */
export interface ModelProviderRow {
  id: string;
  projectId: string;
  provider: string;
  enabled: boolean;
  customKeys: Record<string, string> | null;
  customModels: unknown[] | null;
  customEmbeddingsModels: unknown[] | null;
  extraHeaders: { key: string; value: string }[] | null;
  defaultModel: string | null;
  createdAt: string;
  updatedAt: string;
}

export type HealthStatus = "UNKNOWN" | "HEALTHY" | "DEGRADED" | "CIRCUIT_OPEN";

/** Era A `GatewayProviderCredential` (research §2.1). */
export interface BindingRow {
  id: string;
  projectId: string;
  modelProviderId: string;
  slot: string;
  rateLimitRpm: number | null;
  rateLimitTpm: number | null;
  rateLimitRpd: number | null;
  rotationPolicy: "MANUAL" | "AUTO" | "EXTERNAL_SECRET_STORE";
  extraHeaders: unknown;
  fallbackPriorityGlobal: number | null;
  providerConfig: unknown;
  healthStatus: HealthStatus;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Fields common to both eras' virtual keys. The secret itself is never kept, only a hash (as the vendor does). */
interface VkBase {
  id: string;
  projectId: string;
  name: string;
  description: string | null;
  displayPrefix: string;
  secretHash: string;
  principalUserId: string | null;
  config: Record<string, unknown>;
  revision: number;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Era A virtual key: the chain is the ordered binding ids (research §2.7, §2.8). */
export interface VkA extends VkBase {
  environment: "live" | "test";
  status: "active" | "revoked";
  chain: string[];
}

export type RoutingMode = "none" | "fallback_all" | "policy";

/** Era B virtual key (research §3.3). */
export interface VkB extends VkBase {
  organizationId: string;
  status: "active" | "disabled" | "revoked";
  purpose: "user" | "langy";
  traceProjectId: string;
  externalId: string | null;
  metadata: Record<string, string>;
  scopes: { scope_type: string; scope_id: string }[];
  routingPolicyId: string | null;
  routingMode: RoutingMode;
  expiresAt: string | null;
  disabledReason: string | null;
  budget: unknown;
}

export interface IdempotencyRecord {
  requestHash: string;
  status: number;
  body: unknown;
  at: number;
}

export interface RoutingPolicy {
  id: string;
  name: string;
  modelProviderIds: string[];
}

export interface LangwatchState {
  projectId: string;
  organizationId: string;
  modelProviders: Map<string, ModelProviderRow>;
  bindings: Map<string, BindingRow>;
  vksA: Map<string, VkA>;
  vksB: Map<string, VkB>;
  routingPolicies: RoutingPolicy[];
  idempotency: Map<string, IdempotencyRecord>;
}

export const PROJECT_ID = "proj_sandbox";
export const ORGANIZATION_ID = "org_sandbox";

export function emptyState(): LangwatchState {
  return {
    projectId: PROJECT_ID,
    organizationId: ORGANIZATION_ID,
    modelProviders: new Map(),
    bindings: new Map(),
    vksA: new Map(),
    vksB: new Map(),
    routingPolicies: [],
    idempotency: new Map(),
  };
}

interface SerializedState {
  projectId: string;
  organizationId: string;
  modelProviders: ModelProviderRow[];
  bindings: BindingRow[];
  virtualKeysA: VkA[];
  virtualKeysB: VkB[];
  routingPolicies: RoutingPolicy[];
  idempotency: [string, IdempotencyRecord][];
}

const byId = <T extends { id: string }>(rows: T[]): Map<string, T> => new Map(rows.map((r) => [r.id, r]));

export function serialize(s: LangwatchState): SerializedState {
  return {
    projectId: s.projectId,
    organizationId: s.organizationId,
    modelProviders: [...s.modelProviders.values()],
    bindings: [...s.bindings.values()],
    virtualKeysA: [...s.vksA.values()],
    virtualKeysB: [...s.vksB.values()],
    routingPolicies: s.routingPolicies,
    idempotency: [...s.idempotency.entries()],
  };
}

/** Loads a state file written by `serialize`; refuses another era's file, whose shapes differ. */
export function deserialize(header: Record<string, unknown>, raw: unknown, era: Era): LangwatchState {
  if (header.era !== era) {
    throw new Error(`state file holds a LangWatch era "${String(header.era)}" sandbox, but era "${era}" was asked for; use another --state file`);
  }
  const s = raw as Partial<SerializedState> | null;
  if (!s || typeof s !== "object" || !Array.isArray(s.bindings) || !Array.isArray(s.modelProviders)) {
    throw new Error("state file is damaged: the LangWatch state lacks bindings or modelProviders");
  }
  return {
    projectId: s.projectId ?? PROJECT_ID,
    organizationId: s.organizationId ?? ORGANIZATION_ID,
    modelProviders: byId(s.modelProviders),
    bindings: byId(s.bindings),
    vksA: byId(s.virtualKeysA ?? []),
    vksB: byId(s.virtualKeysB ?? []),
    routingPolicies: s.routingPolicies ?? [],
    idempotency: new Map(s.idempotency ?? []),
  };
}
