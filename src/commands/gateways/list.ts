import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { UsageError } from "../../errors.js";
import { addFlags, checkFlags, givenFlags, readFlags, type FlagSpec } from "../flag-spec.js";
import type { GatewayStatus } from "../../domain/gateway.js";
import { filterList, limitFlag, narrowed, statusFlag, where, type ListFilter } from "../../output/filters.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderList } from "../../output/render.js";
import { gatewayListView } from "./view.js";

export interface ListFilters extends ListFilter {
  /** RFC 3339 (UTC) time; only gateways updated after it (filtered by the server). */
  updatedAfter?: string;
}

export interface ListOptions extends ListFilters {
  flags: string[];
  output: OutputChoice;
}

const STATUSES: readonly GatewayStatus[] = ["creating", "ready", "updating", "deleting", "error", "failed", "unspecified"];

export const LIST_FLAGS: readonly FlagSpec<ListFilters>[] = [
  {
    flags: "--updated-after <time>",
    help: "only gateways changed after this ISO 8601 time (e.g. 2026-11-01T00:00:00Z; filtered by the server)",
    backends: ["coreweave"],
    into: (input, v: string) => void (input.updatedAfter = isoTime("--updated-after", v)),
  },
];

/** The filters every list has; apart from LIST_FLAGS, which `gw backends` shows per backend. */
export const FILTER_FLAGS: readonly FlagSpec<ListFilters>[] = [statusFlag("gateways", STATUSES), limitFlag("gateways")];
const FLAGS = [...LIST_FLAGS, ...FILTER_FLAGS];

export function listCommand(ctx: Context, run = runList): Command {
  const cmd = addOutputOptions(addFlags(new Command("list").alias("ls").description("list inference gateways, oldest first"), "gateways list", FLAGS), {
    list: true,
  });
  return cmd.action((flags: OutputFlags) =>
    run({ ...readFlags(cmd, FLAGS, {}), flags: givenFlags(cmd, FLAGS), output: outputChoice(flags, ctx.env) }, ctx),
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
  const part = requirePart(backend, "gateways list");
  checkFlags(backend.info.name, "gateways list", opts.flags, LIST_FLAGS);
  const gateways = await part.list(opts.updatedAfter ? { updatedAfter: opts.updatedAfter } : {});
  const view = narrowed(gatewayListView, "gateways", [["--updated-after", opts.updatedAfter], ["--status", opts.status]]);
  await renderList(ctx.io, opts.output, filterList(gateways, where([opts.status, (g) => g.status]), opts.limit), view);
}
