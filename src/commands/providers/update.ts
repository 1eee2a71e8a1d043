import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { BindingPatch } from "../../domain/binding.js";
import { apiSurface, headerPairs, httpUrl, integer, nonEmpty, oneOf, positiveInt } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { collect, flagsGiven } from "../flags.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../write-options.js";
import { nonNegativeInt } from "./bind.js";
import { bindingViews } from "./view.js";

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

interface UpdateFlags extends OutputFlags, WriteFlags {
  rpm?: string;
  tpm?: string;
  rpd?: string;
  slot?: string;
  fallbackPriority?: string;
  rotationPolicy?: string;
  header?: string[];
  unset?: string[];
  name?: string;
  baseUrl?: string;
  metadata?: string;
  model?: string[];
  clearModels?: boolean;
  surface?: string[];
  concurrency?: string;
  bufferSize?: string;
  maxRetries?: string;
  requestTimeout?: string;
  force?: boolean;
}

export const UNSETTABLE = ["rpm", "tpm", "rpd", "fallback-priority", "headers", "metadata", "surfaces"] as const;
type Unsettable = (typeof UNSETTABLE)[number];
const UPDATE_FLAGS = [
  "rpm", "tpm", "rpd", "slot", "fallback-priority", "rotation-policy", "header", "unset", "name", "base-url", "metadata",
  "model", "clear-models", "surface", "concurrency", "buffer-size", "max-retries", "request-timeout", "force",
];

