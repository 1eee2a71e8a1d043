import type { CoreweaveState, GatewayPhase, GatewayRow } from "./state.js";
import { NO_CAPACITY_ZONE } from "./zones.js";

/**
 * Status transitions (research §3.4-3.5): CREATING -> READY, UPDATING -> READY, DELETING -> gone (GET then
 * answers NOT_FOUND; there is no DELETED status). Each takes `transitionMs`. They are applied lazily, when
 * a request arrives, from the stored `settlesAt`, so the sandbox needs no timers and a state file reloaded
 * later settles the same way.
 */
export function settleAll(state: CoreweaveState, now: number): void {
  for (const row of [...state.gateways.values()]) {
    if (row.settlesAt === null || now < row.settlesAt) continue;
    const at = new Date(row.settlesAt).toISOString();
    if (row.phase === "STATUS_DELETING") {
      state.gateways.delete(row.id);
      continue;
    }
    const starved = row.zones.some((z) => z === NO_CAPACITY_ZONE);
    // A new gateway that cannot be placed has failed for good; a change that cannot be rolled out is a
    // recoverable error (the service's own distinction, research §3.3: ERROR is "recoverable").
    const next: GatewayPhase = !starved ? "STATUS_READY" : row.phase === "STATUS_CREATING" ? "STATUS_FAILED" : "STATUS_ERROR";
    enter(row, next, at);
    row.settlesAt = null;
  }
}

/** Start a transition: the phase changes now and settles `transitionMs` later. */
export function begin(row: GatewayRow, phase: GatewayPhase, now: number, transitionMs: number): void {
  enter(row, phase, new Date(now).toISOString());
  row.settlesAt = now + transitionMs;
}

function enter(row: GatewayRow, phase: GatewayPhase, at: string): void {
  if (row.phase !== phase) row.phaseSince = at;
  row.phase = phase;
  row.updatedAt = at;
}

interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastUpdateTime: string;
  reason: string;
  message: string;
  zone: string;
}

const READY_TEXT: Record<GatewayPhase, { ready: Condition["status"]; progressing: Condition["status"]; reason: string; message: string }> = {
  STATUS_CREATING: { ready: "False", progressing: "True", reason: "Provisioning", message: "the gateway is being provisioned" },
  STATUS_READY: { ready: "True", progressing: "False", reason: "Available", message: "the gateway is serving" },
  STATUS_UPDATING: { ready: "True", progressing: "True", reason: "RollingOut", message: "a new configuration is being rolled out" },
  STATUS_DELETING: { ready: "False", progressing: "True", reason: "Deleting", message: "the gateway is being torn down" },
  STATUS_ERROR: {
    ready: "False",
    progressing: "False",
    reason: "RolloutFailed",
    message: `the change could not be rolled out: no inference gateway capacity in ${NO_CAPACITY_ZONE}`,
  },
  STATUS_FAILED: {
    ready: "False",
    progressing: "False",
    reason: "ProvisioningFailed",
    message: `no inference gateway capacity in ${NO_CAPACITY_ZONE}`,
  },
};

/** Kubernetes-style conditions, one Ready and one Progressing per zone (research §3.3). */
export function conditionsOf(row: GatewayRow): Condition[] {
  const text = READY_TEXT[row.phase];
  return row.zones.flatMap((zone) => [
    { type: "Ready", status: text.ready, lastUpdateTime: row.phaseSince, reason: text.reason, message: text.message, zone },
    { type: "Progressing", status: text.progressing, lastUpdateTime: row.phaseSince, reason: text.reason, message: text.message, zone },
  ]);
}

/** Endpoints exist only once the gateway is READY (research §3.5). */
export function endpointsOf(row: GatewayRow): string[] {
  if (row.phase !== "STATUS_READY") return [];
  return row.zones.map((zone) => `https://gw-${row.id.slice(0, 8)}.${zone.toLowerCase()}.inference.coreweave.sandbox`);
}
