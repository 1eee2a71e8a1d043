import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderOne } from "../../output/render.js";
import { vkDetailView } from "./view.js";

export interface VkStatusOptions {
  id: string;
  dryRun: boolean;
  output: OutputChoice;
}

export function disableCommand(ctx: Context, run = runDisable): Command {
  return addOutputOptions(
    new Command("disable").description("disable a virtual key, reversibly (LangWatch v3.4+)").argument("<id>", "virtual key id")
      .option("--dry-run", "print the request instead of sending it"),
  ).action((id: string, flags: OutputFlags & { dryRun?: boolean }) =>
    run({ id, dryRun: Boolean(flags.dryRun), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export function enableCommand(ctx: Context, run = runEnable): Command {
  return addOutputOptions(
    new Command("enable").description("enable a disabled virtual key (LangWatch v3.4+)").argument("<id>", "virtual key id")
      .option("--dry-run", "print the request instead of sending it"),
  ).action((id: string, flags: OutputFlags & { dryRun?: boolean }) =>
    run({ id, dryRun: Boolean(flags.dryRun), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runDisable(opts: VkStatusOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  requireCapability(backend.info, "vk disable");
  const key = await backend.disableVirtualKey!(opts.id);
  ctx.note(`✓ Disabled virtual key ${key.id} (${key.name})`);
  await renderOne(ctx.io, opts.output, key, vkDetailView(new Map()));
}

export async function runEnable(opts: VkStatusOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  requireCapability(backend.info, "vk enable");
  const key = await backend.enableVirtualKey!(opts.id);
  ctx.note(`✓ Enabled virtual key ${key.id} (${key.name})`);
  await renderOne(ctx.io, opts.output, key, vkDetailView(new Map()));
}
