import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { addFlags, checkFlags, flagName, givenFlags, honours, readFlags } from "../flag-spec.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../write-options.js";
import { UNSET_SETTERS, UPDATE_FLAGS, updatePatch, type KeyFields } from "./key-flags.js";
import { byRef, KEY_REF } from "../resolve.js";
import { vkDetailView } from "./view.js";

export interface VkUpdateOptions {
  id: string;
  fields: KeyFields;
  /** The --unset values given, for the backend check. */
  unset: string[];
  flags: string[];
  dryRun: boolean;
  quiet: boolean;
  output: OutputChoice;
}

export function updateCommand(ctx: Context, run = runVkUpdate): Command {
  const cmd = addWriteOptions(
    addOutputOptions(
      addFlags(
        new Command("update").description("change a virtual key: only the fields named change").argument("<id|name>", KEY_REF),
        "vk update",
        UPDATE_FLAGS,
      ),
    ),
  );
  return cmd.action((id: string, flags: OutputFlags & WriteFlags & { unset?: string[] }) =>
    run(
      {
        id,
        fields: readFlags(cmd, UPDATE_FLAGS, {}),
        unset: (flags.unset ?? []).flatMap((v) => v.split(",")),
        flags: givenFlags(cmd, UPDATE_FLAGS),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
        output: outputChoice(flags, ctx.env),
      },
      ctx,
    ),
  );
}

export async function runVkUpdate(opts: VkUpdateOptions, ctx: Context): Promise<void> {
  if (Object.keys(opts.fields).length === 0) {
    throw new UsageError("nothing to update: name at least one field to change (see gw vk update --help)");
  }
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const writes = requirePart(backend, "vk update");
  checkFlags(backend.info.name, "vk update", opts.flags, UPDATE_FLAGS);
  const setters = new Map(UPDATE_FLAGS.map((spec) => [`--${flagName(spec)}`, spec]));
  const refused = opts.unset.filter((field) => {
    const setter = setters.get(UNSET_SETTERS[field as keyof typeof UNSET_SETTERS]);
    return setter !== undefined && !honours(setter, backend.info.name);
  });
  if (refused.length) throw new UsageError(`the ${backend.info.name} backend cannot --unset ${refused.join(", ")} (see gw backends)`);
  // Limits are written as one block: read the key for the ones the flags leave alone.
  const current = opts.fields.limits ? await byRef(backend, "virtualKey", opts.id, (id) => requirePart(backend, "vk get").get(id)) : { rpm: null, tpm: null, rpd: null };
  const key = await byRef(backend, "virtualKey", opts.id, (id) => writes.update(id, updatePatch(opts.fields, current)), opts);
  ctx.note(`✓ Updated virtual key ${key.id} (${key.name})`);
  await renderWritten(ctx, opts.output, opts.quiet, key, vkDetailView(new Map()));
}
