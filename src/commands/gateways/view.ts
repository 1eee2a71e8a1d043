import type { Gateway } from "../../domain/gateway.js";
import type { DetailView, ListView } from "../../output/view.js";

const orDash = (v: string | null | undefined): string => (v ? v : "-");
const onOff = (v: boolean): string => (v ? "on" : "off");

/** "body (openai)", "header (x-model)", "path". */
export function routingText(g: Gateway): string {
  if (g.routing === "body") return `body (${g.apiType ?? "unspecified"})`;
  if (g.routing === "header") return `header (${g.headerName ?? "?"})`;
  return g.routing ?? "-";
}

export function authText(g: Gateway): string {
  if (g.auth !== "wandb" || !g.wandb) return g.auth ?? "-";
  const server = g.wandb.serverUrl ? `, server ${g.wandb.serverUrl}` : "";
  return `wandb (usage reports ${onOff(g.wandb.usageReports)}, rate limiting ${onOff(g.wandb.rateLimiting)}${server})`;
}

/**
 * Why a gateway is not serving, from its conditions: "ProvisioningFailed: no capacity ..." (the Ready
 * condition that is not True, else any condition with a message).
 */
export function conditionProblem(g: Gateway): string | null {
  const notReady = g.conditions.find((c) => c.type === "Ready" && c.status !== "True" && (c.reason || c.message));
  const any = notReady ?? g.conditions.find((c) => c.status === "False" && (c.reason || c.message));
  if (!any) return null;
  const where = any.zone ? ` (${any.zone})` : "";
  return `${[any.reason, any.message].filter(Boolean).join(": ")}${where}`;
}

export const gatewayListView: ListView<Gateway> = {
  columns: [
    { header: "ID", value: (g) => g.id, fixed: true },
    { header: "NAME", value: (g) => g.name },
    { header: "STATUS", value: (g) => g.status },
    { header: "ZONES", value: (g) => g.zones.join(",") || "-" },
    { header: "AUTH", value: (g) => g.auth ?? "-", priority: 2 },
    { header: "ROUTING", value: routingText, priority: 1 },
    { header: "ENDPOINT", value: (g) => g.endpoints[0] ?? "-" },
  ],
  dim: (g) => g.status === "deleting",
  empty: "No gateways. Create one: gw gateways create --name <name> --zone <zone> (zones: gw gateways zones)",
};

export const gatewayDetailView: DetailView<Gateway> = {
  fields: [
    { header: "ID", value: (g) => g.id },
    { header: "Name", value: (g) => g.name },
    { header: "Status", value: (g) => (g.status === "error" || g.status === "failed" ? `${g.status}: ${conditionProblem(g) ?? "no reason given"}` : g.status) },
    { header: "Zones", value: (g) => g.zones.join(", ") || "-" },
    { header: "Auth", value: authText },
    { header: "Routing", value: routingText },
    { header: "Additional DNS", value: (g) => g.additionalDns.join(", ") || "-" },
    { header: "Endpoints", value: (g) => g.endpoints.join(", ") || (g.status === "ready" ? "-" : "- (once ready)") },
    { header: "Organization", value: (g) => orDash(g.organizationId) },
    { header: "Created", value: (g) => orDash(g.createdAt) },
    { header: "Updated", value: (g) => orDash(g.updatedAt) },
  ],
  dim: (g) => g.status === "deleting",
};
