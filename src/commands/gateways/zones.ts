import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { rawOf } from "../../domain/binding.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderList, writeData } from "../../output/render.js";

export interface ZonesOptions {
  output: OutputChoice;
}

export function zonesCommand(ctx: Context, run = runZones): Command {
  return addOutputOptions(new Command("zones").description("the zones a gateway can be placed in (for --zone)")).action(
    (flags: OutputFlags) => run({ output: outputChoice(flags, ctx.env) }, ctx),
  );
}

/** A table of zone names; JSON/YAML print the plain list of names, --raw the control plane's body. */
export async function runZones(opts: ZonesOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const zones = await requirePart(backend, "gateways zones").zones();
  if (opts.output.format !== "table") {
    await writeData(ctx.io, opts.output, opts.output.raw ? (rawOf(zones) ?? zones) : [...zones]);
    return;
  }
  await renderList(ctx.io, opts.output, zones.map((zone) => ({ zone })), {
    columns: [{ header: "ZONE", value: (z) => z.zone }],
    empty: "The control plane offers no zones.",
  });
}
