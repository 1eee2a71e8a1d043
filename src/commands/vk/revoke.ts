import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { ask, mustAsk, YES_HELP } from "../confirm.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../write-options.js";
import { byRef, KEY_REF } from "../resolve.js";
import { vkDetailView } from "./view.js";

export interface RevokeOptions {
  id: string;
  yes: boolean;
  dryRun: boolean;
  quiet: boolean;
  output: OutputChoice;
}

export function revokeCommand(ctx: Context, run = runRevoke): Command {
  return addWriteOptions(
    addOutputOptions(
      new Command("revoke")
        .description("revoke a virtual key for good (asks first in a terminal; a dry run asks nothing)")
        .argument("<id|name>", KEY_REF)
        .option("-y, --yes", YES_HELP),
    ),
  ).action((id: string, flags: OutputFlags & WriteFlags & { yes?: boolean }) =>
    run({ id, yes: Boolean(flags.yes), dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runRevoke(opts: RevokeOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const writes = requirePart(backend, "vk revoke");
  const asking = mustAsk(ctx, opts, "revoke a key");
  // Read first: a key revoked already is said so (exit 0) rather than revoked "again" with a fresh ✓.
  const current = await byRef(backend, "virtualKey", opts.id, (id) => requirePart(backend, "vk get").get(id), opts);
  if (current.status === "revoked") {
    ctx.note(`Virtual key ${current.id} (${current.name}) is already revoked; nothing was changed.`);
    await renderWritten(ctx, opts.output, opts.quiet, current, vkDetailView(new Map()));
    return;
  }
  const sure = !asking || (await ask(ctx, `Revoke virtual key ${current.id} (${current.name})? Apps using it stop working.`));
  if (!sure) {
    ctx.note("Not revoked; nothing was changed.");
    return;
  }
  const key = await byRef(backend, "virtualKey", opts.id, (id) => writes.revoke(id), opts);
  ctx.note(`✓ Revoked virtual key ${key.id} (${key.name})`);
  await renderWritten(ctx, opts.output, opts.quiet, key, vkDetailView(new Map()));
}
