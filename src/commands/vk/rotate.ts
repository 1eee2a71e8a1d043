import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { addWriteOptions, type WriteFlags } from "../write-options.js";
import { byRef, KEY_REF } from "../resolve.js";
import { printIssuedKey } from "./issued.js";

export interface RotateOptions {
  id: string;
  dryRun: boolean;
  quiet: boolean;
  output: OutputChoice;
}

export function rotateCommand(ctx: Context, run = runRotate): Command {
  return addWriteOptions(
    addOutputOptions(new Command("rotate").description("issue a new secret; the old one keeps working for 24 h").argument("<id|name>", KEY_REF)),
  ).action((id: string, flags: OutputFlags & WriteFlags) =>
    run({ id, dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runRotate(opts: RotateOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const part = requirePart(backend, "vk rotate");
  await printIssuedKey(ctx, opts.output, await byRef(backend, "virtualKey", opts.id, (id) => part.rotate(id), opts), "Rotated", opts.quiet);
}
