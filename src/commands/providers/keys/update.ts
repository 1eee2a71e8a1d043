import { Command } from "commander";
import { requirePart } from "../../../backends/capabilities.js";
import type { Context } from "../../../context.js";
import type { ProviderKeyPatch } from "../../../domain/provider-key.js";
import { UsageError } from "../../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../../output/format.js";
import { oneLine } from "../../../redact.js";
import { addFlags, checkFlags, givenFlags, readFlags } from "../../flag-spec.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../../write-options.js";
import { keyValue, UPDATE_FLAGS } from "./flags.js";
import { providerKeyDetailView } from "./view.js";
import { PROVIDER_REF } from "../../resolve.js";

export interface KeysUpdateOptions {
  provider: string;
  id: string;
  patch: ProviderKeyPatch;
  valueStdin: boolean;
  flags: string[];
  output: OutputChoice;
  dryRun: boolean;
  quiet: boolean;
}

export function updateCommand(ctx: Context, run = runKeysUpdate): Command {
  const cmd = addWriteOptions(
    addOutputOptions(
      addFlags(
        new Command("update")
          .description("change an upstream key of a provider: only the fields named change")
          .argument("<provider>", PROVIDER_REF)
          .argument("<key-id>", "the key's id (gw providers keys list <provider>)"),
        "providers keys update",
        UPDATE_FLAGS,
      ),
    ),
  );
  return cmd.action((provider: string, id: string, flags: OutputFlags & WriteFlags & { valueStdin?: boolean }) =>
    run(
      {
        provider,
        id,
        patch: readFlags(cmd, UPDATE_FLAGS, {}),
        valueStdin: Boolean(flags.valueStdin),
        flags: givenFlags(cmd, UPDATE_FLAGS),
        output: outputChoice(flags, ctx.env),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
      },
      ctx,
    ),
  );
}

export async function runKeysUpdate(opts: KeysUpdateOptions, ctx: Context): Promise<void> {
  if (Object.keys(opts.patch).length === 0 && !opts.valueStdin) {
    throw new UsageError("nothing to update: name at least one field to change (see gw providers keys update --help)");
  }
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const keys = requirePart(backend, "providers keys update");
  checkFlags(backend.info.name, "providers keys update", opts.flags, UPDATE_FLAGS);
  const value = await keyValue(ctx, opts.valueStdin, false);
  const key = await keys.update(opts.provider, opts.id, { ...opts.patch, ...(value ? { value } : {}) });
  ctx.note(`✓ Updated key ${key.id} (${oneLine(key.name)}) of provider ${key.provider}`);
  await renderWritten(ctx, opts.output, opts.quiet, key, providerKeyDetailView);
}
