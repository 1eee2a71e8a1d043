/**
 * Fitting a table to the terminal (gh's tableprinter truncates, kubectl hides columns behind -o wide): on a
 * TTY a table never wraps. Pure, so the steps are tested on their own (test/unit/table-fit.test.ts).
 */

export const ELLIPSIS = "…";
/** Columns are three spaces apart (kubectl), two once the table does not fit. */
const WIDE_GAP = 3;
const NARROW_GAP = 2;
/**
 * How far cells may be shortened, in turn: not at all, to a comfortable width, to a still readable one
 * (never below their header). At each level, low-value columns are dropped one at a time before the next.
 */
const LEVELS = [Number.POSITIVE_INFINITY, 24, 10] as const;

export interface FitColumn {
  header: string;
  cells: readonly string[];
  /** Dropped to fit, highest first; absent or 0: never dropped. */
  priority?: number;
  /** Shortened only when nothing else makes the table fit (ids people copy). */
  fixed?: boolean;
}

export interface Fit {
  /** Indexes of the columns kept, in order. */
  columns: number[];
  /** Width of each kept column. */
  widths: number[];
  gap: number;
}

/**
 * The widest table that fits `width`, trying in turn: every cell whole (three-space gaps, then two); then,
 * for each shortening level, every column, then without the low-value columns one by one (highest
 * priority first, of equals the rightmost); long cells are cut to one common width, so the longest lose
 * most. Last, without any droppable column: cells cut down to their header's width, the fixed ones only
 * if the others cannot make room; then to one character, which fits any width that has one per column.
 */
export function fitColumns(columns: readonly FitColumn[], width: number, { headers = true }: { headers?: boolean } = {}): Fit {
  const headerWidth = columns.map((c) => (headers ? textWidth(c.header) : 0));
  const natural = columns.map((c, i) => c.cells.reduce((max, cell) => Math.max(max, textWidth(cell)), headerWidth[i]!));
  const attempt = (kept: number[], min: (i: number) => number, gaps: readonly number[]): Fit | null => {
    for (const gap of gaps) {
      const widths = share(kept.map((i) => natural[i]!), kept.map(min), width - gap * Math.max(kept.length - 1, 0));
      if (widths) return { columns: kept, widths, gap };
    }
    return null;
  };
  // Drop order: highest priority first, of equals the rightmost.
  const dropOrder = columns
    .map((c, i) => ({ i, p: c.priority ?? 0 }))
    .filter((c) => c.p > 0)
    .sort((a, b) => b.p - a.p || b.i - a.i)
    .map((c) => c.i);
  const all = columns.map((_, i) => i);
  for (const level of LEVELS) {
    const min = (i: number) => (columns[i]!.fixed ? natural[i]! : Math.min(natural[i]!, Math.max(headerWidth[i]!, level)));
    const gaps = level === LEVELS[0] ? [WIDE_GAP, NARROW_GAP] : [NARROW_GAP];
    for (let dropped = 0; dropped <= dropOrder.length; dropped++) {
      const gone = new Set(dropOrder.slice(0, dropped));
      const fit = attempt(all.filter((i) => !gone.has(i)), min, gaps);
      if (fit) return fit;
    }
  }
  const kept = all.filter((i) => !dropOrder.includes(i));
  const toHeader = (fixedToo: boolean) => (i: number) => (columns[i]!.fixed && !fixedToo ? natural[i]! : Math.min(natural[i]!, headerWidth[i]!));
  const toOne = (i: number) => Math.min(natural[i]!, 1);
  return (
    attempt(kept, toHeader(false), [NARROW_GAP]) ??
    attempt(kept, toHeader(true), [NARROW_GAP]) ??
    attempt(kept, toOne, [NARROW_GAP]) ?? { columns: kept, widths: kept.map(toOne), gap: NARROW_GAP }
  );
}

/**
 * Widths for columns that want `natural` and accept no less than `mins`, within `budget`: the widest are
 * cut to one common width W (the largest that fits), and what is left of the budget widens the first cut
 * columns by one. null when even the minimums do not fit.
 */
export function share(natural: readonly number[], mins: readonly number[], budget: number): number[] | null {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(mins) > budget) return null;
  if (sum(natural) <= budget) return [...natural];
  const at = (w: number) => natural.map((n, i) => Math.min(n, Math.max(mins[i]!, w)));
  let lo = 0;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(at(mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  const widths = at(lo);
  let left = budget - sum(widths);
  for (let i = 0; i < widths.length && left > 0; i++) {
    if (widths[i]! < natural[i]!) {
      widths[i]! += 1;
      left -= 1;
    }
  }
  return widths;
}

/** `text` in at most `width` terminal cells, ending in "…" when shortened. */
export function truncate(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width <= 0) return "";
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}${ELLIPSIS}`;
}

/** Terminal cells `text` takes: East Asian wide characters and emoji 2, combining marks 0, others 1. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

function charWidth(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}
