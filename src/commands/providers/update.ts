import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { BindingPatch } from "../../domain/binding.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { addFlags, checkFlags, flagName, givenFlags, honours, readFlags } from "../flag-spec.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../write-options.js";
import { UNSETTABLE, UPDATE_FLAGS, type Unsettable } from "./binding-flags.js";
import { BINDING_REF, byRef } from "../resolve.js";
import { bindingViews } from "./view.js";
import { plural } from "../../output/plural.js";

export interface UpdateOptions {
  id: string;
  patch: BindingPatch;
  flags: string[];
  output: OutputChoice;
  /** Bifrost: write even if the provider changed since gw read it. */
  force: boolean;
  dryRun: boolean;
  quiet: boolean;
}

export function updateCommand(ctx: Context, run = runUpdate): Command {
  const cmd = addWriteOptions(
    addOutputOptions(
      addFlags(
        new Command("update")
          .description("change a provider binding: only the fields named change")
          .argument("<id|name>", BINDING_REF),
        "providers update",
        UPDATE_FLAGS,
      ),
    ),
  );
  return cmd.action((id: string, flags: OutputFlags & WriteFlags & { force?: boolean }) =>
    run(
      {
        id,
        patch: patchFromFlags(cmd),
        flags: givenFlags(cmd, UPDATE_FLAGS),
        output: outputChoice(flags, ctx.env),
        force: Boolean(flags.force),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
      },
      ctx,
    ),
  );
}

/** Flags -> a patch holding exactly the named fields; `--unset x` becomes null (the API's "clear"). */
export function patchFromFlags(cmd: Command): BindingPatch {
  return readFlags(cmd, UPDATE_FLAGS, {});
}

/** The fields --unset clears that this backend cannot set (so cannot clear either). */
function unsetRefused(backend: string, patch: BindingPatch): Unsettable[] {
  const setters = new Map(UPDATE_FLAGS.map((spec) => [`--${flagName(spec)}`, spec]));
  return (Object.keys(UNSETTABLE) as Unsettable[]).filter((field) => {
    const { key, setBy } = UNSETTABLE[field];
    const setter = setters.get(setBy);
    return patch[key] === null && setter !== undefined && !honours(setter, backend);
  });
}

export async function runUpdate(opts: UpdateOptions, ctx: Context): Promise<void> {
  if (Object.keys(opts.patch).length === 0) {
    throw new UsageError("nothing to update: name at least one field to change (see gw providers update --help)");
  }
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const bindings = requirePart(backend, "providers update");
  checkFlags(backend.info.name, "providers update", opts.flags, UPDATE_FLAGS);
  const refused = unsetRefused(backend.info.name, opts.patch);
  if (refused.length) {
    throw new UsageError(`the ${backend.info.name} backend cannot --unset ${refused.join(", ")} (see gw backends)`);
  }
  const binding = await byRef(backend, "binding", opts.id, (id) => bindings.update(id, opts.patch, { force: opts.force, warn: ctx.warn }), opts);
  ctx.note(`✓ Updated binding ${binding.id}: ${describePatch(opts.patch)}`);
  await renderWritten(ctx, opts.output, opts.quiet, binding, (await bindingViews(backend)).detail);
}

function describePatch(patch: BindingPatch): string {
  return Object.entries(patch)
    .map(([k, v]) => {
      if (v === null) return `${k} cleared`;
      if (Array.isArray(v)) return `${k} ${v.length === 0 ? "cleared" : `set to ${v.length}`}`;
      if (typeof v === "object") return `${k} ${plural(Object.keys(v).length, "header")}`;
      return `${k} ${v}`;
    })
    .join(", ");
}
