import { Command } from "commander";
import type { Context } from "../../context.js";
import { KeychainError, UsageError } from "../../errors.js";
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
  let keyError: string | undefined;
  if (opts.name !== undefined) {
    const stored = config.profiles[opts.name];
    if (!stored) throw new UsageError(`profile "${opts.name}" does not exist; see gw profile list`);
    let apiKey = stored.apiKey;
    if (stored.keyStore) {
      const { readStoredKey } = await import("../../profiles/key-store.js");
      apiKey = await readStoredKey(ctx.env, opts.name, stored).catch((err: unknown) => {
        if (!(err instanceof KeychainError)) throw err;
        keyError = err.reason;
        return undefined;
      });
    }
    record = toProfileRecord(opts.name, { ...stored, ...(apiKey ? { apiKey } : {}) }, opts.name === config.current);
  } else {
    const resolved = await ctx.profile();
    keyError = resolved.keyError;
    record = toProfileRecord(resolved.name, resolved, resolved.name !== null && resolved.name === config.current);
  }
  await renderOne(ctx.io, opts.output, record, profileDetailView(ctx.configDir(), record.auth !== null, await keyWhere(ctx, record, keyError)));
}

async function keyWhere(ctx: Context, record: ProfileRecord, keyError: string | undefined): Promise<string | undefined> {
  if (record.keyStore === "env") return "GW_API_KEY (environment variable)";
  if (record.keyStore === null || record.name === null) return undefined;
  const { keyLocation } = await import("../../profiles/key-store.js");
  return `${keyLocation(ctx.env, record.name, record.keyStore)}${keyError ? `; unreadable now: ${keyError}` : ""}`;
}
