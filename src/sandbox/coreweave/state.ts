/** The lifecycle values of `status.status` (research §3.3, §3.5); the sandbox never reports UNSPECIFIED. */
export type GatewayPhase =
  | "STATUS_CREATING"
  | "STATUS_READY"
  | "STATUS_UPDATING"
  | "STATUS_DELETING"
  | "STATUS_ERROR"
  | "STATUS_FAILED";

export interface WandbAuthRow {
  /** sha256 of the W&B key: the sandbox needs to know one is stored, never the key itself. */
  apiKeyDigest: string;
  serverUrl: string;
  enableUsageReports: boolean;
  enableRateLimiting: boolean;
}

export type RoutingRow =
  | { kind: "body"; apiType: string }
  | { kind: "header"; headerName: string }
  | { kind: "path" };

/** One gateway as the service stores it: the spec in gw-neutral form plus its lifecycle. */
export interface GatewayRow {
  id: string;
  name: string;
  zones: string[];
  /** null = CoreWeave IAM auth. */
  wandb: WandbAuthRow | null;
  routing: RoutingRow;
  additionalDns: string[];
  allowedSourceIpRanges: string[];
  phase: GatewayPhase;
  /** When the transition under way ends (epoch ms); null once settled. */
  settlesAt: number | null;
  createdAt: string;
  updatedAt: string;
  /** When the phase last changed, for the conditions' lastUpdateTime. */
  phaseSince: string;
}

export interface CoreweaveState {
  organizationId: string;
  gateways: Map<string, GatewayRow>;
}

export const ORGANIZATION_ID = "cw-sandbox";

export function emptyState(): CoreweaveState {
  return { organizationId: ORGANIZATION_ID, gateways: new Map() };
}

interface SerializedState {
  organizationId: string;
  gateways: GatewayRow[];
}

export function serialize(s: CoreweaveState): SerializedState {
  return { organizationId: s.organizationId, gateways: [...s.gateways.values()] };
}

export function deserialize(raw: unknown): CoreweaveState {
  const s = raw as Partial<SerializedState> | null;
  if (!s || typeof s !== "object" || !Array.isArray(s.gateways)) {
    throw new Error("state file is damaged: the CoreWeave state lacks gateways");
  }
  return {
    organizationId: typeof s.organizationId === "string" ? s.organizationId : ORGANIZATION_ID,
    gateways: new Map(s.gateways.map((g) => [g.id, g])),
  };
}
