import { Command } from "commander";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderList } from "../../output/render.js";
import { loadConfig } from "../../profiles/load.js";
import { profileListView, toProfileRecord } from "./view.js";

export interface ListOptions {
  output: OutputChoice;
}

export function listCommand(ctx: Context, run = runList): Command {
  return addOutputOptions(new Command("list").alias("ls").description("list profiles (keys masked)"), { list: true }).action(
    (flags: OutputFlags) => run({ output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runList(opts: ListOptions, ctx: Context): Promise<void> {
  const config = loadConfig(ctx.env, ctx.warn);
  const records = Object.entries(config.profiles).map(([name, p]) => toProfileRecord(name, p, name === config.current));
  await renderList(ctx.io, opts.output, records, profileListView);
}
