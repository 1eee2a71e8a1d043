import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderOne } from "../../output/render.js";
import { BINDING_REF, byRef } from "../resolve.js";
import { bindingViews } from "./view.js";

export interface GetOptions {
  id: string;
  output: OutputChoice;
}

export function getCommand(ctx: Context, run = runGet): Command {
  return addOutputOptions(new Command("get").description("show one provider binding").argument("<id|name>", BINDING_REF)).action(
    (id: string, flags: OutputFlags) => run({ id, output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runGet(opts: GetOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const bindings = requirePart(backend, "providers get");
  await renderOne(ctx.io, opts.output, await byRef(backend, "binding", opts.id, (id) => bindings.get(id)), (await bindingViews(backend)).detail);
}
