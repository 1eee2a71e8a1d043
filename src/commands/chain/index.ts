import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { byRef, KEY_REF } from "../resolve.js";
import { setCommand } from "./set.js";
import { writeChain } from "./write.js";

export interface ChainOptions {
  id: string;
  output: OutputChoice;
}

/** `gw chain <vk-id>` is `gw chain show <vk-id>` (the default subcommand), so each verb owns its flags. */
export function chainCommand(ctx: Context): Command {
  return new Command("chain")
    .description("a virtual key's fallback chain: show it (gw chain <vk-id>) or replace it (gw chain set)")
    .addCommand(showCommand(ctx), { isDefault: true })
    .addCommand(setCommand(ctx));
}

export function showCommand(ctx: Context, run = runChain): Command {
  return addOutputOptions(
    new Command("show")
      .description("show a virtual key's fallback chain: primary -> fallback-1 -> ... (the default)")
      .argument("<vk-id|name>", KEY_REF),
  ).action((id: string, flags: OutputFlags) => run({ id, output: outputChoice(flags, ctx.env) }, ctx));
}

export async function runChain(opts: ChainOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const view = await byRef(backend, "virtualKey", opts.id, (id) => requirePart(backend, "chain").show(id));
  await writeChain(ctx, opts.output, view);
}
