import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { BindingPatch } from "../../domain/binding.js";
import { headerPairs, integer, nonEmpty, oneOf, positiveInt } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderOne } from "../../output/render.js";
import { collect, flagsGiven } from "../flags.js";
import { bindingDetailView } from "./view.js";

export interface UpdateOptions {
  id: string;
  patch: BindingPatch;
  flags: string[];
  output: OutputChoice;
}

interface UpdateFlags extends OutputFlags {
  rpm?: string;
  tpm?: string;
  rpd?: string;
  slot?: string;
  fallbackPriority?: string;
  rotationPolicy?: string;
  header?: string[];
  unset?: string[];
}

export const UNSETTABLE = ["rpm", "tpm", "rpd", "fallback-priority", "headers"] as const;
const UPDATE_FLAGS = ["rpm", "tpm", "rpd", "slot", "fallback-priority", "rotation-policy", "header", "unset"];

export function updateCommand(ctx: Context, run = runUpdate): Command {
  const cmd = addOutputOptions(
    new Command("update")
      .description("change a binding: only the fields named are sent")
      .argument("<id>", "binding id")
      .option("--rpm <n>", "requests per minute (positive integer)")
      .option("--tpm <n>", "tokens per minute (positive integer)")
      .option("--rpd <n>", "requests per day (positive integer)")
      .option("--slot <slot>", "move the binding to another slot")
      .option("--fallback-priority <n>", "global fallback priority (integer; lower is tried first)")
      .option("--rotation-policy <policy>", "key rotation policy (MANUAL)")
      .option(
        "--header <name=value>",
        "extra provider header (repeatable); REPLACES the binding's whole header set, as the API does",
        collect,
      )
      .option("--unset <field>", `clear a field so it inherits: ${UNSETTABLE.join("|")} (repeatable)`, collect),
  );
  return cmd.action((id: string, flags: UpdateFlags) =>
    run({ id, patch: patchFromFlags(flags), flags: flagsGiven(cmd, UPDATE_FLAGS), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

/** Flags -> a patch holding exactly the named fields; `--unset x` becomes null (the API's "clear"). */
export function patchFromFlags(flags: UpdateFlags): BindingPatch {
  const patch: BindingPatch = {};
  if (flags.rpm !== undefined) patch.rpm = positiveInt("--rpm", flags.rpm);
  if (flags.tpm !== undefined) patch.tpm = positiveInt("--tpm", flags.tpm);
  if (flags.rpd !== undefined) patch.rpd = positiveInt("--rpd", flags.rpd);
  if (flags.slot !== undefined) patch.slot = nonEmpty("--slot", flags.slot);
  if (flags.fallbackPriority !== undefined) patch.fallbackPriority = integer("--fallback-priority", flags.fallbackPriority);
  if (flags.rotationPolicy !== undefined) patch.rotationPolicy = oneOf("--rotation-policy", flags.rotationPolicy, ["MANUAL"] as const);
  if (flags.header !== undefined) patch.headers = headerPairs("--header", flags.header);

  const unset = (flags.unset ?? []).flatMap((v) => v.split(",")).map((v) => oneOf("--unset", v, UNSETTABLE));
  const patchKey = { rpm: "rpm", tpm: "tpm", rpd: "rpd", "fallback-priority": "fallbackPriority", headers: "headers" } as const;
  const setBy = { rpm: "--rpm", tpm: "--tpm", rpd: "--rpd", "fallback-priority": "--fallback-priority", headers: "--header" } as const;
  for (const field of unset) {
    const key = patchKey[field];
    if (patch[key] !== undefined) throw new UsageError(`--unset ${field} conflicts with ${setBy[field]}`);
    patch[key] = null;
  }
  return patch;
}

export async function runUpdate(opts: UpdateOptions, ctx: Context): Promise<void> {
  if (Object.keys(opts.patch).length === 0) {
    throw new UsageError(
      "nothing to update: give at least one of --rpm, --tpm, --rpd, --slot, --fallback-priority, " +
        "--rotation-policy, --header, --unset",
    );
  }
  const backend = await ctx.backend();
  requireCapability(backend.info, "providers update", opts.flags);
  const binding = await backend.updateBinding!(opts.id, opts.patch);
  ctx.note(`✓ Updated binding ${binding.id}: ${describePatch(opts.patch)}`);
  await renderOne(ctx.io, opts.output, binding, bindingDetailView);
}

function describePatch(patch: BindingPatch): string {
  return Object.entries(patch)
    .map(([k, v]) => `${k} ${v === null ? "cleared" : typeof v === "object" ? `${Object.keys(v).length} header(s)` : v}`)
    .join(", ");
}
