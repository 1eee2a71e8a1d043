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
  /** The surface's own upstream URL; the provider's baseUrl when absent (spec x-gw-note, 2026-12-01). */
  baseUrl?: string;
  supportedParams?: { name: string }[];
}

/**
 * A model entry as the API returns it. `providerModelId` (absent = send modelId upstream) and
 * `unsupportedParams` (required, [] when none) were added to the spec 2026-12-01; servers from before
 * leave them out, so gw reads them as optional.
 */
export interface WireModel {
  id: string;
  modelId: string;
  providerModelId?: string;
  unsupportedParams?: string[];
}

/** A model entry in a create or PATCH body (AIGatewayProviderModelCreate): only modelId is required. */
export interface WireModelWrite {
  modelId: string;
  providerModelId?: string;
  unsupportedParams?: string[];
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
  models?: WireModel[];
}

export interface WireProviderCreate {
  providerId: string;
  name: string;
  baseUrl: string;
  metadata?: string;
  supportedApiSurfaces?: WireSurface[];
  models?: WireModelWrite[];
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
  models?: WireModelWrite[];
}

export const PROVIDERS_PATH = "/providers";
/** The maximum page size (§1.5): fewest round trips. */
export const PAGE_LIMIT = 100;
