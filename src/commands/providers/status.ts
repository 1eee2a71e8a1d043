import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Backend, Verb } from "../../backends/backend.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderOne } from "../../output/render.js";
import { bindingDetailView } from "./view.js";

export interface StatusOptions {
  id: string;
  output: OutputChoice;
}

type StatusVerb = "disable" | "enable";

const describe: Record<StatusVerb, string> = {
  disable: "disable a binding (LangWatch: soft; chains that already use it keep using it)",
  enable: "re-enable a disabled binding (where the backend supports it)",
};

function statusCommand(verb: StatusVerb, ctx: Context, run: (o: StatusOptions, c: Context) => Promise<void>): Command {
  return addOutputOptions(new Command(verb).description(describe[verb]).argument("<id>", "binding id")).action(
    (id: string, flags: OutputFlags) => run({ id, output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export const disableCommand = (ctx: Context, run = runDisable) => statusCommand("disable", ctx, run);
export const enableCommand = (ctx: Context, run = runEnable) => statusCommand("enable", ctx, run);

export async function runDisable(opts: StatusOptions, ctx: Context): Promise<void> {
  await changeStatus(ctx, opts, "providers disable", (b) => b.disableBinding!(opts.id), "Disabled");
}

export async function runEnable(opts: StatusOptions, ctx: Context): Promise<void> {
  await changeStatus(ctx, opts, "providers enable", (b) => b.enableBinding!(opts.id), "Enabled");
}

async function changeStatus(
  ctx: Context,
  opts: StatusOptions,
  verb: Verb,
  act: (backend: Backend) => ReturnType<NonNullable<Backend["disableBinding"]>>,
  done: string,
): Promise<void> {
  const backend = await ctx.backend();
  requireCapability(backend.info, verb);
  const binding = await act(backend);
  ctx.note(`✓ ${done} binding ${binding.id}`);
  await renderOne(ctx.io, opts.output, binding, bindingDetailView);
}

export interface DeleteOptions {
  id: string;
}

export function deleteCommand(ctx: Context, run = runDelete): Command {
  return new Command("delete")
    .description("delete a binding (where the backend supports it; LangWatch only disables)")
    .argument("<id>", "binding id")
    .action((id: string) => run({ id }, ctx));
}

export async function runDelete(opts: DeleteOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  requireCapability(backend.info, "providers delete");
  await backend.deleteBinding!(opts.id);
  ctx.note(`✓ Deleted binding ${opts.id}`);
}
