import { seededBytes, type ByteSource } from "../ids.js";
import { digestKey } from "./spec-rules.js";
import { emptyState, type CoreweaveState, type GatewayPhase, type GatewayRow } from "./state.js";
import { NO_CAPACITY_ZONE } from "./zones.js";

/** Seeded timestamps, before any test or demo run, so `--updated-after <now>` lists only new gateways. */
const T0 = Date.parse("2026-10-05T08:00:00.000Z");
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** A v4 UUID from a byte source, so the demo seed has the same ids on every run. */
export function uuidFrom(bytes: ByteSource): string {
  const b = bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Init = Pick<GatewayRow, "name" | "zones" | "wandb" | "routing"> & Partial<Pick<GatewayRow, "additionalDns">> & { phase?: GatewayPhase };

function add(s: CoreweaveState, bytes: ByteSource, minute: number, init: Init): GatewayRow {
  const stamp = at(minute);
  const row: GatewayRow = {
    id: uuidFrom(bytes),
    additionalDns: [],
    allowedSourceIpRanges: [],
    phase: "STATUS_READY",
    settlesAt: null,
    createdAt: stamp,
    updatedAt: at(minute + 7),
    phaseSince: at(minute + 7),
    ...init,
  };
  s.gateways.set(row.id, row);
  return row;
}

/**
 * demo: a CoreWeave-auth gateway with body routing and an extra DNS name, a W&B-auth gateway with header
 * routing, and one that failed provisioning in the zone without capacity. A number: that many ready
 * gateways. empty: none.
 */
export function seedState(seed: "demo" | "empty" | number): CoreweaveState {
  const s = emptyState();
  const bytes = seededBytes(0xc0_4e_57);
  if (seed === "empty") return s;
  if (typeof seed === "number") {
    for (let i = 1; i <= seed; i++) {
      add(s, bytes, i, {
        name: `gateway-${String(i).padStart(3, "0")}`,
        zones: ["US-EAST-04A"],
        wandb: null,
        routing: i % 2 ? { kind: "body", apiType: "API_TYPE_OPENAI" } : { kind: "path" },
      });
    }
    return s;
  }
  add(s, bytes, 0, {
    name: "chat-prod",
    zones: ["US-EAST-04A"],
    wandb: null,
    routing: { kind: "body", apiType: "API_TYPE_OPENAI" },
    additionalDns: ["llm.example.com"],
  });
  add(s, bytes, 60, {
    name: "eval-wandb",
    zones: ["US-WEST-09B"],
    wandb: {
      apiKeyDigest: digestKey("sandbox-wandb-key-0123456789"),
      serverUrl: "https://api.wandb.ai",
      enableUsageReports: true,
      enableRateLimiting: false,
    },
    routing: { kind: "header", headerName: "x-model" },
  });
  add(s, bytes, 120, {
    name: "batch-central",
    zones: [NO_CAPACITY_ZONE],
    wandb: null,
    routing: { kind: "path" },
    phase: "STATUS_FAILED",
  });
  return s;
}
