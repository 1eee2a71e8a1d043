import { Command } from "commander";
import type { Backend } from "../../backends/backend.js";
import { requirePart } from "../../backends/capabilities.js";
import type { Binding, WithRaw } from "../../domain/binding.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../write-options.js";
import { BINDING_REF, byRef } from "../resolve.js";
import { bindingViews } from "./view.js";
import { cell } from "../../output/cell-text.js";

export interface StatusOptions {
  id: string;
  output: OutputChoice;
  dryRun: boolean;
  quiet: boolean;
}

type StatusVerb = "disable" | "enable";

const describe: Record<StatusVerb, string> = {
  disable: "disable a binding (LangWatch: soft; chains that already use it keep using it)",
  enable: "re-enable a disabled binding (where the backend supports it)",
};

function statusCommand(verb: StatusVerb, ctx: Context, run: (o: StatusOptions, c: Context) => Promise<void>): Command {
  return addWriteOptions(addOutputOptions(new Command(verb).description(describe[verb]).argument("<id|name>", BINDING_REF))).action(
    (id: string, flags: OutputFlags & WriteFlags) =>
      run({ id, output: outputChoice(flags, ctx.env), dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet) }, ctx),
  );
}

export const disableCommand = (ctx: Context, run = runDisable) => statusCommand("disable", ctx, run);
export const enableCommand = (ctx: Context, run = runEnable) => statusCommand("enable", ctx, run);

export async function runDisable(opts: StatusOptions, ctx: Context): Promise<void> {
  await changeStatus(ctx, opts, (b) => {
    const part = requirePart(b, "providers disable");
    return byRef(b, "binding", opts.id, (id) => part.disable(id), opts);
  }, "Disabled");
}

export async function runEnable(opts: StatusOptions, ctx: Context): Promise<void> {
  await changeStatus(ctx, opts, (b) => {
    const part = requirePart(b, "providers enable");
    return byRef(b, "binding", opts.id, (id) => part.enable(id), opts);
  }, "Enabled");
}

async function changeStatus(
  ctx: Context,
  opts: StatusOptions,
  act: (backend: Backend) => Promise<WithRaw<Binding>>,
  done: string,
): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const binding = await act(backend);
  ctx.note(`✓ ${done} binding ${binding.id}`);
  await renderWritten(ctx, opts.output, opts.quiet, binding, bindingViews(backend).detail);
}

export interface DeleteOptions {
  id: string;
  yes: boolean;
  dryRun: boolean;
  quiet: boolean;
}

export function deleteCommand(ctx: Context, run = runDelete): Command {
  return addWriteOptions(
    new Command("delete")
      .description("delete a provider (Bifrost, ngrok; asks first in a terminal). LangWatch bindings can only be disabled")
      .argument("<id|name>", BINDING_REF)
      .option("-y, --yes", "do not ask for confirmation"),
  ).action((id: string, flags: WriteFlags & { yes?: boolean }) =>
    run({ id, yes: Boolean(flags.yes), dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet) }, ctx),
  );
}

/**
 * Like kubectl, a script deletes without a prompt; a person at a terminal is asked first (gh-style),
 * unless --yes. A dry run asks nothing.
 */
export async function runDelete(opts: DeleteOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const bindings = requirePart(backend, "providers delete");
  if (!opts.yes && !opts.dryRun && ctx.io.canPrompt()) {
    const binding = await byRef(backend, "binding", opts.id, (id) => requirePart(backend, "providers get").get(id));
    const sure = await (await ctx.prompter()).confirm(
      `Delete provider ${binding.provider} (${binding.id}) from ${backend.info.name}? Traffic routed to it will fail.`,
      { default: false },
    );
    if (!sure) {
      ctx.note("Not deleted; nothing was changed.");
      return;
    }
  }
  const id = await byRef(backend, "binding", opts.id, async (id) => {
    await bindings.remove(id);
    return id;
  }, opts);
  if (opts.quiet) ctx.io.stdout.write(`${cell(id)}\n`);
  ctx.note(`✓ Deleted provider ${id}`);
}
