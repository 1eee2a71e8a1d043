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
  const envColumns = Number(env.COLUMNS);
  // process.stdin and process.stderr are built on first use, and building them loads Node modules (file
  // streams and readline for stdin, node:net for a piped stderr): `gw --help` needs neither (issue 15).
  let stdinTTY: boolean | undefined;
  let stderrTTY: boolean | undefined;
  const isStdinTTY = () => (stdinTTY ??= Boolean(process.stdin.isTTY));
  const isStderrTTY = () => (stderrTTY ??= Boolean(process.stderr.isTTY));
  return {
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    get stderr() {
      return process.stderr;
    },
    get isStdinTTY() {
      return isStdinTTY();
    },
    isStdoutTTY: stdoutTTY,
    get isStderrTTY() {
      return isStderrTTY();
    },
    colorEnabled: colorWanted(stdoutTTY, env),
    get stderrColorEnabled() {
      return colorWanted(isStderrTTY(), env);
    },
    get columns() {
      return envColumns > 0 ? envColumns : process.stdout.columns || process.stderr.columns || 80;
    },
    canPrompt: () => isStderrTTY() && !env.GW_PROMPT_DISABLED && isStdinTTY(),
  };
}
