import { rawOf } from "../domain/binding.js";
import type { IOStreams } from "../io/streams.js";
import type { OutputChoice } from "./format.js";
import { stripControl } from "./redact.js";
import type { DetailView, ListView } from "./view.js";

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
  if (choice.format !== "table") return writeData(io, choice, records.map((r) => pick(r, choice)));
  if (records.length === 0) {
    io.stderr.write(`${view.empty}\n`);
    return;
  }
  const { formatTable } = await import("./table.js");
  io.stdout.write(formatTable(io, records, view));
}

export async function renderOne<T extends object>(
  io: IOStreams,
  choice: OutputChoice,
  record: T,
  view: DetailView<T>,
): Promise<void> {
  if (choice.format !== "table") return writeData(io, choice, pick(record, choice));
  const { formatDetail } = await import("./table.js");
  io.stdout.write(formatDetail(io, record, view));
}

function pick(record: object, choice: OutputChoice): unknown {
  return choice.raw ? (rawOf(record) ?? record) : record;
}

export async function writeData(io: IOStreams, choice: Pick<OutputChoice, "format">, data: unknown): Promise<void> {
  io.stdout.write(await serialize(choice.format, data));
}

/** JSON (2-space, newline-terminated) or YAML; the yaml library loads only for YAML. */
export async function serialize(format: OutputChoice["format"], data: unknown): Promise<string> {
  if (format === "yaml") {
    const { stringify } = await import("./yaml.js");
    return stringify(data);
  }
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** A table cell from server text: no control characters, one line. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return stripControl(String(value)).replace(/[\r\n\t]+/g, " ");
}
