import { Command } from "commander";
import type { Context } from "../../context.js";
import { UsageError } from "../../errors.js";
import { PROFILE_REF } from "../resolve.js";
import { configDirSource } from "../../profiles/paths.js";
import type { StoredProfile } from "../../profiles/types.js";

export interface RemoveOptions {
  name: string;
}

export function removeCommand(ctx: Context, run = runRemove): Command {
  return new Command("remove")
    .alias("rm")
    .description("remove a profile and its stored key")
    .argument("<name>", PROFILE_REF)
    .action((name: string) => run({ name }, ctx));
}

export async function runRemove(opts: RemoveOptions, ctx: Context): Promise<void> {
  const { updateConfig } = await import("../../profiles/store.js");
  let wasCurrent = false;
  let removed: StoredProfile | undefined;
  await updateConfig(ctx.configDir(), ctx.warn, (data) => {
    removed = data.profiles[opts.name];
    if (!removed) throw new UsageError(`profile "${opts.name}" does not exist; see gw profile list`);
    delete data.profiles[opts.name];
    if (data.current === opts.name) {
      delete data.current;
      wasCurrent = true;
    }
  }, configDirSource(ctx.env));
  if (removed?.keyStore) {
    const { forgetKey } = await import("../../profiles/key-store.js");
    await forgetKey(ctx.env, opts.name, removed, ctx.warn);
  }
  ctx.note(`✓ Removed profile ${opts.name}${wasCurrent ? "; no profile is current now (gw profile use <name>)" : ""}`);
}
