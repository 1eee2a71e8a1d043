import { Chalk } from "chalk";
import Table from "cli-table3";
import type { IOStreams } from "../io/streams.js";
import { cell } from "./cell-text.js";
import type { DetailView, ListView } from "./view.js";

/** On a terminal: a cli-table3 table, header bold, dimmed rows where the view says so (piped: render.ts writes TSV). */
export function formatTable<T>(io: IOStreams, records: readonly T[], view: ListView<T>): string {
  const rows = records.map((r) => view.columns.map((c) => cell(c.value(r))));
  const headers = view.columns.map((c) => c.header);

  const chalk = new Chalk({ level: io.colorEnabled ? 1 : 0 });
  const table = new Table({
    head: headers.map((h) => chalk.bold(h)),
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
    chars: BORDERLESS,
  });
  records.forEach((record, i) => {
    const row = rows[i] ?? [];
    table.push(view.dim?.(record) ? row.map((v) => chalk.dim(v)) : row);
  });
  return `${table.toString()}\n`;
}

export function formatDetail<T>(io: IOStreams, record: T, view: DetailView<T>): string {
  const chalk = new Chalk({ level: io.colorEnabled ? 1 : 0 });
  const width = Math.max(...view.fields.map((f) => f.header.length)) + 1;
  const dim = view.dim?.(record) ?? false;
  return view.fields
    .map((f) => {
      const label = `${f.header}:`.padEnd(width + 1);
      const value = cell(f.value(record));
      return `${chalk.bold(label)}${dim ? chalk.dim(value) : value}\n`;
    })
    .join("");
}

// kubectl-like: columns separated by spaces, no box drawing.
const BORDERLESS = {
  top: "", "top-mid": "", "top-left": "", "top-right": "",
  bottom: "", "bottom-mid": "", "bottom-left": "", "bottom-right": "",
  left: "", "left-mid": "", mid: "", "mid-mid": "",
  right: "", "right-mid": "", middle: "   ",
};
