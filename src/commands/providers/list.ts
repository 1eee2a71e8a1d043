import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { Binding } from "../../domain/binding.js";
import { filterPages, limitFlag, narrowed, statusFlag, where, type ListFilter } from "../../output/filters.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderPages } from "../../output/render.js";
import { addFlags, checkFlags, givenFlags, readFlags, type FlagSpec } from "../flag-spec.js";
import { bindingViews } from "./view.js";

export interface ListFilters extends ListFilter {
  provider?: string;
  slot?: string;
}

export interface ListOptions extends ListFilters {
  /** Long names of the filter flags given, for the backend check. */
  flags?: string[];
  output: OutputChoice;
}

export const LIST_FLAGS: readonly FlagSpec<ListFilters>[] = [
  statusFlag("bindings", ["active", "disabled"]),
  { flags: "--provider <name>", help: "only bindings of this provider (filtered by gw)", backends: "all", into: (f, v: string) => void (f.provider = v) },
  { flags: "--slot <slot>", help: "only bindings in this slot (filtered by gw)", backends: ["langwatch"], into: (f, v: string) => void (f.slot = v) },
  limitFlag("bindings", { paged: true }),
];

export function listCommand(ctx: Context, run = runList): Command {
  const cmd = addOutputOptions(
    addFlags(new Command("list").alias("ls").description("list provider bindings, disabled ones included, in fallback order"), "providers list", LIST_FLAGS),
    { list: true },
  );
  return cmd.action((flags: OutputFlags) =>
    run({ ...readFlags(cmd, LIST_FLAGS, {}), flags: givenFlags(cmd, LIST_FLAGS), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runList(opts: ListOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const bindings = requirePart(backend, "providers list");
  checkFlags(backend.info.name, "providers list", opts.flags ?? [], LIST_FLAGS);
  const keep = where<Binding>([opts.status, (b) => b.status], [opts.provider, (b) => b.provider], [opts.slot, (b) => b.slot]);
  // A control plane that pages is streamed page by page (and --limit reads no page more than it needs).
  const view = narrowed((await bindingViews(backend)).list, "bindings", [["--status", opts.status], ["--provider", opts.provider], ["--slot", opts.slot]]);
  await renderPages(ctx.io, opts.output, filterPages(bindings.pages(), keep, opts.limit), view);
}
