import { Command } from "commander";
import { requirePart } from "../../../backends/capabilities.js";
import type { Context } from "../../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../../output/format.js";
import { oneLine } from "../../../redact.js";
import { addFlags } from "../../flag-spec.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../../write-options.js";
import { keyValue, ROTATE_FLAGS } from "./flags.js";
import { providerKeyDetailView } from "./view.js";
import { PROVIDER_REF } from "../../resolve.js";

export interface KeysRotateOptions {
  provider: string;
  id: string;
  valueStdin: boolean;
  output: OutputChoice;
  dryRun: boolean;
  quiet: boolean;
}

export function rotateCommand(ctx: Context, run = runKeysRotate): Command {
  const cmd = addWriteOptions(
    addOutputOptions(
      addFlags(
        new Command("rotate")
          .description("give an upstream key a new secret value in place (same id and name); the value comes from stdin or GW_PROVIDER_KEY")
          .argument("<provider>", PROVIDER_REF)
          .argument("<key-id>", "the key's id (gw providers keys list)"),
        "providers keys rotate",
        ROTATE_FLAGS,
      ),
    ),
  );
  return cmd.action((provider: string, id: string, flags: OutputFlags & WriteFlags & { valueStdin?: boolean }) =>
    run(
      {
        provider,
        id,
        valueStdin: Boolean(flags.valueStdin),
        output: outputChoice(flags, ctx.env),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
      },
      ctx,
    ),
  );
}

/**
 * The new value is read only once the backend is known to rotate, so a backend without rotation says so
 * (exit 2) before stdin is consumed. The value never reaches stdout or stderr: it is one of ctx.secrets
 * from the moment it is read, and the record has no field for it.
 */
export async function runKeysRotate(opts: KeysRotateOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const keys = requirePart(backend, "providers keys rotate");
  const value = (await keyValue(ctx, opts.valueStdin, true))!;
  const key = await keys.rotate(opts.provider, opts.id, value);
  ctx.note(`✓ Rotated key ${key.id} (${oneLine(key.name)}) of provider ${key.provider}`);
  await renderWritten(ctx, opts.output, opts.quiet, key, providerKeyDetailView);
}
