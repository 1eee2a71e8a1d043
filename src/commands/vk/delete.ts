import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { confirmed, YES_HELP } from "../confirm.js";
import { byRef, KEY_REF } from "../resolve.js";
import { addWriteOptions, type WriteFlags } from "../write-options.js";
import { cell } from "../../output/cell-text.js";

export interface VkDeleteOptions {
  id: string;
  yes: boolean;
  dryRun: boolean;
  quiet: boolean;
}

export function deleteCommand(ctx: Context, run = runVkDelete): Command {
  return addWriteOptions(
    new Command("delete")
      .description("delete a virtual key: apps using it stop working (asks first in a terminal)")
      .argument("<id|name>", KEY_REF)
      .option("-y, --yes", YES_HELP),
  ).action((id: string, flags: WriteFlags & { yes?: boolean }) =>
    run({ id, yes: Boolean(flags.yes), dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet) }, ctx),
  );
}

/** Irreversible: a person is asked, a script must say --yes (a dry run asks nothing). */
export async function runVkDelete(opts: VkDeleteOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const part = requirePart(backend, "vk delete");
  const sure = await confirmed(ctx, opts, "delete a key", async () => {
    const key = await byRef(backend, "virtualKey", opts.id, (id) => requirePart(backend, "vk get").get(id));
    return `Delete virtual key ${key.id} (${key.name})? Apps using it stop working.`;
  });
  if (!sure) {
    ctx.note("Not deleted; nothing was changed.");
    return;
  }
  const id = await byRef(backend, "virtualKey", opts.id, async (id) => {
    await part.remove(id);
    return id;
  }, opts);
  if (opts.quiet) ctx.io.stdout.write(`${cell(id)}\n`);
  ctx.note(`✓ Deleted virtual key ${id}`);
}
