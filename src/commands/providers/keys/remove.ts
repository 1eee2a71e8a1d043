import { Command } from "commander";
import { requirePart } from "../../../backends/capabilities.js";
import type { Context } from "../../../context.js";
import { confirmed, YES_HELP } from "../../confirm.js";
import { addWriteOptions, type WriteFlags } from "../../write-options.js";
import { PROVIDER_REF } from "../../resolve.js";

export interface KeysRemoveOptions {
  provider: string;
  id: string;
  yes: boolean;
  dryRun: boolean;
  quiet: boolean;
}

export function removeCommand(ctx: Context, run = runKeysRemove): Command {
  return addWriteOptions(
    new Command("remove")
      .alias("rm")
      .description("remove an upstream key from a provider (asks first in a terminal)")
      .argument("<provider>", PROVIDER_REF)
      .argument("<key-id>", "the key's id")
      .option("-y, --yes", YES_HELP),
  ).action((provider: string, id: string, flags: WriteFlags & { yes?: boolean }) =>
    run({ provider, id, yes: Boolean(flags.yes), dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet) }, ctx),
  );
}

/** Traffic that only this key could serve fails afterwards: a person is asked, a script says --yes. */
export async function runKeysRemove(opts: KeysRemoveOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const keys = requirePart(backend, "providers keys remove");
  const sure = await confirmed(ctx, opts, "remove a key",
    () => `Remove key ${opts.id} from provider ${opts.provider}? Requests it serves will use other keys or fail.`);
  if (!sure) {
    ctx.note("Not removed; nothing was changed.");
    return;
  }
  await keys.remove(opts.provider, opts.id);
  if (opts.quiet) ctx.io.stdout.write(`${opts.id}\n`);
  ctx.note(`✓ Removed key ${opts.id} from provider ${opts.provider}`);
}
