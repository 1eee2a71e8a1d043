import { Command } from "commander";
import { requirePart } from "../../../backends/capabilities.js";
import type { Context } from "../../../context.js";
import type { ProviderKeyPatch } from "../../../domain/provider-key.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../../output/format.js";
import { oneLine } from "../../../redact.js";
import { addFlags, checkFlags, givenFlags, readFlags } from "../../flag-spec.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../../write-options.js";
import { ADD_FLAGS, keyValue } from "./flags.js";
import { providerKeyDetailView } from "./view.js";
import { PROVIDER_REF } from "../../resolve.js";

export interface KeysAddOptions {
  provider: string;
  fields: ProviderKeyPatch;
  valueStdin: boolean;
  flags: string[];
  output: OutputChoice;
  dryRun: boolean;
  quiet: boolean;
}

export function addCommand(ctx: Context, run = runKeysAdd): Command {
  const cmd = addWriteOptions(
    addOutputOptions(
      addFlags(
        new Command("add").description("add an upstream key to a provider; the value comes from stdin or GW_PROVIDER_KEY").argument("<provider>", PROVIDER_REF),
        "providers keys add",
        ADD_FLAGS,
      ),
    ),
  );
  return cmd.action((provider: string, flags: OutputFlags & WriteFlags & { valueStdin?: boolean }) =>
    run(
      {
        provider,
        fields: readFlags(cmd, ADD_FLAGS, {}),
        valueStdin: Boolean(flags.valueStdin),
        flags: givenFlags(cmd, ADD_FLAGS),
        output: outputChoice(flags, ctx.env),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
      },
      ctx,
    ),
  );
}

export async function runKeysAdd(opts: KeysAddOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const keys = requirePart(backend, "providers keys add");
  checkFlags(backend.info.name, "providers keys add", opts.flags, ADD_FLAGS);
  const value = (await keyValue(ctx, opts.valueStdin, true))!;
  const { name = "", weight, models } = opts.fields;
  const key = await keys.add(opts.provider, { name, value, ...(weight !== undefined ? { weight } : {}), ...(models ? { models } : {}) });
  ctx.note(`✓ Added key ${key.id} (${oneLine(key.name)}) to provider ${key.provider}`);
  await renderWritten(ctx, opts.output, opts.quiet, key, providerKeyDetailView);
}
