/**
 * CoreWeave Inference API v1alpha1 wire shapes (research §3.3; specs/coreweave-inference.openapi.yaml
 * CreateGatewayRequest, UpdateGatewayRequest, Gateway). Protobuf JSON: lowerCamelCase, enums by name
 * (older pages showed numbers, which gw also reads), and empty fields may be left out.
 */
export const GATEWAYS_PATH = "/v1alpha1/inference/gateways";
export const PARAMETERS_PATH = `${GATEWAYS_PATH}/parameters`;

export const gatewayPath = (id: string): string => `${GATEWAYS_PATH}/${encodeURIComponent(id)}`;

export interface WireWandbAuth {
  apiKey?: string;
  serverUrl?: string;
  enableUsageReports?: boolean;
  enableRateLimiting?: boolean;
}

export interface WireEndpointConfiguration {
  additionalDns?: string[];
  allowedSourceIpRanges?: string[];
  [unknown: string]: unknown;
}

/** The spec fields a request carries: one auth block, one routing block. */
export interface WireGatewayRequest {
  id?: string;
  name: string;
  zones: string[];
  coreWeaveAuth?: Record<string, never>;
  weightsAndBiasesAuth?: WireWandbAuth;
  endpointConfiguration?: WireEndpointConfiguration;
  bodyBasedRouting?: { apiType: string };
  headerBasedRouting?: { headerName: string };
  pathBasedRouting?: Record<string, never>;
  [unknown: string]: unknown;
}

/** `status.status` by name, in proto order (index = the integer an older encoding sends). */
export const WIRE_STATUSES = [
  "STATUS_UNSPECIFIED",
  "STATUS_CREATING",
  "STATUS_READY",
  "STATUS_UPDATING",
  "STATUS_DELETING",
  "STATUS_ERROR",
  "STATUS_FAILED",
] as const;

/** `bodyBasedRouting.apiType` by name, in proto order. */
export const WIRE_API_TYPES = ["API_TYPE_UNSPECIFIED", "API_TYPE_OPENAI"] as const;

export const AUTH_BLOCKS = ["coreWeaveAuth", "weightsAndBiasesAuth"] as const;
export const ROUTING_BLOCKS = ["bodyBasedRouting", "headerBasedRouting", "pathBasedRouting"] as const;
/** Spec fields the service sets; an update request has no place for them. */
export const OUTPUT_ONLY_SPEC_FIELDS = ["organizationId"] as const;
