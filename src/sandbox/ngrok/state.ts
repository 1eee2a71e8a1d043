/** A model entry: `id` is the server's, `modelId` the name clients use after `providerId:` (research §1.3). */
export interface ModelRow {
  id: string;
  modelId: string;
  /** The upstream model id, when it differs from modelId (added to the spec 2026-12-01). */
  providerModelId?: string;
  /** Absent in state files written before 2026-12-01: answered as []. */
  unsupportedParams?: string[];
}

export interface SurfaceRow {
  format: string;
  surface?: string;
  baseUrl?: string;
  supportedParams?: { name: string }[];
}

/** One user-defined provider as the control plane stores it (research §1.3 AIGatewayProvider). */
export interface ProviderRow {
  id: string;
  providerId: string;
  name: string;
  baseUrl: string;
  metadata: string | null;
  /** null = never set or cleared; the wire then leaves the field out. */
  surfaces: SurfaceRow[] | null;
  models: ModelRow[];
  createdAt: string;
  updatedAt: string;
  /** Ids of the API keys that created / last changed it (wire: Ref {id, uri}). */
  createdBy: string;
  lastUpdatedBy: string;
}

/** Something that blocks deletion with 409 (research §1.2): a provider key or an access key configuration entry. */
export interface ReferenceRow {
  kind: "providerKey" | "accessKeyConfiguration";
  id: string;
  /** The server id of the provider it refers to. */
  provider: string;
}

/**
 * An upstream credential (AIGatewayProviderAPIKeyDetail): the value itself is never stored, only its
 * SHA-256 digest (to tell a rotation happened) and the redacted form the API shows.
 */
export interface ProviderKeyRow {
  id: string;
  /** The provider it is for: a catalog providerId (openai) or a custom provider's providerId. */
  providerId: string;
  name: string;
  description: string | null;
  metadata: string | null;
  valueDigest: string;
  keyRedacted: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  lastUpdatedBy: string;
  lastUsed: string | null;
}

/** One access dimension (AccessDimension): absent `allow` = no restriction, [] = nothing allowed. */
export interface AccessDimensionRow {
  allow?: string[];
}

/** AccessScope as stored: absent dimensions impose nothing; the whole scope null = allow-all. */
export interface AccessScopeRow {
  providers?: AccessDimensionRow;
  models?: AccessDimensionRow;
}

/** A router step as stored: provider keys by id (the answer names them from /provider-keys). */
export interface RouterStepRow {
  type: "user" | "ngrok";
  keys?: string[];
  keySelectionStrategy?: "ordered";
}

export interface RouterRuleRow {
  provider?: string;
  model?: string;
  steps: RouterStepRow[];
}

/** An access key configuration (AIGatewayAccessKeyConfiguration): scope and routing, linked to keys. */
export interface ConfigurationRow {
  id: string;
  name: string;
  description: string | null;
  metadata: string | null;
  /** null = never set or cleared (allow-all); the wire then leaves `access` out. */
  access: AccessScopeRow | null;
  /** null = never set or cleared (default routing); the wire then leaves `router` out. */
  router: { rules?: RouterRuleRow[] } | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  lastUpdatedBy: string;
}

/** An access key (AIGatewayAccessKey). The token itself is never stored: it is answered once, at create. */
export interface AccessKeyRow {
  id: string;
  name: string | null;
  description: string | null;
  metadata: string | null;
  keyRedacted: string;
  /** The linked configuration's id; null = allow-all scope. */
  configurationId: string | null;
  lastUsed: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  lastUpdatedBy: string;
}

export interface NgrokState {
  accountId: string;
  /** The id of the API key the sandbox accepts, as it appears in createdBy / lastUpdatedBy. */
  apiKeyId: string;
  providers: Map<string, ProviderRow>;
  references: ReferenceRow[];
  providerKeys: Map<string, ProviderKeyRow>;
  accessKeys: Map<string, AccessKeyRow>;
  configurations: Map<string, ConfigurationRow>;
  /** Last id timestamp and sequence, so ids keep sorting in creation order across restarts (--state). */
  clock: { ms: number; seq: number };
}

export function emptyState(): NgrokState {
  return {
    accountId: "acct_sandbox",
    apiKeyId: "ak_sandbox",
    providers: new Map(),
    references: [],
    providerKeys: new Map(),
    accessKeys: new Map(),
    configurations: new Map(),
    clock: { ms: 0, seq: 0 },
  };
}

interface Snapshot {
  accountId: string;
  apiKeyId: string;
  providers: ProviderRow[];
  references: ReferenceRow[];
  /** Absent in state files written before provider keys were served. */
  providerKeys?: ProviderKeyRow[];
  /** Absent in state files written before access keys were served. */
  accessKeys?: AccessKeyRow[];
  configurations?: ConfigurationRow[];
  clock: { ms: number; seq: number };
}

export function serialize(s: NgrokState): Snapshot {
  return { accountId: s.accountId, apiKeyId: s.apiKeyId, providers: [...s.providers.values()], references: s.references, providerKeys: [...s.providerKeys.values()],
    accessKeys: [...s.accessKeys.values()], configurations: [...s.configurations.values()], clock: s.clock };
}

export function deserialize(raw: unknown): NgrokState {
  const snap = raw as Partial<Snapshot> | null;
  if (!snap || !Array.isArray(snap.providers) || !Array.isArray(snap.references)) {
    throw new Error("the state file does not hold an ngrok sandbox state (no providers/references)");
  }
  const s = emptyState();
  if (typeof snap.accountId === "string") s.accountId = snap.accountId;
  if (typeof snap.apiKeyId === "string") s.apiKeyId = snap.apiKeyId;
  for (const p of snap.providers) s.providers.set(p.id, p);
  s.references = snap.references;
  for (const k of snap.accessKeys ?? []) s.accessKeys.set(k.id, k);
  for (const c of snap.configurations ?? []) s.configurations.set(c.id, c);
  for (const k of snap.providerKeys ?? []) s.providerKeys.set(k.id, k);
  if (snap.clock) s.clock = snap.clock;
  return s;
}
