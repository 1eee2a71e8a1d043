import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderList, renderOne } from "../../output/render.js";
import { bindingsById, vkDetailView, vkListView } from "./view.js";

export interface ListOptions {
  output: OutputChoice;
}

export function listCommand(ctx: Context, run = runList): Command {
  return addOutputOptions(new Command("list").alias("ls").description("list virtual keys, revoked ones included")).action(
    (flags: OutputFlags) => run({ output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runList(opts: ListOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const keys = await requirePart(backend, "vk list").list();
  // The CHAIN column names providers, which only the bindings list knows; JSON carries the ids.
  const needBindings = opts.output.format === "table" && keys.some((k) => k.chain && k.chain.length > 0);
  await renderList(ctx.io, opts.output, keys, vkListView(await bindingsById(backend.bindings, needBindings)));
}

export interface GetOptions {
  id: string;
  output: OutputChoice;
}

export function getCommand(ctx: Context, run = runGet): Command {
  return addOutputOptions(new Command("get").description("show one virtual key").argument("<id>", "virtual key id")).action(
    (id: string, flags: OutputFlags) => run({ id, output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runGet(opts: GetOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const key = await requirePart(backend, "vk get").get(opts.id);
  const needBindings = opts.output.format === "table" && Boolean(key.chain?.length);
  await renderOne(ctx.io, opts.output, key, vkDetailView(await bindingsById(backend.bindings, needBindings)));
}
