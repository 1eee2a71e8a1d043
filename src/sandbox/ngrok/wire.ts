import type { IncomingHttpHeaders } from "node:http";
import type { ProviderRow } from "./state.js";

export const PROVIDERS = "/providers";

/**
 * The origin the client reached the sandbox at, for the absolute URIs ngrok puts in bodies (`uri`,
 * `nextPageUri`, Ref `uri`). Whether the real nextPageUri is absolute is unconfirmed (research §1.8);
 * ngrok's other API (api.ngrok.com) uses absolute URIs, so the sandbox does too.
 */
export function originOf(headers: IncomingHttpHeaders): string {
  const host = typeof headers.host === "string" && headers.host ? headers.host : "127.0.0.1";
  return `http://${host}`;
}

/** A stored provider as the API returns it: optional fields left out when unset (research §1.3). */
export function providerBody(p: ProviderRow, origin: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: p.id,
    uri: `${origin}${PROVIDERS}/${encodeURIComponent(p.id)}`,
    providerId: p.providerId,
    name: p.name,
    baseUrl: p.baseUrl,
  };
  if (p.metadata !== null) body.metadata = p.metadata;
  body.createdAt = p.createdAt;
  body.updatedAt = p.updatedAt;
  body.createdBy = apiKeyRef(p.createdBy, origin);
  body.lastUpdatedBy = apiKeyRef(p.lastUpdatedBy, origin);
  if (p.surfaces !== null) body.supportedApiSurfaces = p.surfaces;
  body.models = p.models.map((m) => ({
    id: m.id,
    modelId: m.modelId,
    ...(m.providerModelId !== undefined ? { providerModelId: m.providerModelId } : {}),
    unsupportedParams: m.unsupportedParams ?? [],
  }));
  return body;
}

const apiKeyRef = (id: string, origin: string) => ({ id, uri: `${origin}/api-keys/${encodeURIComponent(id)}` });

/** RFC 3339 with whole seconds, the form ngrok's examples show. */
export const timestamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
