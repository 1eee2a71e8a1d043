import { Command } from "commander";
import type { ResourceKind } from "../../config/resource-kind.js";
import type { Context } from "../../context.js";
import { positiveInt } from "../../domain/validate.js";
import { GwError, RejectedError, UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { ItemResult } from "../../plan/apply.js";
import { loadDocument, readActual } from "./state.js";

export interface ApplyOptions {
  file: string;
  yes: boolean;
  dryRun: boolean;
  prune: boolean;
  concurrency: number;
}

export function applyCommand(ctx: Context, run = runApply): Command {
  return new Command("apply")
    .description("make the control plane match a document: show the plan, confirm, apply, summarise")
    .requiredOption("-f, --file <file>", "the document (YAML or JSON; - for stdin)")
    .option("-y, --yes", "apply without asking (required when not in a terminal)")
    .option("--dry-run", "print the plan and the requests it would send; send nothing")
    .option("--prune", "also remove what the document leaves out (LangWatch bindings: disable, keys: revoke; elsewhere: delete)")
    .option("--concurrency <n>", "changes applied at once", "4")
    .action((flags: { file: string; yes?: boolean; dryRun?: boolean; prune?: boolean; concurrency: string }) =>
      run(
        {
          file: flags.file,
          yes: Boolean(flags.yes),
          dryRun: Boolean(flags.dryRun),
          prune: Boolean(flags.prune),
          concurrency: positiveInt("--concurrency", flags.concurrency),
        },
        ctx,
      ),
    );
}

export async function runApply(opts: ApplyOptions, ctx: Context): Promise<void> {
  const profile = await ctx.profile();
  const doc = await loadDocument(opts.file, ctx, profile.backend);
  if (!opts.yes && !opts.dryRun && !ctx.io.canPrompt()) {
    throw new UsageError("refusing to apply without --yes when not in a terminal (or use --dry-run to preview)");
  }
  const backend = await ctx.backend();
  const kinds = await backend.info.configKinds();
  const [{ computePlan }, { describePlan }, { applyPlan }, { createProgress }, { Chalk }] = await Promise.all([
    import("../../plan/plan.js"),
    import("../../plan/describe.js"),
    import("../../plan/apply.js"),
    import("../../io/progress.js"),
    import("chalk"),
  ]);
  const plan = computePlan(doc, await readActual(backend, kinds), opts.prune, ctx.env, kinds);
  ctx.io.stdout.write(describePlan(plan, new Chalk({ level: ctx.io.colorEnabled ? 1 : 0 }), kinds));
  if (plan.impossible.length) {
    throw new RejectedError(`${opts.file}: ${plan.impossible.length} difference(s) gw cannot make (marked !); nothing was applied`);
  }
  if (plan.items.length === 0) return;
  if (!opts.yes && !opts.dryRun) {
    const confirmed = await (await ctx.prompter()).confirm(`Apply ${plan.items.length} change(s) to ${profile.baseUrl}?`, { default: false });
    if (!confirmed) {
      ctx.note("Not applied; nothing was changed.");
      return;
    }
  }
  const target = opts.dryRun ? await ctx.backend({ dryRun: true }) : backend;
  const progress = createProgress(ctx.io, plan.items.length);
  const results = await applyPlan(plan, target, { concurrency: opts.concurrency, progress, dryRun: opts.dryRun, env: ctx.env });
  progress.done();
  report(ctx, results, opts.dryRun, kinds);
}

/** The summary: what was applied, what failed and why, and any new secret (shown once). */
function report(ctx: Context, results: ItemResult[], dryRun: boolean, kinds: readonly ResourceKind[]): void {
  const name = (r: ItemResult) => `${r.item.action} ${r.item.kind} ${r.item.key}`;
  const failed = results.filter((r) => r.status === "failed");
  const applied = results.filter((r) => r.status === "applied");
  for (const r of results.filter((x) => x.secret)) {
    const kind = kinds.find((k) => k.noun === r.item.kind);
    ctx.warn(`secret of new ${kind?.label ?? r.item.kind} ${r.item.key} follows; it is shown only this once`);
    ctx.io.stdout.write(`${r.item.key}\t${r.secret}\n`);
  }
  if (dryRun) {
    ctx.note(`Dry run: ${results.length} change(s) shown above; nothing was sent.`);
    return;
  }
  if (failed.length === 0) {
    ctx.note(`✓ Applied ${applied.length} change(s).`);
    return;
  }
  for (const r of applied) ctx.note(`applied: ${name(r)}`);
  for (const r of failed) ctx.note(`failed:  ${name(r)}: ${r.error?.message ?? "unknown error"}`);
  const code = failed.map((r) => (r.error instanceof GwError ? r.error.exitCode : ExitCode.Unexpected)).find((c) => c !== ExitCode.Ok);
  throw new GwError(
    `applied ${applied.length} of ${results.length} change(s); ${failed.length} failed (listed above); run gw apply again to finish`,
    code ?? ExitCode.Unexpected,
  );
}
