import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { nonEmpty } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { addWriteOptions, type WriteFlags } from "../write-options.js";
import { byRef, HOP_REF, KEY_REF } from "../resolve.js";
import { writeChain } from "./write.js";
import { cell } from "../../output/cell-text.js";
import { plural } from "../../output/plural.js";

export interface SetOptions {
  id: string;
  bindingIds: string[];
  dryRun: boolean;
  quiet: boolean;
  output: OutputChoice;
}

export function setCommand(ctx: Context, run = runSet): Command {
  return addWriteOptions(
    addOutputOptions(
      new Command("set")
        .description("replace a key's fallback chain with exactly these hops, primary first")
        .argument("<vk-id|name>", KEY_REF)
        .argument("<hop...>", HOP_REF),
    ),
  ).action((id: string, bindingIds: string[], flags: OutputFlags & WriteFlags) =>
    run(
      {
        id,
        bindingIds: bindingIds.map((b) => nonEmpty("<hop>", b)),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
        output: outputChoice(flags, ctx.env),
      },
      ctx,
    ),
  );
}

export async function runSet(opts: SetOptions, ctx: Context): Promise<void> {
  const duplicate = opts.bindingIds.find((id, i) => opts.bindingIds.indexOf(id) !== i);
  if (duplicate) throw new UsageError(`binding ${duplicate} appears twice in the chain`);
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const part = requirePart(backend, "chain set");
  const view = await byRef(backend, "virtualKey", opts.id, (id) => part.set(id, opts.bindingIds), opts);
  ctx.note(`✓ Set the chain of virtual key ${view.key.id} (${plural(opts.bindingIds.length, "hop")})`);
  if (opts.quiet) {
    ctx.io.stdout.write(`${cell(view.key.id)}\n`);
    return;
  }
  await writeChain(ctx, opts.output, view);
}
