import { setTimeout as sleepFor } from "node:timers/promises";
import { GATEWAY_FAILED_STATUSES, type Gateway, type GatewayWaitTarget } from "../../domain/gateway.js";
import { GwError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";

export type WaitOutcome =
  | { kind: "ready"; gateway: Gateway }
  | { kind: "gone" }
  | { kind: "failed"; gateway: Gateway }
  | { kind: "timeout"; last: Gateway }
  | { kind: "interrupted"; last: Gateway };

/** Poll soon, then back off: a sandbox settles in ~100 ms, CoreWeave in seconds to minutes. */
export const POLL_SCHEDULE = { firstMs: 250, maxMs: 2000, factor: 1.5 };

export interface WaitOptions {
  /** The gateway as the write returned it. */
  initial: Gateway;
  /** GET the gateway; a NotFound (exit 4) error after a delete means it is gone. */
  read(): Promise<Gateway>;
  target: GatewayWaitTarget;
  timeoutMs: number;
  /** Aborted on Ctrl-C: the outcome is "interrupted". */
  signal?: AbortSignal;
  /** After each read. */
  onRead?(gateway: Gateway): void;
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  now?(): number;
  schedule?: typeof POLL_SCHEDULE;
}

/**
 * Poll a gateway until its change settles (research §3.4-3.5, as the Terraform provider does): READY,
 * ERROR or FAILED after a create or update; NOT_FOUND after a delete (there is no DELETED status). Only
 * what GET says after the write is judged, never the write's own answer, which may predate the change.
 * During a delete, ERROR/FAILED counts only once the gateway was seen deleting, since a failed gateway
 * may keep its status until its teardown starts.
 */
export async function waitForGateway(o: WaitOptions): Promise<WaitOutcome> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, signal ? { signal } : {}));
  const schedule = o.schedule ?? POLL_SCHEDULE;
  const deadline = now() + o.timeoutMs;
  let last = o.initial;
  let sawDeleting = last.status === "deleting";
  let delay = schedule.firstMs;
  for (;;) {
    const left = deadline - now();
    if (left <= 0) return { kind: "timeout", last };
    if (o.signal?.aborted) return { kind: "interrupted", last };
    try {
      await sleep(Math.min(delay, left), o.signal);
    } catch (err) {
      if (o.signal?.aborted) return { kind: "interrupted", last };
      throw err;
    }
    if (o.signal?.aborted) return { kind: "interrupted", last };
    delay = Math.min(schedule.maxMs, Math.round(delay * schedule.factor));
    try {
      last = await o.read();
    } catch (err) {
      if (o.target === "gone" && err instanceof GwError && err.exitCode === ExitCode.NotFound) return { kind: "gone" };
      throw err;
    }
    o.onRead?.(last);
    sawDeleting ||= last.status === "deleting";
    if (o.target === "ready" && last.status === "ready") return { kind: "ready", gateway: last };
    const failed = GATEWAY_FAILED_STATUSES.includes(last.status);
    if (failed && (o.target === "ready" || sawDeleting)) return { kind: "failed", gateway: last };
  }
}
