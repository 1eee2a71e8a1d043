/**
 * ngrok AI Gateway wire shapes (research §1.3; ../shared/specs/ngrok-ai-gateway.openapi.yaml,
 * AIGatewayProvider*, SupportedAPISurface, Ref). Optional response fields may be absent.
 */
export interface WireRef {
  id: string;
  uri: string;
}

export interface WireSurface {
  format: string;
  surface?: string;
  supportedParams?: { name: string }[];
}

export interface WireProvider {
  id: string;
  uri: string;
  providerId: string;
  name: string;
  baseUrl: string;
  metadata?: string;
  createdAt: string;
  updatedAt: string;
  createdBy: WireRef;
  lastUpdatedBy: WireRef;
  supportedApiSurfaces?: WireSurface[];
  models?: { id: string; modelId: string }[];
}

export interface WireProviderCreate {
  providerId: string;
  name: string;
  baseUrl: string;
  metadata?: string;
  supportedApiSurfaces?: WireSurface[];
  models?: { modelId: string }[];
}

/**
 * PATCH body: absent keeps. gw sends null only where the schema and research agree it clears (metadata,
 * supportedApiSurfaces); never for name or models, whose null meaning is unconfirmed (§1.4), and never
 * providerId, which the schema refuses (additionalProperties: false).
 */
export interface WireProviderUpdate {
  name?: string;
  baseUrl?: string;
  metadata?: string | null;
  supportedApiSurfaces?: WireSurface[] | null;
  models?: { modelId: string }[];
}

export const PROVIDERS_PATH = "/providers";
/** The maximum page size (§1.5): fewest round trips. */
export const PAGE_LIMIT = 100;
