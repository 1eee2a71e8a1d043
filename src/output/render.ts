import { rawOf } from "../domain/binding.js";
import type { IOStreams } from "../io/streams.js";
import { cell } from "./cell-text.js";
import type { OutputChoice } from "./format.js";
import type { DetailView, ListView } from "./view.js";

/** Re-exported so `cell` keeps its old home for importers outside output/. */
export { cell } from "./cell-text.js";

/**
 * The one place data reaches stdout. JSON is gw's normalized record (or the raw wire body with --raw);
 * tables are for people and load cli-table3/chalk only when used; YAML loads the yaml library only then.
 */
export async function renderList<T extends object>(
  io: IOStreams,
  choice: OutputChoice,
  records: readonly T[],
  view: ListView<T>,
): Promise<void> {
  await renderPages(io, choice, onePage(records), view);
}

/**
 * A list that arrives page by page (a control plane that pages): JSON and piped tables are written as the
 * pages come, so memory holds one page, not the whole list plus its text. A terminal table needs every row
 * for its column widths, YAML is for people and --query selects from the whole list: they collect first.
 */
export async function renderPages<T extends object>(
  io: IOStreams,
  choice: OutputChoice,
  pages: AsyncIterable<readonly T[]>,
  view: ListView<T>,
): Promise<void> {
  if (choice.format === "json" && choice.query === undefined) return writeJsonArray(io, pages, (r) => pick(r, choice));
  if (choice.format === "table" && !io.isStdoutTTY) return writeTsv(io, pages, view, !choice.noHeaders);
  const records: T[] = [];
  for await (const page of pages) records.push(...page);
  // --query and YAML need the whole list.
  if (choice.format !== "table") return writeData(io, choice, records.map((r) => pick(r, choice)));
  if (records.length === 0) {
    io.stderr.write(`${view.empty}\n`);
    return;
  }
  const { formatTable } = await import("./table.js");
  io.stdout.write(formatTable(io, records, view, { wide: Boolean(choice.wide), headers: !choice.noHeaders }));
}

/** Byte for byte what JSON.stringify(array, null, 2) prints, one record at a time. */
async function writeJsonArray<T>(io: IOStreams, pages: AsyncIterable<readonly T[]>, toJson: (r: T) => unknown): Promise<void> {
  let first = true;
  for await (const page of pages) {
    for (const record of page) {
      const text = JSON.stringify(toJson(record), null, 2).replace(/\n/g, "\n  ");
      io.stdout.write(`${first ? "[\n" : ",\n"}  ${text}`);
      first = false;
    }
  }
  io.stdout.write(first ? "[]\n" : "\n]\n");
}

/**
 * Piped tables: a header line (unless --no-headers), then tab-separated rows as they come (`cut -f`,
 * `awk -F'\t'`). Every column, every cell whole: scripts get what -o wide shows.
 */
async function writeTsv<T>(io: IOStreams, pages: AsyncIterable<readonly T[]>, view: ListView<T>, headers: boolean): Promise<void> {
  let rows = 0;
  for await (const page of pages) {
    if (headers && rows === 0 && page.length > 0) io.stdout.write(`${view.columns.map((c) => c.header).join("\t")}\n`);
    for (const record of page) io.stdout.write(`${view.columns.map((c) => cell(c.value(record))).join("\t")}\n`);
    rows += page.length;
  }
  if (rows === 0) io.stderr.write(`${view.empty}\n`);
}

/** A whole list (or its promise) as a single page, for renderPages. */
export async function* onePage<T>(records: readonly T[] | Promise<readonly T[]>): AsyncIterable<readonly T[]> {
  yield await records;
}

export async function renderOne<T extends object>(
  io: IOStreams,
  choice: OutputChoice,
  record: T,
  view: DetailView<T>,
): Promise<void> {
  if (choice.format !== "table" || choice.query !== undefined) return writeData(io, choice, pick(record, choice));
  const { formatDetail } = await import("./table.js");
  io.stdout.write(formatDetail(io, record, view));
}

function pick(record: object, choice: OutputChoice): unknown {
  return choice.raw ? (rawOf(record) ?? record) : record;
}

/** JSON or YAML of `data`, or of what --query selects from it (JSON unless YAML was asked for). */
export async function writeData(io: IOStreams, choice: Pick<OutputChoice, "format" | "query">, data: unknown): Promise<void> {
  if (choice.query === undefined) {
    io.stdout.write(await serialize(choice.format, data));
    return;
  }
  const { runQuery } = await import("./query.js");
  io.stdout.write(await serialize(choice.format === "yaml" ? "yaml" : "json", runQuery(choice.query, data)));
}

/** JSON (2-space, newline-terminated) or YAML; the yaml library loads only for YAML. */
export async function serialize(format: OutputChoice["format"], data: unknown): Promise<string> {
  if (format === "yaml") {
    const { stringify } = await import("./yaml.js");
    return stringify(data);
  }
  return `${JSON.stringify(data, null, 2)}\n`;
}
