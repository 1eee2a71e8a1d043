import { oneLine } from "../redact.js";
import type { IOStreams } from "./streams.js";

export interface Progress {
  tick(label: string): void;
  done(): void;
}

const WIDTH = 24;

/** A one-line progress bar on stderr, drawn only on a terminal; elsewhere it prints nothing. */
export function createProgress(io: IOStreams, total: number): Progress {
  if (!io.isStderrTTY || total === 0) return { tick: () => undefined, done: () => undefined };
  let count = 0;
  const draw = (label: string) => {
    const filled = Math.round((count / total) * WIDTH);
    const line = `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${count}/${total} ${oneLine(label)}`;
    io.stderr.write(`\r\u001b[2K${line.slice(0, Math.max(10, io.columns - 1))}`);
  };
  draw("");
  return {
    tick(label) {
      count++;
      draw(label);
    },
    done() {
      io.stderr.write("\r\u001b[2K");
    },
  };
}

/** Run `task` over `items` with at most `limit` at once, keeping the input order in the results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  /** Checked before each item starts: once true, no further item starts (their results stay empty). */
  stopped: () => boolean = () => false,
): Promise<(R | undefined)[]> {
  // Filled, not sparse: callers map over it, and map skips holes.
  const results = Array.from<R | undefined>({ length: items.length });
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
