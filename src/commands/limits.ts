import { Command } from "commander";
import { requirePart } from "../backends/capabilities.js";
import type { Context } from "../context.js";
import { limitRows, type LimitRow } from "../domain/limits.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../output/format.js";
import { renderList } from "../output/render.js";

export interface LimitsOptions {
  output: OutputChoice;
}

export function limitsCommand(ctx: Context, run = runLimits): Command {
  return addOutputOptions(
    new Command("limits").description("rate limits of every binding and virtual key, with what cannot take effect"),
  ).action((flags: OutputFlags) => run({ output: outputChoice(flags, ctx.env) }, ctx));
}

export async function runLimits(opts: LimitsOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const limits = requirePart(backend, "limits");
  const { bindings, keys } = await limits.read(ctx.warn);
  const rows = limitRows(bindings, keys.filter((k) => k.status !== "revoked"), limits.semantics);
  const limit = (r: LimitRow, n: number | null) => (n !== null ? String(n) : r.unsetMeans === "inherit" ? "inherit" : "-");
  // OTHER appears only where some row has limits outside rpm/tpm/rpd (Bifrost windows and budgets).
  const other = rows.some((r) => r.other.length > 0) ? [{ header: "OTHER", value: (r: LimitRow) => r.other.join(", ") }] : [];
  await renderList(ctx.io, opts.output, rows, {
    columns: [
      { header: "KIND", value: (r: LimitRow) => r.kind },
      { header: "ID", value: (r) => r.id },
      { header: "NAME", value: (r) => r.name },
      { header: "RPM", value: (r) => limit(r, r.rpm) },
      { header: "TPM", value: (r) => limit(r, r.tpm) },
      { header: "RPD", value: (r) => limit(r, r.rpd) },
      ...other,
      { header: "WARNINGS", value: (r) => r.warnings.join("; ") },
    ],
    dim: (r) => r.status !== "active",
    empty: "No bindings or virtual keys.",
  });
}
