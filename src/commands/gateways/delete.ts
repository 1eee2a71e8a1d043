import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { flagsGiven } from "../flags.js";
import { addWriteOptions, type WriteFlags } from "../write-options.js";
import { settle } from "./settle.js";
import { DEFAULT_WAIT_TIMEOUT_SECONDS, waitTimeoutMs } from "./spec-flags.js";

export interface DeleteOptions {
  id: string;
  yes: boolean;
  wait: boolean;
  waitTimeoutMs: number;
  flags: string[];
  dryRun: boolean;
  quiet: boolean;
}

interface DeleteFlags extends WriteFlags {
  yes?: boolean;
  wait?: boolean;
  waitTimeout: string;
}

export function deleteCommand(ctx: Context, run = runDelete): Command {
  const cmd = addWriteOptions(
    new Command("delete")
      .description("delete a gateway (asks first in a terminal); the teardown is asynchronous")
      .argument("<id>", "gateway id (UUID)")
      .option("-y, --yes", "do not ask for confirmation")
      .option("--wait", "wait until the gateway is gone, with a spinner on a terminal")
      .option("--wait-timeout <seconds>", "give up waiting after this many seconds (exit 6)", String(DEFAULT_WAIT_TIMEOUT_SECONDS)),
  );
  return cmd.action((id: string, flags: DeleteFlags) =>
    run(
      {
        id,
        yes: Boolean(flags.yes),
        wait: Boolean(flags.wait),
        waitTimeoutMs: waitTimeoutMs(flags.waitTimeout),
        flags: flagsGiven(cmd, ["yes", "wait", "wait-timeout"]),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
      },
      ctx,
    ),
  );
}

/**
 * Like kubectl, a script deletes without a prompt; a person at a terminal is asked first (gh-style),
 * unless --yes. A dry run asks nothing.
 */
export async function runDelete(opts: DeleteOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  requireCapability(backend.info, "gateways delete", opts.flags);
  if (!opts.yes && !opts.dryRun && ctx.io.canPrompt()) {
    const gateway = await backend.getGateway!(opts.id);
    const sure = await (await ctx.prompter()).confirm(
      `Delete gateway ${gateway.name} (${gateway.id})? Its endpoints stop serving.`,
      { default: false },
    );
    if (!sure) {
      ctx.note("Not deleted; nothing was changed.");
      return;
    }
  }
  const deleted = await backend.deleteGateway!(opts.id);
  ctx.note(`✓ Deleting gateway ${deleted.id} (${deleted.name}), status ${deleted.status}`);
  if (opts.wait) {
    const settled = await settle(ctx, backend, deleted, "gone", opts.waitTimeoutMs, "deleted");
    if (settled.failure) throw settled.failure;
  }
  if (opts.quiet) ctx.io.stdout.write(`${deleted.id}\n`);
}
