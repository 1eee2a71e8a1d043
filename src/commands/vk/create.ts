import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { VirtualKeyInput } from "../../domain/virtual-key.js";
import { nonEmpty, positiveInt } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { addFlags, checkFlags, givenFlags, readFlags } from "../flag-spec.js";
import { CREATE_FLAGS, createInput } from "./key-flags.js";
import { addWriteOptions, type WriteFlags } from "../write-options.js";
import { printIssuedKey } from "./issued.js";

export interface CreateOptions {
  input: VirtualKeyInput;
  dryRun: boolean;
  quiet: boolean;
  flags: string[];
  output: OutputChoice;
}

export function createCommand(ctx: Context, run = runCreate): Command {
  const cmd = addWriteOptions(addOutputOptions(addFlags(new Command("create").description("create a virtual key; its secret is printed once"), "vk create", CREATE_FLAGS)));
  return cmd.action((flags: OutputFlags & WriteFlags) =>
    run({ input: inputFromFlags(cmd), dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet), flags: givenFlags(cmd, CREATE_FLAGS), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export function inputFromFlags(cmd: Command): VirtualKeyInput {
  return createInput(readFlags(cmd, CREATE_FLAGS, {}));
}

export async function runCreate(opts: CreateOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const writes = requirePart(backend, "vk create");
  checkFlags(backend.info.name, "vk create", opts.flags, CREATE_FLAGS);
  const issued = await writes.create(opts.input);
  await printIssuedKey(ctx, opts.output, issued, "Created", opts.quiet);
}
