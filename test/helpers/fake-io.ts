import { PassThrough } from "node:stream";
import type { IOStreams } from "../../src/io/streams.js";

export interface FakeIO extends IOStreams {
  out(): string;
  err(): string;
}

/** Buffer-backed streams with settable TTY flags (gh's iostreams.Test()). */
export function fakeIO(opts: { tty?: boolean; color?: boolean; columns?: number; stdin?: string } = {}): FakeIO {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? "");
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const tty = opts.tty ?? false;
  return {
    stdin,
    stdout,
    stderr,
    isStdinTTY: tty,
    isStdoutTTY: tty,
    isStderrTTY: tty,
    colorEnabled: opts.color ?? false,
    stderrColorEnabled: opts.color ?? false,
    columns: opts.columns ?? 80,
    canPrompt: () => tty,
    out: () => out,
    err: () => err,
  };
}
