import { Command } from "commander";
import { requirePart } from "../../../backends/capabilities.js";
import type { Context } from "../../../context.js";
import { UsageError } from "../../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../../output/format.js";
import { renderList } from "../../../output/render.js";
import { providerKeyListView } from "./view.js";

export interface KeysListOptions {
  provider?: string;
  output: OutputChoice;
}

export function listCommand(ctx: Context, run = runKeysList): Command {
  return addOutputOptions(
    new Command("list")
      .alias("ls")
      .description("list a provider's upstream keys (values are never shown)")
      .argument("[provider]", "the provider (Bifrost: required; ngrok: every key without it)"),
  ).action((provider: string | undefined, flags: OutputFlags) =>
    run({ ...(provider !== undefined ? { provider } : {}), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runKeysList(opts: KeysListOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const keys = requirePart(backend, "providers keys list");
  if (keys.listNeedsProvider && opts.provider === undefined) {
    throw new UsageError(`missing <provider>: the ${backend.info.name} backend keeps keys per provider (see gw providers list)`);
  }
  await renderList(ctx.io, opts.output, await keys.list(opts.provider), providerKeyListView);
}
