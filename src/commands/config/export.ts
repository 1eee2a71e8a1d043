import { randomBytes } from "node:crypto";
import { renameSync, writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import type { Context } from "../../context.js";
import { UsageError } from "../../errors.js";
import { serialize, writeData } from "../../output/render.js";
import { readActual } from "./state.js";

export interface ExportOptions {
  format: "yaml" | "json";
  file?: string;
}

export function exportCommand(ctx: Context, run = runExport): Command {
  return new Command("export")
    .description("write the profile's provider configuration as a declarative document (no secrets)")
    .addOption(new Option("-o, --output <format>", "document format").choices(["yaml", "json"]).default("yaml"))
    .option("--file <file>", "write to FILE instead of stdout")
    .action((flags: { output: "yaml" | "json"; file?: string }) =>
      run({ format: flags.output, ...(flags.file !== undefined ? { file: flags.file } : {}) }, ctx),
    );
}

export async function runExport(opts: ExportOptions, ctx: Context): Promise<void> {
  const [backend, profile] = await Promise.all([ctx.backend(), ctx.profile()]);
  const actual = await readActual(backend);
  const { documentOf } = await import("../../config/document.js");
  const doc = documentOf(profile.backend, actual.bindings, actual.keys);
  if (opts.file === undefined) return writeData(ctx.io, { format: opts.format }, doc);

  const text = await serialize(opts.format, doc);
  // Write a temporary file and rename it: a failure never leaves half a document behind.
  const tmp = `${opts.file}.tmp-${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(tmp, text, { mode: 0o644 });
    renameSync(tmp, opts.file);
  } catch (err) {
    throw new UsageError(`cannot write ${opts.file}: ${(err as Error).message}`);
  }
  const n = (doc.bindings?.length ?? 0) + (doc.virtualKeys?.length ?? 0);
  ctx.note(`✓ Exported ${doc.bindings?.length ?? 0} bindings and ${doc.virtualKeys?.length ?? 0} virtual keys to ${opts.file} (${n} items)`);
}
