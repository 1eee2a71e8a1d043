import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { confirmed, YES_HELP } from "../confirm.js";
import { addFlags, checkFlags, givenFlags, type FlagSpec } from "../flag-spec.js";
import { addWriteOptions, type WriteFlags } from "../write-options.js";
import { byRef, GATEWAY_REF } from "../resolve.js";
import { settle } from "./settle.js";
import { waitFlags, waitTimeoutMs } from "./spec-flags.js";
import { cell } from "../../output/cell-text.js";

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

export const DELETE_FLAGS: readonly FlagSpec<never>[] = [
  { flags: "-y, --yes", help: YES_HELP, backends: "all" },
  ...waitFlags("is gone"),
];

export function deleteCommand(ctx: Context, run = runDelete): Command {
  const cmd = addWriteOptions(
    addFlags(
      new Command("delete")
        .description("delete a gateway (asks first in a terminal); the teardown is asynchronous")
        .argument("<id|name>", GATEWAY_REF),
      "gateways delete",
      DELETE_FLAGS,
    ),
  );
  return cmd.action((id: string, flags: DeleteFlags) =>
    run(
      {
        id,
        yes: Boolean(flags.yes),
        wait: Boolean(flags.wait),
        waitTimeoutMs: waitTimeoutMs(flags.waitTimeout),
        flags: givenFlags(cmd, DELETE_FLAGS),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
      },
      ctx,
    ),
  );
}

/** Irreversible: a person is asked, a script must say --yes (a dry run asks nothing). */
export async function runDelete(opts: DeleteOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const gateways = requirePart(backend, "gateways delete");
  checkFlags(backend.info.name, "gateways delete", opts.flags, DELETE_FLAGS);
  const sure = await confirmed(ctx, opts, "delete a gateway", async () => {
    const gateway = await byRef(backend, "gateway", opts.id, (id) => gateways.get(id));
    return `Delete gateway ${gateway.name} (${gateway.id})? Its endpoints stop serving.`;
  });
  if (!sure) {
    ctx.note("Not deleted; nothing was changed.");
    return;
  }
  const deleted = await byRef(backend, "gateway", opts.id, (id) => gateways.remove(id), opts);
  ctx.note(`✓ Deleting gateway ${deleted.id} (${deleted.name}), status ${deleted.status}`);
  if (opts.wait) {
    const settled = await settle(ctx, gateways, deleted, "gone", opts.waitTimeoutMs, "deleted");
    if (settled.failure) throw settled.failure;
  }
  if (opts.quiet) ctx.io.stdout.write(`${cell(deleted.id)}\n`);
}
