import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../write-options.js";
import { byRef, KEY_REF } from "../resolve.js";
import { vkDetailView } from "./view.js";

export interface VkStatusOptions {
  id: string;
  dryRun: boolean;
  quiet: boolean;
  output: OutputChoice;
}

export function disableCommand(ctx: Context, run = runDisable): Command {
  return addWriteOptions(
    addOutputOptions(new Command("disable").description("disable a virtual key, reversibly (LangWatch v3.4+)").argument("<id|name>", KEY_REF)),
  ).action((id: string, flags: OutputFlags & WriteFlags) =>
    run({ id, dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export function enableCommand(ctx: Context, run = runEnable): Command {
  return addWriteOptions(
    addOutputOptions(new Command("enable").description("enable a disabled virtual key (LangWatch v3.4+)").argument("<id|name>", KEY_REF)),
  ).action((id: string, flags: OutputFlags & WriteFlags) =>
    run({ id, dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export async function runDisable(opts: VkStatusOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const part = requirePart(backend, "vk disable");
  const current = await byRef(backend, "virtualKey", opts.id, (id) => requirePart(backend, "vk get").get(id), opts);
  if (current.status === "disabled") {
    ctx.note(`Virtual key ${current.id} (${current.name}) is already disabled; nothing was changed.`);
    await renderWritten(ctx, opts.output, opts.quiet, current, vkDetailView(new Map()));
    return;
  }
  const key = await byRef(backend, "virtualKey", opts.id, (id) => part.disable(id), opts);
  ctx.note(`✓ Disabled virtual key ${key.id} (${key.name})`);
  await renderWritten(ctx, opts.output, opts.quiet, key, vkDetailView(new Map()));
}

export async function runEnable(opts: VkStatusOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const part = requirePart(backend, "vk enable");
  const key = await byRef(backend, "virtualKey", opts.id, (id) => part.enable(id), opts);
  ctx.note(`✓ Enabled virtual key ${key.id} (${key.name})`);
  await renderWritten(ctx, opts.output, opts.quiet, key, vkDetailView(new Map()));
}
