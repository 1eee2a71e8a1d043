import type { FlagSpec } from "../commands/flag-spec.js";
import { positiveInt } from "../domain/validate.js";
import type { ListView } from "./view.js";

/**
 * List filters, declared once (FlagSpec) and applied by gw to the records it read: none of the control
 * planes' list APIs filters by these fields, so each flag's help says "filtered by gw". --limit also stops
 * reading pages once it has its records, where a control plane pages (ngrok).
 */
export interface ListFilter {
  status?: string;
  limit?: number;
}

/** `--status <status>` with the statuses the list's records can have. */
export function statusFlag<I extends ListFilter>(what: string, statuses: readonly string[]): FlagSpec<I> {
  return {
    flags: "--status <status>",
    help: `only ${what} with this status (filtered by gw)`,
    backends: "all",
    choices: statuses,
    into: (input, value: string) => void (input.status = value),
  };
}

export function limitFlag<I extends ListFilter>(what: string, { paged = false } = {}): FlagSpec<I> {
  return {
    flags: "--limit <n>",
    help: `print at most <n> ${what}${paged ? " (gw reads no further page once it has them)" : ""}`,
    backends: "all",
    into: (input, value: string) => void (input.limit = positiveInt("--limit", value)),
  };
}

/** A record passes when each given value equals its field, ignoring case; a filter not given passes all. */
export function where<T>(...tests: [wanted: string | undefined, field: (record: T) => string | null | undefined][]): (record: T) => boolean {
  const given = tests.filter(([wanted]) => wanted !== undefined).map(([wanted, field]) => [wanted!.toLowerCase(), field] as const);
  return (record) => given.every(([wanted, field]) => field(record)?.toLowerCase() === wanted);
}

export function filterList<T>(records: readonly T[], keep: (record: T) => boolean, limit?: number): T[] {
  return records.filter(keep).slice(0, limit);
}

/** The same over pages: once `limit` records are out, the pages' iterator is closed, so no page more is read. */
export async function* filterPages<T>(pages: AsyncIterable<readonly T[]>, keep: (record: T) => boolean, limit?: number): AsyncIterable<T[]> {
  let left = limit ?? Number.POSITIVE_INFINITY;
  for await (const page of pages) {
    const kept = page.filter(keep).slice(0, left);
    left -= kept.length;
    yield kept;
    if (left <= 0) return;
  }
}

/**
 * The view, saying "No bindings match --status disabled." where filters were given, rather than its own
 * "No bindings. Create one: ..." when they leave nothing.
 */
export function narrowed<T>(view: ListView<T>, what: string, filters: readonly [flag: string, value: string | undefined][]): ListView<T> {
  const given = filters.filter(([, value]) => value !== undefined);
  if (given.length === 0) return view;
  return { ...view, empty: `No ${what} match ${given.map(([flag, value]) => `${flag} ${value}`).join(" ")}.` };
}
