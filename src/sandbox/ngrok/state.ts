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

export interface NgrokState {
  accountId: string;
  /** The id of the API key the sandbox accepts, as it appears in createdBy / lastUpdatedBy. */
  apiKeyId: string;
  providers: Map<string, ProviderRow>;
  references: ReferenceRow[];
  /** Last id timestamp and sequence, so ids keep sorting in creation order across restarts (--state). */
  clock: { ms: number; seq: number };
}

export function emptyState(): NgrokState {
  return {
    accountId: "acct_sandbox",
    apiKeyId: "ak_sandbox",
    providers: new Map(),
    references: [],
    clock: { ms: 0, seq: 0 },
  };
}

interface Snapshot {
  accountId: string;
  apiKeyId: string;
  providers: ProviderRow[];
  references: ReferenceRow[];
  clock: { ms: number; seq: number };
}

export function serialize(s: NgrokState): Snapshot {
  return { accountId: s.accountId, apiKeyId: s.apiKeyId, providers: [...s.providers.values()], references: s.references, clock: s.clock };
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
  if (snap.clock) s.clock = snap.clock;
  return s;
}
