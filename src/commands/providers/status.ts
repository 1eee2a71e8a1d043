import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Binding } from "../../domain/binding.js";
import { ask, confirmed, mustAsk, YES_HELP } from "../confirm.js";
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
  /** disable only: confirms a permanent disable without asking. */
  yes?: boolean;
}

type StatusVerb = "disable" | "enable";

const describe: Record<StatusVerb, string> = {
  disable:
    "disable a binding. LangWatch: permanent (there is no re-enable) and the slot stays taken, so bind again in another slot; " +
    "chains that already use it keep using it. Asks first in a terminal, --yes otherwise",
  enable: "re-enable a disabled binding (where the backend supports it)",
};

function statusCommand(verb: StatusVerb, ctx: Context, run: (o: StatusOptions, c: Context) => Promise<void>): Command {
  const cmd = addWriteOptions(addOutputOptions(new Command(verb).description(describe[verb]).argument("<id|name>", BINDING_REF)));
  if (verb === "disable") cmd.option("-y, --yes", YES_HELP);
  return cmd.action((id: string, flags: OutputFlags & WriteFlags & { yes?: boolean }) =>
    run({ id, output: outputChoice(flags, ctx.env), dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet), yes: Boolean(flags.yes) }, ctx),
  );
}

export const disableCommand = (ctx: Context, run = runDisable) => statusCommand("disable", ctx, run);
export const enableCommand = (ctx: Context, run = runEnable) => statusCommand("enable", ctx, run);

/**
 * A binding disabled already is said so (exit 0), not disabled "again": LangWatch would move its
 * disabledAt (research §2.5). Where the backend has no re-enable, the disable is permanent and the slot
 * stays taken, so a person is asked and a script says --yes.
 */
export async function runDisable(opts: StatusOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const part = requirePart(backend, "providers disable");
  const permanent = !backend.info.capabilities["providers enable"];
  const asking = permanent && mustAsk(ctx, { yes: Boolean(opts.yes), dryRun: opts.dryRun }, "disable a binding (it is permanent)");
  const current = await byRef(backend, "binding", opts.id, (id) => requirePart(backend, "providers get").get(id), opts);
  const views = (await bindingViews(backend)).detail;
  if (current.status === "disabled") {
    ctx.note(`Binding ${current.id} (${label(current)}) is already disabled; nothing was changed.`);
    await renderWritten(ctx, opts.output, opts.quiet, current, views);
    return;
  }
  if (asking) {
    const sure = await ask(ctx, `Disable binding ${current.id} (${label(current)}) for good? ${backend.info.label} has no re-enable, and slot ${current.slot ?? "-"} stays taken (bind again in another slot).`);
    if (!sure) {
      ctx.note("Not disabled; nothing was changed.");
      return;
    }
  }
  const binding = await byRef(backend, "binding", opts.id, (id) => part.disable(id), opts);
  ctx.note(`✓ Disabled binding ${binding.id}`);
  await renderWritten(ctx, opts.output, opts.quiet, binding, views);
}

export async function runEnable(opts: StatusOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const part = requirePart(backend, "providers enable");
  const binding = await byRef(backend, "binding", opts.id, (id) => part.enable(id), opts);
  ctx.note(`✓ Enabled binding ${binding.id}`);
  await renderWritten(ctx, opts.output, opts.quiet, binding, (await bindingViews(backend)).detail);
}

const label = (b: Binding) => (b.slot ? `${b.provider}/${b.slot}` : b.provider);

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
      .option("-y, --yes", YES_HELP),
  ).action((id: string, flags: WriteFlags & { yes?: boolean }) =>
    run({ id, yes: Boolean(flags.yes), dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet) }, ctx),
  );
}

/** Irreversible: a person is asked, a script must say --yes (a dry run asks nothing). */
export async function runDelete(opts: DeleteOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const bindings = requirePart(backend, "providers delete");
  const sure = await confirmed(ctx, opts, "delete a provider", async () => {
    const binding = await byRef(backend, "binding", opts.id, (id) => requirePart(backend, "providers get").get(id));
    return `Delete provider ${binding.provider} (${binding.id}) from ${backend.info.name}? Traffic routed to it will fail.`;
  });
  if (!sure) {
    ctx.note("Not deleted; nothing was changed.");
    return;
  }
  const id = await byRef(backend, "binding", opts.id, async (id) => {
    await bindings.remove(id);
    return id;
  }, opts);
  if (opts.quiet) ctx.io.stdout.write(`${cell(id)}\n`);
  ctx.note(`✓ Deleted provider ${id}`);
}