export function updateCommand(ctx: Context, run = runUpdate): Command {
  const cmd = addWriteOptions(
    addOutputOptions(
      new Command("update")
        .description("change a provider binding: only the fields named change")
        .argument("<id>", "binding id (ngrok: the id or the providerId; Bifrost: the provider name)")
        .option("--rpm <n>", "requests per minute (positive integer)")
        .option("--tpm <n>", "tokens per minute (positive integer)")
        .option("--rpd <n>", "requests per day (positive integer)")
        .option("--slot <slot>", "LangWatch: move the binding to another slot")
        .option("--fallback-priority <n>", "LangWatch: global fallback priority (integer; lower is tried first)")
        .option("--rotation-policy <policy>", "LangWatch: key rotation policy (MANUAL)")
        .option(
          "--header <name=value>",
          "extra provider header (repeatable); REPLACES the binding's whole header set, as the API does",
          collect,
        )
        .option("--unset <field>", `clear a field (repeatable): ${UNSETTABLE.join("|")}; limits then inherit`, collect)
        .option("--name <name>", "ngrok: a new label")
        .option("--base-url <url>", "ngrok, Bifrost: a new API base URL")
        .option("--metadata <text>", "ngrok: new metadata")
        .option("--model <model-id>", "ngrok: REPLACE the model set with these (repeatable)", collect)
        .option("--clear-models", "ngrok: remove every model")
        .option("--surface <format[/surface]>", "ngrok: REPLACE the API surfaces with these (repeatable)", collect)
        .option("--concurrency <n>", "Bifrost: concurrent upstream requests")
        .option("--buffer-size <n>", "Bifrost: queued requests (at least --concurrency)")
        .option("--max-retries <n>", "Bifrost: upstream retries")
        .option("--request-timeout <seconds>", "Bifrost: upstream request timeout")
        .option("--force", "Bifrost: write even if the provider changed since gw read it"),
    ),
  );
  return cmd.action((id: string, flags: UpdateFlags) =>
    run(
      {
        id,
        patch: patchFromFlags(flags),
        flags: flagsGiven(cmd, UPDATE_FLAGS),
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
export function patchFromFlags(flags: UpdateFlags): BindingPatch {
  const patch: BindingPatch = {};
  if (flags.rpm !== undefined) patch.rpm = positiveInt("--rpm", flags.rpm);
  if (flags.tpm !== undefined) patch.tpm = positiveInt("--tpm", flags.tpm);
  if (flags.rpd !== undefined) patch.rpd = positiveInt("--rpd", flags.rpd);
  if (flags.slot !== undefined) patch.slot = nonEmpty("--slot", flags.slot);
  if (flags.fallbackPriority !== undefined) patch.fallbackPriority = integer("--fallback-priority", flags.fallbackPriority);
  if (flags.rotationPolicy !== undefined) patch.rotationPolicy = oneOf("--rotation-policy", flags.rotationPolicy, ["MANUAL"] as const);
  if (flags.header !== undefined) patch.headers = headerPairs("--header", flags.header);
  if (flags.name !== undefined) patch.name = nonEmpty("--name", flags.name);
  if (flags.baseUrl !== undefined) patch.baseUrl = httpUrl("--base-url", flags.baseUrl);
  if (flags.metadata !== undefined) patch.metadata = flags.metadata;
  if (flags.model !== undefined && flags.clearModels) throw new UsageError("--model conflicts with --clear-models");
  if (flags.model !== undefined) patch.models = flags.model.map((m) => nonEmpty("--model", m));
  if (flags.clearModels) patch.models = [];
  if (flags.surface !== undefined) patch.surfaces = flags.surface.map((s) => apiSurface("--surface", s));
  if (flags.concurrency !== undefined) patch.concurrency = positiveInt("--concurrency", flags.concurrency);
  if (flags.bufferSize !== undefined) patch.bufferSize = positiveInt("--buffer-size", flags.bufferSize);
  if (flags.maxRetries !== undefined) patch.maxRetries = nonNegativeInt("--max-retries", flags.maxRetries);
  if (flags.requestTimeout !== undefined) patch.requestTimeout = positiveInt("--request-timeout", flags.requestTimeout);

  const unset = (flags.unset ?? []).flatMap((v) => v.split(",")).map((v) => oneOf("--unset", v, UNSETTABLE));
  const patchKey = {
    rpm: "rpm", tpm: "tpm", rpd: "rpd", "fallback-priority": "fallbackPriority", headers: "headers", metadata: "metadata",
    surfaces: "surfaces",
  } as const satisfies Record<Unsettable, keyof BindingPatch>;
  const setBy = {
    rpm: "--rpm", tpm: "--tpm", rpd: "--rpd", "fallback-priority": "--fallback-priority", headers: "--header",
    metadata: "--metadata", surfaces: "--surface",
  } as const satisfies Record<Unsettable, string>;
  for (const field of unset) {
    const key = patchKey[field];
    if (patch[key] !== undefined) throw new UsageError(`--unset ${field} conflicts with ${setBy[field]}`);
    patch[key] = null;
  }
  return patch;
}

/** The values of --unset the user gave, for the backend's capability check. */
function unsetFields(patch: BindingPatch, flags: string[]): string[] {
  if (!flags.includes("unset")) return [];
  const byKey: Record<string, Unsettable> = {
    rpm: "rpm", tpm: "tpm", rpd: "rpd", fallbackPriority: "fallback-priority", headers: "headers", metadata: "metadata",
    surfaces: "surfaces",
  };
  return Object.entries(patch).flatMap(([k, v]) => (v === null && byKey[k] ? [byKey[k]] : []));
}

export async function runUpdate(opts: UpdateOptions, ctx: Context): Promise<void> {
  if (Object.keys(opts.patch).length === 0) {
    throw new UsageError("nothing to update: name at least one field to change (see gw providers update --help)");
  }
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  requireCapability(backend.info, "providers update", opts.flags);
  const refused = unsetFields(opts.patch, opts.flags).filter((f) => !(backend.info.capabilities["providers update"]?.unset ?? []).includes(f));
  if (refused.length) {
    throw new UsageError(`the ${backend.info.name} backend cannot --unset ${refused.join(", ")} (see gw backends)`);
  }
  const binding = await backend.updateBinding!(opts.id, opts.patch, { force: opts.force, warn: ctx.warn });
  ctx.note(`✓ Updated binding ${binding.id}: ${describePatch(opts.patch)}`);
  await renderWritten(ctx, opts.output, opts.quiet, binding, bindingViews(backend.info.name).detail);
}

function describePatch(patch: BindingPatch): string {
  return Object.entries(patch)
    .map(([k, v]) => {
      if (v === null) return `${k} cleared`;
      if (Array.isArray(v)) return `${k} ${v.length === 0 ? "cleared" : `set to ${v.length}`}`;
      if (typeof v === "object") return `${k} ${Object.keys(v).length} header(s)`;
      return `${k} ${v}`;
    })
    .join(", ");
}
