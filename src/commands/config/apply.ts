import { Command } from "commander";
import type { ResourceKind } from "../../config/resource-kind.js";
import type { Context } from "../../context.js";
import { positiveInt } from "../../domain/validate.js";
import { CancelledError, GwError, RejectedError, UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { ItemResult } from "../../plan/apply.js";
import type { PlanItem } from "../../plan/plan.js";
import { loadDocument, readActual } from "./state.js";
import { cell } from "../../output/cell-text.js";
import { plural } from "../../output/plural.js";

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
    throw new RejectedError(`${opts.file}: ${plural(plan.impossible.length, "difference")} gw cannot make (marked !); nothing was applied`);
  }
  if (plan.items.length === 0) return;
  if (!opts.yes && !opts.dryRun) {
    const confirmed = await (await ctx.prompter()).confirm(`Apply ${plural(plan.items.length, "change")} to ${profile.baseUrl}?`, { default: false });
    if (!confirmed) {
      ctx.note("Not applied; nothing was changed.");
      return;
    }
  }
  const target = opts.dryRun ? await ctx.backend({ dryRun: true }) : backend;
  const progress = createProgress(ctx.io, plan.items.length);
  // The first Ctrl-C (or SIGTERM) stops starting items and lets the running ones finish; a second one
  // stops waiting for them. Either way the summary, with every secret already issued, is printed.
  const known: ItemResult[] = [];
  let signal: string | undefined;
  const aborted = ctx.waitForStop().then((first) => {
    signal = first;
    progress.done();
    ctx.note(`${first}: stopping; changes under way finish (again to stop waiting for them)`);
    return ctx.waitForStop();
  });
  const applying = applyPlan(plan, target, {
    concurrency: opts.concurrency,
    progress,
    dryRun: opts.dryRun,
    env: ctx.env,
    stopped: () => signal !== undefined,
    onResult: (r) => known.push(r),
  });
  const outcome = await Promise.race([applying.then((results) => ({ results, abandoned: false })), aborted.then(() => ({ results: known, abandoned: true }))]);
  progress.done();
  const results = outcome.abandoned ? withUnknown(plan.items, outcome.results) : outcome.results;
  report(ctx, results, opts.dryRun, kinds, signal);
}

/** After a second signal: the items gw stopped waiting for are neither applied nor known not to be. */
function withUnknown(items: readonly PlanItem[], known: readonly ItemResult[]): ItemResult[] {
  return items.map(
    (item) => known.find((r) => r.item === item) ?? { item, status: "failed", error: new Error("interrupted while under way: may or may not have been applied") },
  );
}

/** The summary: what was applied, what failed and why, what was not started, and any new secret (shown once). */
function report(ctx: Context, results: ItemResult[], dryRun: boolean, kinds: readonly ResourceKind[], signal?: string): void {
  const name = (r: ItemResult) => `${r.item.action} ${r.item.kind} ${r.item.key}`;
  const failed = results.filter((r) => r.status === "failed");
  const applied = results.filter((r) => r.status === "applied");
  const notApplied = results.filter((r) => r.status === "not-applied");
  for (const r of results.filter((x) => x.secret)) {
    const kind = kinds.find((k) => k.noun === r.item.kind);
    ctx.warn(`secret of new ${kind?.label ?? r.item.kind} ${r.item.key} follows; it is shown only this once`);
    ctx.io.stdout.write(`${cell(r.item.key)}\t${cell(r.secret ?? "")}\n`);
  }
  if (dryRun) {
    ctx.note(`Dry run: ${plural(results.length, "change")} shown above; nothing was sent.`);
    return;
  }
  if (failed.length === 0 && notApplied.length === 0) {
    ctx.note(`✓ Applied ${plural(applied.length, "change")}.`);
    return;
  }
  for (const r of applied) ctx.note(`applied: ${name(r)}`);
  for (const r of failed) ctx.note(`failed:  ${name(r)}: ${r.error?.message ?? "unknown error"}`);
  for (const r of notApplied) ctx.note(`not applied: ${name(r)}${r.error ? `: ${r.error.message}` : ""}`);
  const summary = `applied ${applied.length} of ${plural(results.length, "change")}`;
  if (signal) throw new CancelledError(`${summary}; interrupted (${signal}): the rest is listed above; run gw apply again to finish`);
  const code = [...failed, ...notApplied]
    .map((r) => (r.error instanceof GwError ? r.error.exitCode : ExitCode.Unexpected))
    .find((c) => c !== ExitCode.Ok);
  const parts = [failed.length ? `${failed.length} failed` : "", notApplied.length ? `${notApplied.length} not applied` : ""].filter(Boolean);
  throw new GwError(`${summary}; ${parts.join(", ")} (listed above); run gw apply again to finish`, code ?? ExitCode.Unexpected);
}
