import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { printIssuedKey } from "./issued.js";

export interface RotateOptions {
  id: string;
  dryRun: boolean;
  output: OutputChoice;
}

export function rotateCommand(ctx: Context, run = runRotate): Command {
  return addOutputOptions(
    new Command("rotate").description("issue a new secret; the old one keeps working for 24 h").argument("<id>", "virtual key id")
      .option("--dry-run", "print the request instead of sending it"),
  ).action((id: string, flags: OutputFlags & { dryRun?: boolean }) =>
    run({ id, dryRun: Boolean(flags.dryRun), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runRotate(opts: RotateOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  requireCapability(backend.info, "vk rotate");
  await printIssuedKey(ctx, opts.output, await backend.rotateVirtualKey!(opts.id), "Rotated");
}
