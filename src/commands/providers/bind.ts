import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { BindInput } from "../../domain/binding.js";
import { apiSurface, headerPairs, httpUrl, integer, nonEmpty, positiveInt } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { collect, flagsGiven } from "../flags.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../write-options.js";
import { bindingViews } from "./view.js";

export interface BindOptions {
  input: Partial<BindInput>;
  flags: string[];
  output: OutputChoice;
  dryRun: boolean;
  quiet: boolean;
}

interface BindFlags extends OutputFlags, WriteFlags {
  provider?: string;
  providerId?: string;
  slot?: string;
  rpm?: string;
  tpm?: string;
  rpd?: string;
  fallbackPriority?: string;
  header?: string[];
  name?: string;
  baseUrl?: string;
  metadata?: string;
  model?: string[];
  surface?: string[];
  baseProvider?: string;
  concurrency?: string;
  bufferSize?: string;
  maxRetries?: string;
  requestTimeout?: string;
}

const BIND_FLAGS = [
  "provider", "provider-id", "slot", "rpm", "tpm", "rpd", "fallback-priority", "header", "name", "base-url", "metadata",
  "model", "surface", "base-provider", "concurrency", "buffer-size", "max-retries", "request-timeout",
];

export function bindCommand(ctx: Context, run = runBind): Command {
  const cmd = addWriteOptions(
    addOutputOptions(
      new Command("bind")
        .description("bind a provider to the gateway, with optional limits and fallback priority")
        .option("--provider <id>", "LangWatch: model provider id (without it, a terminal starts the wizard); Bifrost: provider name")
        .option("--provider-id <id>", "ngrok: the provider's immutable id, used in model strings (provider-id:model)")
        .option("--slot <slot>", 'LangWatch: slot in fallback chains (server default: "primary")')
        .option("--rpm <n>", "requests per minute (positive integer; omit to inherit)")
        .option("--tpm <n>", "tokens per minute (positive integer; omit to inherit)")
        .option("--rpd <n>", "requests per day (positive integer; omit to inherit)")
        .option("--fallback-priority <n>", "LangWatch: global fallback priority (integer; lower is tried first)")
        .option("--header <name=value>", "extra header sent to the provider (repeatable)", collect)
        .option("--name <name>", "ngrok: a label for the provider")
        .option("--base-url <url>", "ngrok, Bifrost: the provider's API base URL")
        .option("--metadata <text>", "ngrok: free-form metadata")
        .option("--model <model-id>", "ngrok: a model the provider exposes (repeatable)", collect)
        .option("--surface <format[/surface]>", "ngrok: an API surface it speaks, e.g. openai/chat-completions (repeatable)", collect)
        .option("--base-provider <type>", "Bifrost: base provider type of a custom provider, e.g. openai")
        .option("--concurrency <n>", "Bifrost: concurrent upstream requests")
        .option("--buffer-size <n>", "Bifrost: queued requests (at least --concurrency)")
        .option("--max-retries <n>", "Bifrost: upstream retries")
        .option("--request-timeout <seconds>", "Bifrost: upstream request timeout"),
    ),
  );
  return cmd.action((flags: BindFlags) =>
    run(
      {
        input: bindInputFromFlags(flags),
        flags: flagsGiven(cmd, BIND_FLAGS),
        output: outputChoice(flags, ctx.env),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
      },
      ctx,
    ),
  );
}

export function bindInputFromFlags(flags: BindFlags): Partial<BindInput> {
  const input: Partial<BindInput> = {};
  if (flags.provider !== undefined && flags.providerId !== undefined) {
    throw new UsageError("--provider and --provider-id name the same thing; give one");
  }
  if (flags.provider !== undefined) input.providerId = nonEmpty("--provider", flags.provider);
  if (flags.providerId !== undefined) input.providerId = nonEmpty("--provider-id", flags.providerId);
  if (flags.slot !== undefined) input.slot = nonEmpty("--slot", flags.slot);
  if (flags.rpm !== undefined) input.rpm = positiveInt("--rpm", flags.rpm);
  if (flags.tpm !== undefined) input.tpm = positiveInt("--tpm", flags.tpm);
  if (flags.rpd !== undefined) input.rpd = positiveInt("--rpd", flags.rpd);
  if (flags.fallbackPriority !== undefined) input.fallbackPriority = integer("--fallback-priority", flags.fallbackPriority);
  if (flags.header !== undefined) input.headers = headerPairs("--header", flags.header);
  if (flags.name !== undefined) input.name = nonEmpty("--name", flags.name);
  if (flags.baseUrl !== undefined) input.baseUrl = httpUrl("--base-url", flags.baseUrl);
  if (flags.metadata !== undefined) input.metadata = flags.metadata;
  if (flags.model !== undefined) input.models = flags.model.map((m) => nonEmpty("--model", m));
  if (flags.surface !== undefined) input.surfaces = flags.surface.map((s) => apiSurface("--surface", s));
  if (flags.baseProvider !== undefined) input.baseProvider = nonEmpty("--base-provider", flags.baseProvider);
  if (flags.concurrency !== undefined) input.concurrency = positiveInt("--concurrency", flags.concurrency);
  if (flags.bufferSize !== undefined) input.bufferSize = positiveInt("--buffer-size", flags.bufferSize);
  if (flags.maxRetries !== undefined) input.maxRetries = nonNegativeInt("--max-retries", flags.maxRetries);
  if (flags.requestTimeout !== undefined) input.requestTimeout = positiveInt("--request-timeout", flags.requestTimeout);
  return input;
}

export function nonNegativeInt(flag: string, value: string): number {
  const n = integer(flag, value);
  if (n < 0) throw new UsageError(`invalid value for ${flag}: "${value}" (must be 0 or more)`);
  return n;
}

export async function runBind(opts: BindOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  requireCapability(backend.info, "providers bind", opts.flags);
  const required = backend.info.capabilities["providers bind"]?.required ?? [];
  const missing = required.filter((flag) => !opts.flags.includes(flag));
  // Only LangWatch has a wizard (it picks among the project's model providers); elsewhere flags are required.
  const wizard = missing.length > 0 && Boolean(backend.listModelProviders) && ctx.io.canPrompt();
  if (missing.length > 0 && !wizard) {
    const list = missing.map((f) => `--${f}`).join(", ");
    const why = backend.listModelProviders ? " (the bind wizard needs a terminal)" : "";
    throw new UsageError(`missing required flag${missing.length > 1 ? "s" : ""}: ${list}${why}`);
  }
  let input = opts.input as BindInput;
  if (wizard) {
    const { bindWizard } = await import("./bind-wizard.js");
    const answered = await bindWizard(ctx, backend, opts.input);
    if (!answered) {
      ctx.note("Not bound; nothing was created.");
      return;
    }
    input = answered;
  }
  const binding = await backend.bindProvider!(input);
  const where = binding.slot ? ` (slot ${binding.slot})` : "";
  ctx.note(`✓ Bound ${binding.provider} as binding ${binding.id}${where}`);
  await renderWritten(ctx, opts.output, opts.quiet, binding, bindingViews(backend.info.name).detail);
}
