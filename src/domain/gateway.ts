/**
 * gw's normalized inference gateway (CoreWeave): the stable JSON contract of `gw gateways ... -o json`.
 * Fields are only ever added. A gateway has exactly one auth and exactly one routing strategy; `auth` and
 * `routing` are null only if a control plane answers without one (read leniently, never sent that way).
 */
export interface Gateway {
  id: string;
  backend: string;
  name: string;
  zones: string[];
  auth: GatewayAuth | null;
  /** W&B auth settings (never the API key); null with CoreWeave auth. */
  wandb: { serverUrl: string | null; usageReports: boolean; rateLimiting: boolean } | null;
  routing: GatewayRouting | null;
  /** Body-based routing: the request format, e.g. "openai"; null with other routing. */
  apiType: string | null;
  /** Header-based routing: the header carrying the model name; null with other routing. */
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

/** The names a gateway goes by besides its id (`gw gateways get <id|name>`): its name. */
export function gatewayNames(g: Gateway): string[] {
  return g.name ? [g.name] : [];
}

export type GatewayAuth = "coreweave" | "wandb";
export type GatewayRouting = "body" | "header" | "path";
export type GatewayStatus = "unspecified" | "creating" | "ready" | "updating" | "deleting" | "error" | "failed";

export const GATEWAY_AUTHS: readonly GatewayAuth[] = ["coreweave", "wandb"];
export const GATEWAY_ROUTINGS: readonly GatewayRouting[] = ["body", "header", "path"];
/** Request formats body-based routing understands (research §3.3: only OpenAI besides "unspecified"). */
export const GATEWAY_API_TYPES: readonly string[] = ["openai"];

export interface GatewayCondition {
  type: string;
  /** "True", "False" or "Unknown". */
  status: string;
  reason: string | null;
  message: string | null;
  zone: string | null;
  lastUpdateTime: string | null;
}

/** W&B auth settings as given; absent = the control plane's default (create) or keep (update). */
export interface WandbSettings {
  /** From stdin or GW_WANDB_API_KEY, never argv. */
  apiKey?: string;
  serverUrl?: string;
  usageReports?: boolean;
  rateLimiting?: boolean;
}

/** What `gw gateways create` sends. Exactly one auth and one routing; the W&B key comes from stdin/env. */
export interface GatewayInput {
  name: string;
  zones: string[];
  auth: GatewayAuth;
  wandb?: WandbSettings;
  routing: GatewayRouting;
  apiType?: string;
  headerName?: string;
  additionalDns?: string[];
}

/**
 * A change to a gateway: absent = keep. The adapter merges it into the full spec the API requires
 * (research §3.4). Switching `auth` or `routing` replaces the other block, so exactly one remains.
 */
export interface GatewayPatch {
  name?: string;
  zones?: string[];
  auth?: GatewayAuth;
  /** W&B settings to change; `apiKey` here was given explicitly (--wandb-api-key-stdin) and is always sent. */
  wandb?: WandbSettings;
  routing?: GatewayRouting;
  apiType?: string;
  headerName?: string;
  /** Replaces the additional DNS names. */
  additionalDns?: string[];
  /**
   * GW_WANDB_API_KEY: sent only when the change needs a key and none was given, i.e. when the gateway
   * switches to W&B auth. Staying on W&B auth without a new key keeps the stored one.
   */
  wandbApiKeyIfNeeded?: string;
}

/** Where `--wait` stops: the gateway settled (ready), or disappeared (after a delete). */
export type GatewayWaitTarget = "ready" | "gone";

/** Statuses a change ends in when it did not take (research §3.3: ERROR is recoverable, FAILED is not). */
export const GATEWAY_FAILED_STATUSES: readonly GatewayStatus[] = ["error", "failed"];
