import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { filterList, limitFlag, narrowed, statusFlag, where, type ListFilter } from "../../output/filters.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderList, renderOne } from "../../output/render.js";
import { addFlags, readFlags, type FlagSpec } from "../flag-spec.js";
import { byRef, KEY_REF } from "../resolve.js";
import { bindingsById, vkDetailView, vkListView } from "./view.js";

export interface ListOptions extends ListFilter {
  output: OutputChoice;
}

export const LIST_FLAGS: readonly FlagSpec<ListFilter>[] = [statusFlag("virtual keys", ["active", "disabled", "revoked"]), limitFlag("virtual keys")];

export function listCommand(ctx: Context, run = runList): Command {
  const cmd = addOutputOptions(addFlags(new Command("list").alias("ls").description("list virtual keys, revoked ones included"), "vk list", LIST_FLAGS), {
    list: true,
  });
  return cmd.action((flags: OutputFlags) => run({ ...readFlags(cmd, LIST_FLAGS, {}), output: outputChoice(flags, ctx.env) }, ctx));
}

export async function runList(opts: ListOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const all = await requirePart(backend, "vk list").list();
  const keys = filterList(all, where([opts.status, (k) => k.status]), opts.limit);
  // The CHAIN column names providers, which only the bindings list knows; JSON carries the ids.
  const needBindings = opts.output.format === "table" && keys.some((k) => k.chain && k.chain.length > 0);
  const view = vkListView(await bindingsById(backend.bindings, needBindings));
  await renderList(ctx.io, opts.output, keys, narrowed(view, "virtual keys", [["--status", opts.status]]));
}

export interface GetOptions {
  id: string;
  output: OutputChoice;
}

export function getCommand(ctx: Context, run = runGet): Command {
  return addOutputOptions(new Command("get").description("show one virtual key").argument("<id|name>", KEY_REF)).action(
    (id: string, flags: OutputFlags) => run({ id, output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runGet(opts: GetOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const key = await byRef(backend, "virtualKey", opts.id, (id) => requirePart(backend, "vk get").get(id));
  const needBindings = opts.output.format === "table" && Boolean(key.chain?.length);
  await renderOne(ctx.io, opts.output, key, vkDetailView(await bindingsById(backend.bindings, needBindings)));
}
