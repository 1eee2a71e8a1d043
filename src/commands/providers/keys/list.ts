import { Command } from "commander";
import { requirePart } from "../../../backends/capabilities.js";
import type { Context } from "../../../context.js";
import { UsageError } from "../../../errors.js";
import { filterList, limitFlag } from "../../../output/filters.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../../output/format.js";
import { renderList } from "../../../output/render.js";
import { addFlags, readFlags, type FlagSpec } from "../../flag-spec.js";
import { providerKeyListView } from "./view.js";
import { PROVIDER_REF } from "../../resolve.js";

export interface KeysListOptions {
  provider?: string;
  limit?: number;
  output: OutputChoice;
}

export const LIST_FLAGS: readonly FlagSpec<{ limit?: number }>[] = [limitFlag("keys")];

export function listCommand(ctx: Context, run = runKeysList): Command {
  const cmd = addOutputOptions(
    addFlags(
      new Command("list")
        .alias("ls")
        .description("list a provider's upstream keys (values are never shown); without a provider, ngrok lists every key")
        .argument("[provider]", PROVIDER_REF),
      "providers keys list",
      LIST_FLAGS,
    ),
    { list: true },
  );
  return cmd.action((provider: string | undefined, flags: OutputFlags) =>
    run({ ...(provider !== undefined ? { provider } : {}), ...readFlags(cmd, LIST_FLAGS, {}), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runKeysList(opts: KeysListOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const keys = requirePart(backend, "providers keys list");
  if (keys.listNeedsProvider && opts.provider === undefined) {
    throw new UsageError(`missing <provider>: the ${backend.info.name} backend keeps keys per provider (see gw providers list)`);
  }
  await renderList(ctx.io, opts.output, filterList(await keys.list(opts.provider), () => true, opts.limit), providerKeyListView);
}
