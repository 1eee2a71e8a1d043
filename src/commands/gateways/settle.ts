import type { GatewaysPart } from "../../backends/backend.js";
import type { Context } from "../../context.js";
import type { Gateway, GatewayWaitTarget } from "../../domain/gateway.js";
import { CancelledError, GwError, NotFoundError, RejectedError, UnavailableError } from "../../errors.js";
import { createSpinner } from "./spinner.js";
import { conditionProblem } from "./view.js";
import { waitForGateway } from "./wait.js";

export interface Settled {
  /** The gateway as it settled; null once a deleted gateway is gone. */
  gateway: Gateway | null;
  /** Set when it settled in ERROR/FAILED: the command prints the record, then fails with this. */
  failure?: GwError;
}

/**
 * --wait after a write: polls with a spinner (stderr, terminal only), ends with one line on stderr.
 * Each way of not settling says that the change itself was made: it was, and running the command again
 * would repeat it. A gateway that ends in ERROR/FAILED exits 5 (the control plane did not take the
 * change); a timeout exits 6; Ctrl-C exits 130.
 */
export async function settle(
  ctx: Context,
  gateways: GatewaysPart,
  written: Gateway,
  target: GatewayWaitTarget,
  timeoutMs: number,
  change: "created" | "updated" | "deleted",
): Promise<Settled> {
  const { id } = written;
  const goal = target === "ready" ? "be ready" : "be deleted";
  const started = Date.now();
  const elapsed = () => {
    const seconds = (Date.now() - started) / 1000;
    return seconds < 10 ? `${seconds.toFixed(1)}s` : `${Math.round(seconds)}s`;
  };
  const spinner = createSpinner(ctx.io);
  let status = written.status;
  spinner.update(`Waiting for gateway ${id} to ${goal}: ${status}`);
  const ticker = setInterval(() => spinner.update(`Waiting for gateway ${id} to ${goal}: ${status} (${elapsed()})`), 1000);
  ticker.unref();
  const interrupt = new AbortController();
  void ctx.waitForStop().then(() => interrupt.abort());
  let outcome;
  try {
    outcome = await waitForGateway({
      initial: written,
      read: () => gateways.get(id),
      target,
      timeoutMs,
      signal: interrupt.signal,
      onRead: (g) => {
        status = g.status;
        spinner.update(`Waiting for gateway ${id} to ${goal}: ${status} (${elapsed()})`);
      },
    });
  } catch (err) {
    if (err instanceof NotFoundError) throw new NotFoundError(`gateway ${id} was ${change}, but it disappeared while gw waited for it to ${goal}`);
    throw err;
  } finally {
    clearInterval(ticker);
    spinner.stop();
  }
  const seconds = Math.round(timeoutMs / 1000);
  switch (outcome.kind) {
    case "ready":
      ctx.note(`✓ Gateway ${id} is ready (${elapsed()})`);
      return { gateway: outcome.gateway };
    case "gone":
      ctx.note(`✓ Gateway ${id} is gone (${elapsed()})`);
      return { gateway: null };
    case "failed": {
      const why = conditionProblem(outcome.gateway);
      const message = `gateway ${id} was ${change}, but it ended in status ${outcome.gateway.status}${why ? `: ${why}` : ""}`;
      return { gateway: outcome.gateway, failure: new RejectedError(message) };
    }
    case "timeout":
      throw new UnavailableError(
        `gateway ${id} was ${change}, but it did not settle within ${seconds}s (status: ${outcome.last.status}); follow it with gw gateways get ${id}`,
      );
    case "interrupted":
      throw new CancelledError(
        `interrupted: gateway ${id} was ${change}; gw stopped waiting for it to ${goal} (status: ${outcome.last.status}). Follow it with gw gateways get ${id}`,
      );
  }
}
