import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderList } from "../../output/render.js";
import { gatewayListView } from "./view.js";

export interface ListOptions {
  /** RFC 3339 (UTC) time; only gateways updated after it. */
  updatedAfter?: string;
  flags: string[];
  output: OutputChoice;
}

export function listCommand(ctx: Context, run = runList): Command {
  return addOutputOptions(
    new Command("list")
      .alias("ls")
      .description("list inference gateways, oldest first")
      .option("--updated-after <time>", "only gateways changed after this ISO 8601 time (e.g. 2026-11-01T00:00:00Z)"),
  ).action((flags: OutputFlags & { updatedAfter?: string }) =>
    run(
      {
        ...(flags.updatedAfter !== undefined ? { updatedAfter: isoTime("--updated-after", flags.updatedAfter) } : {}),
        flags: flags.updatedAfter !== undefined ? ["updated-after"] : [],
        output: outputChoice(flags, ctx.env),
      },
      ctx,
    ),
  );
}

/** An ISO 8601 time with a date, as RFC 3339 UTC (what the API's updatedAfter takes, research §3.2). */
export function isoTime(flag: string, value: string): string {
  const text = value.trim();
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new UsageError(`invalid value for ${flag}: "${value}" (expected an ISO 8601 time, e.g. 2026-11-01T00:00:00Z)`);
  return new Date(ms).toISOString();
}

export async function runList(opts: ListOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  requireCapability(backend.info, "gateways list", opts.flags);
  const gateways = await backend.listGateways!(opts.updatedAfter ? { updatedAfter: opts.updatedAfter } : {});
  await renderList(ctx.io, opts.output, gateways, gatewayListView);
}
