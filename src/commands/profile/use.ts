import { Command } from "commander";
import type { Context } from "../../context.js";
import { UsageError } from "../../errors.js";
import { PROFILE_REF } from "../resolve.js";
import { configDirSource } from "../../profiles/paths.js";

export interface UseOptions {
  name: string;
}

export function useCommand(ctx: Context, run = runUse): Command {
  return new Command("use")
    .description("make a profile the current one")
    .argument("<name>", PROFILE_REF)
    .action((name: string) => run({ name }, ctx));
}

export async function runUse(opts: UseOptions, ctx: Context): Promise<void> {
  const { updateConfig } = await import("../../profiles/store.js");
  await updateConfig(ctx.configDir(), ctx.warn, (data) => {
    if (!data.profiles[opts.name]) throw new UsageError(`profile "${opts.name}" does not exist; see gw profile list`);
    data.current = opts.name;
  }, configDirSource(ctx.env));;
  ctx.note(`✓ Current profile is now ${opts.name}`);
}
