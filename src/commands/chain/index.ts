import { Command } from "commander";
import { requireCapability } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { writeData } from "../../output/render.js";
import { renderChain, chainJson } from "./render.js";
import { renderRoutingChains, routingChainsJson } from "./render-rules.js";
import { setCommand } from "./set.js";

export interface ChainOptions {
  id: string;
  output: OutputChoice;
}

/** `gw chain <vk-id>` is `gw chain show <vk-id>` (the default subcommand), so each verb owns its flags. */
export function chainCommand(ctx: Context): Command {
  return new Command("chain")
    .description("a virtual key's fallback chain: show it (gw chain <vk-id>) or replace it (gw chain set)")
    .addCommand(showCommand(ctx), { isDefault: true })
    .addCommand(setCommand(ctx));
}

export function showCommand(ctx: Context, run = runChain): Command {
  return addOutputOptions(
    new Command("show")
      .description("show a virtual key's fallback chain: primary -> fallback-1 -> ... (the default)")
      .argument("<vk-id>", "virtual key id"),
  ).action((id: string, flags: OutputFlags) => run({ id, output: outputChoice(flags, ctx.env) }, ctx));
}

export async function runChain(opts: ChainOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  requireCapability(backend.info, "chain");
  const key = await backend.getVirtualKey!(opts.id);
  if (backend.routingRules) {
    // Fallbacks kept in routing rules rather than on the key (Bifrost).
    const rules = await backend.routingRules(key);
    if (opts.output.format !== "table") return writeData(ctx.io, opts.output, routingChainsJson(key, rules));
    const { Chalk } = await import("chalk");
    ctx.io.stdout.write(renderRoutingChains(key, rules, { columns: ctx.io.columns, chalk: new Chalk({ level: ctx.io.colorEnabled ? 1 : 0 }) }));
    return;
  }
  const bindings = key.chain ? await backend.listBindings() : [];
  if (opts.output.format !== "table") {
    await writeData(ctx.io, opts.output, chainJson(key, bindings));
    return;
  }
  const { Chalk } = await import("chalk");
  const chalk = new Chalk({ level: ctx.io.colorEnabled ? 1 : 0 });
  ctx.io.stdout.write(renderChain(key, bindings, { columns: ctx.io.columns, chalk }));
}
