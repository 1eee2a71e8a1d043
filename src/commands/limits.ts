import { Command } from "commander";
import { requirePart } from "../backends/capabilities.js";
import type { Context } from "../context.js";
import { limitRows, type LimitRow } from "../domain/limits.js";
import { filterList, limitFlag, narrowed, statusFlag, where, type ListFilter } from "../output/filters.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../output/format.js";
import { renderList } from "../output/render.js";
import type { ListView } from "../output/view.js";
import { addFlags, readFlags, type FlagSpec } from "./flag-spec.js";

export interface LimitsOptions extends ListFilter {
  output: OutputChoice;
}

export const LIMITS_FLAGS: readonly FlagSpec<ListFilter>[] = [statusFlag("rows", ["active", "disabled"]), limitFlag("rows")];

export function limitsCommand(ctx: Context, run = runLimits): Command {
  const cmd = addOutputOptions(
    addFlags(new Command("limits").description("rate limits of every binding and virtual key, with what cannot take effect"), "limits", LIMITS_FLAGS),
    { list: true },
  );
  return cmd.action((flags: OutputFlags) => run({ ...readFlags(cmd, LIMITS_FLAGS, {}), output: outputChoice(flags, ctx.env) }, ctx));
}

export async function runLimits(opts: LimitsOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const limits = requirePart(backend, "limits");
  const { bindings, keys } = await limits.read(ctx.warn);
  const all = limitRows(bindings, keys.filter((k) => k.status !== "revoked"), limits.semantics);
  const rows = filterList(all, where<LimitRow>([opts.status, (r) => r.status]), opts.limit);
  const limit = (r: LimitRow, n: number | null) => (n !== null ? String(n) : r.unsetMeans === "inherit" ? "inherit" : "-");
  // OTHER appears only where some row has limits outside rpm/tpm/rpd (Bifrost windows and budgets).
  const other = rows.some((r) => r.other.length > 0) ? [{ header: "OTHER", value: (r: LimitRow) => r.other.join(", "), priority: 1 }] : [];
  const view: ListView<LimitRow> = {
    columns: [
      { header: "KIND", value: (r) => r.kind, priority: 2 },
      { header: "ID", value: (r) => r.id, fixed: true },
      { header: "NAME", value: (r) => r.name },
      // Not only dimmed rows: dimming is invisible with NO_COLOR and in a pipe.
      { header: "STATUS", value: (r) => r.status },
      { header: "RPM", value: (r) => limit(r, r.rpm) },
      { header: "TPM", value: (r) => limit(r, r.tpm) },
      { header: "RPD", value: (r) => limit(r, r.rpd) },
      ...other,
      { header: "WARNINGS", value: (r) => r.warnings.join("; ") },
    ],
    dim: (r) => r.status !== "active",
    empty: "No bindings or virtual keys.",
  };
  await renderList(ctx.io, opts.output, rows, narrowed(view, "rows", [["--status", opts.status]]));
}
