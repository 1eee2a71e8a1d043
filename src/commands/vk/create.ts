import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { VirtualKeyInput } from "../../domain/virtual-key.js";
import { nonEmpty, positiveInt } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { addFlags, checkFlags, givenFlags, readFlags, type FlagSpec } from "../flag-spec.js";
import { addWriteOptions, type WriteFlags } from "../write-options.js";
import { printIssuedKey } from "./issued.js";

export interface CreateOptions {
  input: VirtualKeyInput;
  dryRun: boolean;
  quiet: boolean;
  flags: string[];
  output: OutputChoice;
}

export const CREATE_FLAGS: readonly FlagSpec<VirtualKeyInput>[] = [
  {
    flags: "--name <name>",
    help: "key name (1-128 characters)",
    backends: "all",
    required: true,
    into(input, v: string) {
      const name = nonEmpty("--name", v);
      if (name.length > 128) throw new UsageError("invalid value for --name: at most 128 characters");
      input.name = name;
    },
  },
  { flags: "--description <text>", help: "what the key is for", backends: "all", into: (input, v: string) => void (input.description = v) },
  {
    flags: "--chain <binding-id...>",
    help: "fallback chain in order: primary first (LangWatch v3.2-v3.3)",
    backends: "all",
    into: (input, v: string[]) => void (input.chain = v.map((id) => nonEmpty("--chain", id))),
  },
  { flags: "--rpm <n>", help: "requests per minute for this key", backends: "all", into: (input, v: string) => void (input.rpm = positiveInt("--rpm", v)) },
  { flags: "--tpm <n>", help: "tokens per minute for this key", backends: "all", into: (input, v: string) => void (input.tpm = positiveInt("--tpm", v)) },
  { flags: "--rpd <n>", help: "requests per day for this key", backends: "all", into: (input, v: string) => void (input.rpd = positiveInt("--rpd", v)) },
];

export function createCommand(ctx: Context, run = runCreate): Command {
  const cmd = addWriteOptions(addOutputOptions(addFlags(new Command("create").description("create a virtual key; its secret is printed once"), "vk create", CREATE_FLAGS)));
  return cmd.action((flags: OutputFlags & WriteFlags) =>
    run({ input: inputFromFlags(cmd), dryRun: Boolean(flags.dryRun), quiet: Boolean(flags.quiet), flags: givenFlags(cmd, CREATE_FLAGS), output: outputChoice(flags, ctx.env) }, ctx),
  );
}

export function inputFromFlags(cmd: Command): VirtualKeyInput {
  return readFlags(cmd, CREATE_FLAGS, { name: "", chain: [] });
}

export async function runCreate(opts: CreateOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const writes = requirePart(backend, "vk create");
  checkFlags(backend.info.name, "vk create", opts.flags, CREATE_FLAGS);
  const issued = await writes.create(opts.input);
  await printIssuedKey(ctx, opts.output, issued, "Created", opts.quiet);
}
