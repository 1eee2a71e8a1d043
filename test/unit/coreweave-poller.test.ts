import { describe, expect, it } from "vitest";
import { POLL_SCHEDULE, waitForGateway, type WaitOptions } from "../../src/commands/gateways/wait.js";
import type { Gateway, GatewayStatus } from "../../src/domain/gateway.js";
import { NotFoundError, UnavailableError } from "../../src/errors.js";

const gateway = (status: GatewayStatus): Gateway => ({
  id: "g1", backend: "coreweave", name: "g", zones: ["Z"], auth: "coreweave", wandb: null, routing: "path", apiType: null,
  headerName: null, additionalDns: [], endpoints: [], status, conditions: [], organizationId: null, createdAt: null, updatedAt: null,
});

/**
 * A fake clock: sleeping advances it, reads return the scripted statuses in turn (the last repeats),
 * and "gone" throws NotFound. No real time passes, so nothing here can flake.
 */
function scripted(script: (GatewayStatus | "gone")[], opts: Partial<WaitOptions> = {}) {
  let clock = 0;
  const sleeps: number[] = [];
  let reads = 0;
  const options: WaitOptions = {
    initial: gateway("creating"),
    target: "ready",
    timeoutMs: 60_000,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    read: async () => {
      const step = script[Math.min(reads++, script.length - 1)]!;
      if (step === "gone") throw new NotFoundError("gateway g1 not found");
      return gateway(step);
    },
    ...opts,
  };
  return { options, sleeps, reads: () => reads, clock: () => clock };
}

describe("waitForGateway", () => {
  it("polls until READY, starting at 250 ms and backing off to 2 s", async () => {
    const run = scripted(["creating", "creating", "creating", "creating", "creating", "creating", "creating", "ready"]);
    const seen: GatewayStatus[] = [];
    const outcome = await waitForGateway({ ...run.options, onRead: (g) => seen.push(g.status) });
    expect(outcome).toEqual({ kind: "ready", gateway: gateway("ready") });
    expect(run.sleeps).toEqual([250, 375, 563, 845, 1268, 1902, 2000, 2000]);
    expect(seen).toEqual([...Array(7).fill("creating"), "ready"]);
    expect(POLL_SCHEDULE).toEqual({ firstMs: 250, maxMs: 2000, factor: 1.5 });
  });

  it("stops at ERROR or FAILED", async () => {
    expect(await waitForGateway(scripted(["updating", "error"]).options)).toEqual({ kind: "failed", gateway: gateway("error") });
    expect(await waitForGateway(scripted(["failed"]).options)).toEqual({ kind: "failed", gateway: gateway("failed") });
  });

  it("judges only what GET says after the write, never the write's own answer", async () => {
    const run = scripted(["updating", "ready"], { initial: gateway("failed") });
    expect(await waitForGateway(run.options)).toMatchObject({ kind: "ready" });
    expect(run.reads()).toBe(2);
  });

  it("after a delete, waits for NOT_FOUND", async () => {
    const run = scripted(["deleting", "deleting", "gone"], { initial: gateway("deleting"), target: "gone" });
    expect(await waitForGateway(run.options)).toEqual({ kind: "gone" });
    expect(run.reads()).toBe(3);
  });

  it("after a delete, a failed status counts only once the gateway was seen deleting", async () => {
    const stillFailed = scripted(["failed", "failed", "gone"], { initial: gateway("failed"), target: "gone" });
    expect(await waitForGateway(stillFailed.options)).toEqual({ kind: "gone" });
    const teardownFailed = scripted(["deleting", "error"], { initial: gateway("failed"), target: "gone" });
    expect(await waitForGateway(teardownFailed.options)).toEqual({ kind: "failed", gateway: gateway("error") });
  });

  it("a gateway that disappears while waiting for READY is an error, not success", async () => {
    await expect(waitForGateway(scripted(["creating", "gone"]).options)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("gives up at the timeout, never sleeping past it, and reports the last status", async () => {
    const run = scripted(["creating"], { timeoutMs: 1000 });
    expect(await waitForGateway(run.options)).toEqual({ kind: "timeout", last: gateway("creating") });
    expect(run.clock()).toBe(1000);
    expect(run.sleeps).toEqual([250, 375, 375]);
  });

  it("returns interrupted when the signal is aborted, during a sleep or before one", async () => {
    const controller = new AbortController();
    const run = scripted(["creating"], {
      signal: controller.signal,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal!.addEventListener("abort", () => reject(new Error("aborted")));
          controller.abort();
        }),
    });
    expect(await waitForGateway(run.options)).toEqual({ kind: "interrupted", last: gateway("creating") });
    expect(await waitForGateway({ ...scripted(["ready"]).options, signal: AbortSignal.abort() })).toMatchObject({ kind: "interrupted" });
  });

  it("lets other read errors through (the HTTP client has already retried them)", async () => {
    const run = scripted(["creating"], { read: () => Promise.reject(new UnavailableError("HTTP 503")) });
    await expect(waitForGateway(run.options)).rejects.toThrow(/503/);
  });

  it("uses real timers by default", async () => {
    const outcome = await waitForGateway({
      initial: gateway("creating"),
      target: "ready",
      timeoutMs: 5000,
      read: async () => gateway("ready"),
      schedule: { firstMs: 1, maxMs: 1, factor: 1 },
    });
    expect(outcome.kind).toBe("ready");
  });
});
