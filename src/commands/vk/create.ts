import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { VirtualKeyInput } from "../../domain/virtual-key.js";
import { nonEmpty, positiveInt } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { flagsGiven } from "../flags.js";
import { addWriteOptions, type WriteFlags } from "../write-options.js";
import { printIssuedKey } from "./issued.js";

export interface CreateOptions {
  input: VirtualKeyInput;
  dryRun: boolean;
  quiet: boolean;
  flags: string[];
  output: OutputChoice;
}

interface CreateFlags extends OutputFlags, WriteFlags {
  name: string;
  description?: string;
  chain?: string[];
  rpm?: string;
  tpm?: string;
  rpd?: string;
}

const CREATE_FLAGS = ["name", "description", "chain", "rpm", "tpm", "rpd"];

export function createCommand(ctx: Context, run = runCreate): Command {
  const cmd = addWriteOptions(addOutputOptions(
    new Command("create")
      .description("create a virtual key; its secret is printed once")
      .requiredOption("--name <name>", "key name (1-128 characters)")
      .option("--description <text>", "what the key is for")
      .option("--chain <binding-id...>", "fallback chain in order: primary first (LangWatch v3.2-v3.3)")
      .option("--rpm <n>", "requests per minute for this key")
      .option("--tpm <n>", "tokens per minute for this key")
      .option("--rpd <n>", "requests per day for this key"),
  ));
  return cmd.action((flags: CreateFlags) =>
    run({ input: inputFromFlags(flags), dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet), flags: flagsGiven(cmd, CREATE_FLAGS), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export function inputFromFlags(flags: CreateFlags): VirtualKeyInput {
  const name = nonEmpty("--name", flags.name);
  if (name.length > 128) throw new UsageError("invalid value for --name: at most 128 characters");
  const input: VirtualKeyInput = { name, chain: (flags.chain ?? []).map((id) => nonEmpty("--chain", id)) };
  if (flags.description !== undefined) input.description = flags.description;
  if (flags.rpm !== undefined) input.rpm = positiveInt("--rpm", flags.rpm);
  if (flags.tpm !== undefined) input.tpm = positiveInt("--tpm", flags.tpm);
  if (flags.rpd !== undefined) input.rpd = positiveInt("--rpd", flags.rpd);
  return input;
}

export async function runCreate(opts: CreateOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  requireCapability(backend.info, "vk create", opts.flags);
  if ((await backend.era?.()) !== "b" && opts.input.chain.length === 0) {
    throw new UsageError("missing --chain <binding-id>...: a key needs at least one binding (see gw providers list)");
  }
  const issued = await backend.createVirtualKey!(opts.input);
  await printIssuedKey(ctx, opts.output, issued, "Created", opts.quiet);
}
