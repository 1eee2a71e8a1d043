import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { BindInput } from "../../domain/binding.js";
import { headerPairs, integer, nonEmpty, positiveInt } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderOne } from "../../output/render.js";
import { collect, flagsGiven } from "../flags.js";
import { bindingDetailView } from "./view.js";

export interface BindOptions {
  input: Partial<BindInput>;
  flags: string[];
  output: OutputChoice;
}

interface BindFlags extends OutputFlags {
  provider?: string;
  slot?: string;
  rpm?: string;
  tpm?: string;
  rpd?: string;
  fallbackPriority?: string;
  header?: string[];
}

export function bindCommand(ctx: Context, run = runBind): Command {
  const cmd = addOutputOptions(
    new Command("bind")
      .description("bind a model provider to the gateway, with optional limits and fallback priority")
      .option("--provider <model-provider-id>", "model provider to bind; without it, a terminal starts the bind wizard")
      .option("--slot <slot>", 'slot in fallback chains (server default: "primary")')
      .option("--rpm <n>", "requests per minute (positive integer; omit to inherit)")
      .option("--tpm <n>", "tokens per minute (positive integer; omit to inherit)")
      .option("--rpd <n>", "requests per day (positive integer; omit to inherit)")
      .option("--fallback-priority <n>", "global fallback priority (integer; lower is tried first)")
      .option("--header <name=value>", "extra header sent to the provider (repeatable)", collect),
  );
  return cmd.action((flags: BindFlags) =>
    run({ input: bindInputFromFlags(flags), flags: flagsGiven(cmd, BIND_FLAGS), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

const BIND_FLAGS = ["provider", "slot", "rpm", "tpm", "rpd", "fallback-priority", "header"];

export function bindInputFromFlags(flags: BindFlags): Partial<BindInput> {
  const input: Partial<BindInput> = {};
  if (flags.provider !== undefined) input.providerId = nonEmpty("--provider", flags.provider);
  if (flags.slot !== undefined) input.slot = nonEmpty("--slot", flags.slot);
  if (flags.rpm !== undefined) input.rpm = positiveInt("--rpm", flags.rpm);
  if (flags.tpm !== undefined) input.tpm = positiveInt("--tpm", flags.tpm);
  if (flags.rpd !== undefined) input.rpd = positiveInt("--rpd", flags.rpd);
  if (flags.fallbackPriority !== undefined) input.fallbackPriority = integer("--fallback-priority", flags.fallbackPriority);
  if (flags.header !== undefined) input.headers = headerPairs("--header", flags.header);
  return input;
}

export async function runBind(opts: BindOptions, ctx: Context): Promise<void> {
  const interactive = opts.input.providerId === undefined;
  if (interactive && !ctx.io.canPrompt()) {
    throw new UsageError("missing required flag: --provider <model-provider-id> (the bind wizard needs a terminal)");
  }
  const backend = await ctx.backend();
  requireCapability(backend.info, "providers bind", opts.flags);
  let input = opts.input as BindInput;
  if (interactive) {
    const { bindWizard } = await import("./bind-wizard.js");
    const answered = await bindWizard(ctx, backend, opts.input);
    if (!answered) {
      ctx.note("Not bound; nothing was created.");
      return;
    }
    input = answered;
  }
  const binding = await backend.bindProvider!(input);
  ctx.note(`✓ Bound ${binding.provider} as binding ${binding.id} (slot ${binding.slot ?? "-"})`);
  await renderOne(ctx.io, opts.output, binding, bindingDetailView);
}
