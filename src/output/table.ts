import { Chalk } from "chalk";
import Table from "cli-table3";
import type { IOStreams } from "../io/streams.js";
import { cell } from "./cell-text.js";
import { fitColumns, truncate } from "./fit.js";
import type { DetailView, ListView } from "./view.js";

export interface TableOptions {
  /** -o wide: every column, every cell whole, however wide the table gets. */
  wide?: boolean;
  headers?: boolean;
}

/**
 * On a terminal: a cli-table3 table, header bold, dimmed rows where the view says so, fitted to the
 * terminal's width unless -o wide (fit.ts: long cells shortened with "…", low-value columns dropped).
 * Piped: render.ts writes every column whole, as TSV.
 */
export function formatTable<T>(io: IOStreams, records: readonly T[], view: ListView<T>, opts: TableOptions = {}): string {
  const headers = opts.headers ?? true;
  const rows = records.map((r) => view.columns.map((c) => cell(c.value(r))));
  const fit = opts.wide
    ? { columns: view.columns.map((_, i) => i), widths: null, gap: 3 }
    : fitColumns(
        view.columns.map((c, i) => ({ header: c.header, cells: rows.map((row) => row[i] ?? ""), priority: c.priority, fixed: c.fixed })),
        io.columns,
        { headers },
      );
  const shown = (values: readonly string[]) => fit.columns.map((i, k) => (fit.widths ? truncate(values[i] ?? "", fit.widths[k]!) : (values[i] ?? "")));

  const chalk = new Chalk({ level: io.colorEnabled ? 1 : 0 });
  const table = new Table({
    head: headers ? shown(view.columns.map((c) => c.header)).map((h) => chalk.bold(h)) : [],
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
    chars: { ...BORDERLESS, middle: " ".repeat(fit.gap) },
  });
  records.forEach((record, i) => {
    const row = shown(rows[i] ?? []);
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
