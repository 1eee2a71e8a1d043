import { Command, Option } from "commander";
import type { Context } from "../../context.js";
import { writeData } from "../../output/render.js";
import { driftError, loadDocument, readActual } from "./state.js";

export interface DiffOptions {
  file: string;
  exitCode: boolean;
  prune: boolean;
  /** table (text is its old name): the plan as sentences; json and yaml: the plan record. */
  format: DiffFormat;
}

type DiffFormat = "table" | "text" | "json" | "yaml";

export function diffCommand(ctx: Context, run = runDiff): Command {
  return new Command("diff")
    .description("show what `gw apply -f F` would create, change and remove, field by field")
    .requiredOption("-f, --file <file>", "the document (YAML or JSON; - for stdin)")
    .option("--exit-code", "exit 10 when the control plane differs from the document (0 when in sync)")
    .option("--prune", "also show what is not in the document, which apply --prune would remove")
    .addOption(new Option("-o, --output <format>", "plan format (table: readable; text is the same)").choices(["table", "json", "yaml", "text"]).default("table"))
    .action((flags: { file: string; exitCode?: boolean; prune?: boolean; output: DiffFormat }) =>
      run({ file: flags.file, exitCode: Boolean(flags.exitCode), prune: Boolean(flags.prune), format: flags.output }, ctx),
    );
}

export async function runDiff(opts: DiffOptions, ctx: Context): Promise<void> {
  const profile = await ctx.profile();
  const doc = await loadDocument(opts.file, ctx, profile.backend);
  const backend = await ctx.backend();
  const kinds = await backend.info.configKinds();
  const { computePlan } = await import("../../plan/plan.js");
  const plan = computePlan(doc, await readActual(backend, kinds), opts.prune, ctx.env, kinds);
  if (opts.format === "json" || opts.format === "yaml") await writeData(ctx.io, { format: opts.format }, plan);
  else {
    const [{ describePlan }, { Chalk }] = await Promise.all([import("../../plan/describe.js"), import("chalk")]);
    ctx.io.stdout.write(describePlan(plan, new Chalk({ level: ctx.io.colorEnabled ? 1 : 0 }), kinds));
  }
  if (opts.exitCode && (plan.items.length > 0 || plan.impossible.length > 0)) throw driftError();
}
