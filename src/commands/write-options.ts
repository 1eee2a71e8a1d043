import type { Command } from "commander";
import type { Context } from "../context.js";
import type { OutputChoice } from "../output/format.js";
import { cell, renderOne } from "../output/render.js";
import type { DetailView } from "../output/view.js";

export interface WriteFlags {
  dryRun?: boolean;
  quiet?: boolean;
}

/** --dry-run and --quiet, added the same way to every command that changes the control plane. */
export function addWriteOptions(cmd: Command): Command {
  return cmd
    .option("--dry-run", "print the request(s) instead of sending them (method, URL, body; secrets masked)")
    .option("-q, --quiet", "print only the id of what was written");
}

/** The written record: its id alone with --quiet (for `ID=$(gw ... -q)`), else as -o asks. */
export async function renderWritten<T extends { id: string }>(
  ctx: Context,
  output: OutputChoice,
  quiet: boolean,
  record: T,
  view: DetailView<T>,
): Promise<void> {
  if (quiet) {
    ctx.io.stdout.write(`${cell(record.id)}\n`);
    return;
  }
  await renderOne(ctx.io, output, record, view);
}
