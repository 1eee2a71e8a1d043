/**
 * gw's normalized inference gateway (CoreWeave): the stable JSON contract of `gw gateways ... -o json`.
 * Fields are only ever added. A gateway has exactly one auth and exactly one routing strategy.
 */
export interface Gateway {
  id: string;
  backend: string;
  name: string;
  zones: string[];
  auth: GatewayAuth;
  /** W&B auth settings (never the API key); null with CoreWeave auth. */
  wandb: { serverUrl: string | null; usageReports: boolean; rateLimiting: boolean } | null;
  routing: GatewayRouting;
  /** Body-based routing: the request format, e.g. "openai". */
  apiType: string | null;
  /** Header-based routing: the header carrying the model name. */
  headerName: string | null;
  additionalDns: string[];
  /** Served URLs; filled once the gateway is ready. */
  endpoints: string[];
  /** Lifecycle: creating, ready, updating, deleting, error (recoverable), failed, unspecified. */
  status: GatewayStatus;
  conditions: GatewayCondition[];
  organizationId: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export type GatewayAuth = "coreweave" | "wandb";
export type GatewayRouting = "body" | "header" | "path";
export type GatewayStatus = "unspecified" | "creating" | "ready" | "updating" | "deleting" | "error" | "failed";

export interface GatewayCondition {
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
  zone: string | null;
  lastUpdateTime: string | null;
}

/** What `gw gateways create` sends. Exactly one auth and one routing; the W&B key comes from stdin/env. */
export interface GatewayInput {
  name: string;
  zones: string[];
  auth: GatewayAuth;
  wandb?: { apiKey?: string; serverUrl?: string; usageReports?: boolean; rateLimiting?: boolean };
  routing: GatewayRouting;
  apiType?: string;
  headerName?: string;
  additionalDns?: string[];
}

/** A change to a gateway: absent = keep. The adapter merges it into the full spec the API requires. */
export interface GatewayPatch {
  name?: string;
  zones?: string[];
  auth?: GatewayAuth;
  wandb?: { apiKey?: string; serverUrl?: string | null; usageReports?: boolean; rateLimiting?: boolean };
  routing?: GatewayRouting;
  apiType?: string;
  headerName?: string;
  additionalDns?: string[];
}

/** Where `--wait` stops: the gateway settled (ready), failed, or disappeared (after a delete). */
export type GatewayWaitTarget = "ready" | "gone";
