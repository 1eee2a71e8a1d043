import { Command } from "commander";
import type { Context } from "../../context.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderOne } from "../../output/render.js";
import { loadConfig } from "../../profiles/load.js";
import { profileDetailView, toProfileRecord, type ProfileRecord } from "./view.js";
import { PROFILE_REF } from "../resolve.js";

export interface ShowOptions {
  name?: string;
  output: OutputChoice;
}

export function showCommand(ctx: Context, run = runShow): Command {
  return addOutputOptions(
    new Command("show")
      .description("show a profile (default: the one gw would use now, with GW_* overrides applied)")
      .argument("[name]", PROFILE_REF),
  ).action((name: string | undefined, flags: OutputFlags) =>
    run({ ...(name !== undefined ? { name } : {}), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runShow(opts: ShowOptions, ctx: Context): Promise<void> {
  const config = loadConfig(ctx.env, ctx.warn);
  let record: ProfileRecord;
  if (opts.name !== undefined) {
    const stored = config.profiles[opts.name];
    if (!stored) throw new UsageError(`profile "${opts.name}" does not exist; see gw profile list`);
    record = toProfileRecord(opts.name, stored, opts.name === config.current);
  } else {
    const resolved = await ctx.profile();
    record = toProfileRecord(resolved.name, resolved, resolved.name !== null && resolved.name === config.current);
  }
  await renderOne(ctx.io, opts.output, record, profileDetailView(ctx.configDir(), record.auth !== null));
}
