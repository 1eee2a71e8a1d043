import type { Readable, Writable } from "node:stream";

/** The process's streams and what they are connected to, as a value tests can build. */
export interface IOStreams {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  isStdinTTY: boolean;
  isStdoutTTY: boolean;
  isStderrTTY: boolean;
  /** Colour on stdout: a TTY and no NO_COLOR (CLICOLOR_FORCE forces it on, e.g. for tmux tests). */
  colorEnabled: boolean;
  /** Colour on stderr, same rules against stderr. */
  stderrColorEnabled: boolean;
  /** Terminal width; 80 when unknown. */
  columns: number;
  /** Prompts need a person: stdin and stderr on a TTY and prompts not disabled. */
  canPrompt(): boolean;
}

type Env = Record<string, string | undefined>;

export function colorWanted(isTTY: boolean, env: Env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.CLICOLOR_FORCE && env.CLICOLOR_FORCE !== "0") return true;
  if (env.CLICOLOR === "0" || env.TERM === "dumb") return false;
  return isTTY;
}

export function systemStreams(env: Env): IOStreams {
  const stdoutTTY = Boolean(process.stdout.isTTY);
  const stderrTTY = Boolean(process.stderr.isTTY);
  const envColumns = Number(env.COLUMNS);
  // process.stdin is built on first use, and building it loads Node's file-stream and readline modules:
  // only the commands that read stdin or may prompt pay for that (issue 15).
  let stdinTTY: boolean | undefined;
  const isStdinTTY = () => (stdinTTY ??= Boolean(process.stdin.isTTY));
  return {
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    get isStdinTTY() {
      return isStdinTTY();
    },
    isStdoutTTY: stdoutTTY,
    isStderrTTY: stderrTTY,
    colorEnabled: colorWanted(stdoutTTY, env),
    stderrColorEnabled: colorWanted(stderrTTY, env),
    columns: envColumns > 0 ? envColumns : process.stdout.columns || process.stderr.columns || 80,
    canPrompt: () => stderrTTY && !env.GW_PROMPT_DISABLED && isStdinTTY(),
  };
}
