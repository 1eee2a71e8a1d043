import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { writeData } from "../../output/render.js";
import { renderChain, chainJson } from "./render.js";
import { setCommand } from "./set.js";

export interface ChainOptions {
  id: string;
  output: OutputChoice;
}

export function chainCommand(ctx: Context, run = runChain): Command {
  const cmd = addOutputOptions(
    new Command("chain")
      .description("show a virtual key's fallback chain: primary -> fallback-1 -> ...")
      .argument("<vk-id>", "virtual key id"),
  ).action((id: string, flags: OutputFlags) => run({ id, output: outputChoice(flags, ctx.env) }, ctx));
  return cmd.addCommand(setCommand(ctx));
}

export async function runChain(opts: ChainOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  requireCapability(backend.info, "chain");
  const key = await backend.getVirtualKey!(opts.id);
  const bindings = key.chain ? await backend.listBindings() : [];
  if (opts.output.format !== "table") {
    await writeData(ctx.io, opts.output, chainJson(key, bindings));
    return;
  }
  const { Chalk } = await import("chalk");
  const chalk = new Chalk({ level: ctx.io.colorEnabled ? 1 : 0 });
  ctx.io.stdout.write(renderChain(key, bindings, { columns: ctx.io.columns, chalk }));
}
