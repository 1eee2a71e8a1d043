import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { BindInput } from "../../domain/binding.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { addFlags, checkFlags, givenFlags, missingFlags, readFlags } from "../flag-spec.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../write-options.js";
import { byModelProvider, modelProviderId } from "../resolve.js";
import { BIND_FLAGS } from "./binding-flags.js";
import { bindingViews } from "./view.js";

export interface BindOptions {
  input: Partial<BindInput>;
  flags: string[];
  output: OutputChoice;
  dryRun: boolean;
  quiet: boolean;
}

export function bindCommand(ctx: Context, run = runBind): Command {
  const cmd = addWriteOptions(
    addOutputOptions(
      addFlags(new Command("bind").description("bind a provider to the gateway, with optional limits and fallback priority"), "providers bind", BIND_FLAGS),
    ),
  );
  return cmd.action((flags: OutputFlags & WriteFlags) =>
    run(
      {
        input: bindInputFromFlags(cmd),
        flags: givenFlags(cmd, BIND_FLAGS),
        output: outputChoice(flags, ctx.env),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
      },
      ctx,
    ),
  );
}

export function bindInputFromFlags(cmd: Command): Partial<BindInput> {
  return readFlags(cmd, BIND_FLAGS, {});
}

export async function runBind(opts: BindOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const bindings = requirePart(backend, "providers bind");
  checkFlags(backend.info.name, "providers bind", opts.flags, BIND_FLAGS);
  const missing = missingFlags(backend.info.name, opts.flags, BIND_FLAGS);
  // The wizard picks among the project's model providers, where a backend lists them; elsewhere flags are required.
  const modelProviders = backend.modelProviders;
  let input = opts.input as BindInput;
  // --provider may name the model provider (LangWatch `openai`): resolved before the wizard asks or a dry
  // run prints; otherwise only when the control plane knows no provider of that id (an id costs nothing).
  const resolveFirst = opts.dryRun || missing.length > 0;
  if (modelProviders && resolveFirst && input.providerId !== undefined) input = { ...input, providerId: await modelProviderId(modelProviders, input.providerId) };
  if (missing.length > 0) {
    if (!modelProviders || !ctx.io.canPrompt()) {
      const list = missing.map((f) => `--${f}`).join(", ");
      const why = modelProviders ? " (the bind wizard needs a terminal)" : "";
      throw new UsageError(`missing required flag${missing.length > 1 ? "s" : ""}: ${list}${why}`);
    }
    const { bindWizard } = await import("./bind-wizard.js");
    const answered = await bindWizard(ctx, { bindings, modelProviders }, input);
    if (!answered) {
      ctx.note("Not bound; nothing was created.");
      return;
    }
    input = answered;
  }
  const binding = await byModelProvider(resolveFirst ? undefined : modelProviders, input, (i) => bindings.bind(i));
  const where = binding.slot ? ` (slot ${binding.slot})` : "";
  ctx.note(`✓ Bound ${binding.provider} as binding ${binding.id}${where}`);
  await renderWritten(ctx, opts.output, opts.quiet, binding, (await bindingViews(backend)).detail);
}
