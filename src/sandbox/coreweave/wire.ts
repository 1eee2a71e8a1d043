import { conditionsOf, endpointsOf } from "./lifecycle.js";
import type { CoreweaveState, GatewayRow } from "./state.js";

/**
 * A stored gateway as the service shows it: `{spec, status}` in protojson (lowerCamelCase, enums as
 * strings, empty lists left out). The W&B key is never shown (the sandbox's choice where research §3.3
 * is unconfirmed); gw reads either answer.
 */
export function gatewayDto(state: CoreweaveState, row: GatewayRow): Record<string, unknown> {
  const spec: Record<string, unknown> = { id: row.id, name: row.name, zones: row.zones };
  if (row.wandb) {
    spec.weightsAndBiasesAuth = {
      serverUrl: row.wandb.serverUrl,
      enableUsageReports: row.wandb.enableUsageReports,
      enableRateLimiting: row.wandb.enableRateLimiting,
    };
  } else {
    spec.coreWeaveAuth = {};
  }
  spec.organizationId = state.organizationId;
  const endpointConfiguration: Record<string, unknown> = {};
  if (row.additionalDns.length) endpointConfiguration.additionalDns = row.additionalDns;
  if (row.allowedSourceIpRanges.length) endpointConfiguration.allowedSourceIpRanges = row.allowedSourceIpRanges;
  spec.endpointConfiguration = endpointConfiguration;
  if (row.routing.kind === "body") spec.bodyBasedRouting = { apiType: row.routing.apiType };
  if (row.routing.kind === "header") spec.headerBasedRouting = { headerName: row.routing.headerName };
  if (row.routing.kind === "path") spec.pathBasedRouting = {};

  const status: Record<string, unknown> = {
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    conditions: conditionsOf(row),
    status: row.phase,
  };
  const endpoints = endpointsOf(row);
  if (endpoints.length) status.endpoints = endpoints;
  return { spec, status };
}
