import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderPages } from "../../output/render.js";
import { bindingViews } from "./view.js";

export interface ListOptions {
  output: OutputChoice;
}

export function listCommand(ctx: Context, run = runList): Command {
  return addOutputOptions(
    new Command("list").alias("ls").description("list provider bindings, disabled ones included, in fallback order"),
  ).action((flags: OutputFlags) => run({ output: outputChoice(flags, ctx.env) }, ctx));
}

export async function runList(opts: ListOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  // A control plane that pages is streamed page by page; the others arrive as one page.
  const pages = requirePart(backend, "providers list").pages();
  await renderPages(ctx.io, opts.output, pages, bindingViews(backend).list);
}
