import { Command, Option } from "commander";
import type { Context } from "../../context.js";
import { UsageError } from "../../errors.js";
import { serialize, writeData } from "../../output/render.js";
import { readActual } from "./state.js";
import { plural } from "../../output/plural.js";

export interface ExportOptions {
  format: "yaml" | "json";
  file?: string;
}

export function exportCommand(ctx: Context, run = runExport): Command {
  return new Command("export")
    .description("write the profile's provider configuration as a declarative document (no secrets)")
    .addOption(new Option("-o, --output <format>", "document format").choices(["yaml", "json"]).default("yaml"))
    .option("-f, --file <file>", "write to FILE instead of stdout (as apply -f and diff -f read it)")
    .action((flags: { output: "yaml" | "json"; file?: string }) =>
      run({ format: flags.output, ...(flags.file !== undefined ? { file: flags.file } : {}) }, ctx),
    );
}

export async function runExport(opts: ExportOptions, ctx: Context): Promise<void> {
  const [backend, profile, { documentOf }] = await Promise.all([ctx.backend(), ctx.profile(), import("../../config/document.js")]);
  const kinds = await backend.info.configKinds();
  const actual = await readActual(backend, kinds);
  const doc = documentOf(profile.backend, kinds, (kind) => actual[kind.section]?.read);
  if (opts.file === undefined) return writeData(ctx.io, { format: opts.format }, doc);

  const text = await serialize(opts.format, doc);
  const { fsReason, writeFileAtomic } = await import("../../io/write-file-atomic.js");
  try {
    writeFileAtomic(opts.file, text);
  } catch (err) {
    throw new UsageError(`cannot write ${opts.file}: ${fsReason(err)}; it was left as it was`);
  }
  const counts = kinds.flatMap((kind) => (doc[kind.section] ? [plural(doc[kind.section]!.length, kind.label ?? kind.noun)] : []));
  ctx.note(`✓ Exported ${counts.join(", ")} to ${opts.file}`);
}
