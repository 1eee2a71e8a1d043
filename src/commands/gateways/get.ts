import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderOne } from "../../output/render.js";
import { byRef, GATEWAY_REF } from "../resolve.js";
import { gatewayDetailView } from "./view.js";

export interface GetOptions {
  id: string;
  output: OutputChoice;
}

export function getCommand(ctx: Context, run = runGet): Command {
  return addOutputOptions(new Command("get").description("show one inference gateway").argument("<id|name>", GATEWAY_REF)).action(
    (id: string, flags: OutputFlags) => run({ id, output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runGet(opts: GetOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  await renderOne(ctx.io, opts.output, await byRef(backend, "gateway", opts.id, (id) => requirePart(backend, "gateways get").get(id)), gatewayDetailView);
}
