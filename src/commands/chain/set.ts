import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { nonEmpty } from "../../domain/validate.js";
import { NotFoundError, RejectedError, UsageError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { writeData } from "../../output/render.js";
import { addWriteOptions, type WriteFlags } from "../write-options.js";
import { chainJson, renderChain } from "./render.js";

export interface SetOptions {
  id: string;
  bindingIds: string[];
  dryRun: boolean;
  quiet: boolean;
  output: OutputChoice;
}

export function setCommand(ctx: Context, run = runSet): Command {
  return addWriteOptions(
    addOutputOptions(
      new Command("set")
        .description("replace a key's fallback chain with exactly these bindings, primary first")
        .argument("<vk-id>", "virtual key id")
        .argument("<binding-id...>", "bindings in order"),
    ),
  ).action((id: string, bindingIds: string[], flags: OutputFlags & WriteFlags) =>
    run(
      {
        id,
        bindingIds: bindingIds.map((b) => nonEmpty("<binding-id>", b)),
        dryRun: Boolean(flags.dryRun),
        quiet: Boolean(flags.quiet),
        output: outputChoice(flags, ctx.env),
      },
      ctx,
    ),
  );
}

export async function runSet(opts: SetOptions, ctx: Context): Promise<void> {
  const duplicate = opts.bindingIds.find((id, i) => opts.bindingIds.indexOf(id) !== i);
  if (duplicate) throw new UsageError(`binding ${duplicate} appears twice in the chain`);
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  requireCapability(backend.info, "chain set");

  // The server answers an unknown or disabled binding with an unhelpful 500 (research §2.7): check first.
  const bindings = await backend.listBindings();
  const byId = new Map(bindings.map((b) => [b.id, b]));
  const missing = opts.bindingIds.filter((id) => !byId.has(id));
  if (missing.length) throw new NotFoundError(`binding ${missing.join(", ")} does not exist in this project (see gw providers list)`);
  const disabled = opts.bindingIds.filter((id) => byId.get(id)?.status === "disabled");
  if (disabled.length) {
    throw new RejectedError(`binding ${disabled.join(", ")} is disabled; a chain cannot be set to use a disabled binding`);
  }

  const key = await backend.setChain!(opts.id, opts.bindingIds);
  ctx.note(`✓ Set the chain of virtual key ${key.id} (${opts.bindingIds.length} hop${opts.bindingIds.length === 1 ? "" : "s"})`);
  if (opts.quiet) {
    ctx.io.stdout.write(`${key.id}\n`);
    return;
  }
  if (opts.output.format !== "table") return writeData(ctx.io, opts.output, chainJson(key, bindings));
  const { Chalk } = await import("chalk");
  ctx.io.stdout.write(renderChain(key, bindings, { columns: ctx.io.columns, chalk: new Chalk({ level: ctx.io.colorEnabled ? 1 : 0 }) }));
}
