import { CommanderError } from "commander";
import { createContext, type Env } from "./context.js";
import { GwError } from "./errors.js";
import { ExitCode } from "./exit-codes.js";
import { systemStreams, type IOStreams } from "./io/streams.js";
import { oneLine, redactSecrets, stripControl } from "./redact.js";
import { buildProgram } from "./program.js";
import { gwVersion } from "./version.js";

export interface MainDeps {
  io?: IOStreams;
  env?: Env;
}

/** Run gw with `argv` (without node and script). Never exits: returns the documented exit code. */
export async function main(argv: string[], deps: MainDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const io = deps.io ?? systemStreams(env);
  if (argv[0] === "__complete") {
    // Shell completion's callback (src/completion/complete.ts): no command tree, never an error.
    const { runComplete } = await import("./completion/complete.js");
    await runComplete(argv.slice(1), { env, stdout: io.stdout, version: gwVersion() });
    return ExitCode.Ok;
  }
  const ctx = createContext(io, env, gwVersion());
  try {
    const program = await buildProgram(ctx, argv);
    if (argv.length === 0) {
      io.stdout.write(program.helpInformation());
      return ExitCode.Ok;
    }
    await program.parseAsync(argv, { from: "user" });
    return ExitCode.Ok;
  } catch (err) {
    return reportError(err, io, ctx.globals.debug, ctx.secrets);
  }
}

function reportError(err: unknown, io: IOStreams, debug: boolean, secrets: readonly string[]): number {
  const line = (text: string) => redactSecrets(oneLine(text), secrets);
  if (err instanceof CommanderError) {
    // Commander already printed its message (or the help) through configureOutput.
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return ExitCode.Ok;
    return ExitCode.Usage; // includes "commander.help": a noun without its verb is a usage error
  }
  if (isPromptExit(err)) {
    io.stderr.write("cancelled\n");
    return ExitCode.Interrupted;
  }
  if (err instanceof GwError && (err.exitCode === ExitCode.Ok || err.exitCode === ExitCode.Drift)) {
    io.stderr.write(`${redactSecrets(stripControl(err.message), secrets)}\n`); // the end of a --dry-run, or drift found by diff --exit-code: not errors
    return err.exitCode;
  }
  if (err instanceof GwError) {
    io.stderr.write(`error: ${line(err.message)}\n`);
    if (debug && err.cause instanceof Error && err.cause.stack) io.stderr.write(`${redactSecrets(err.cause.stack, secrets)}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`error: unexpected: ${line(message)}${debug ? "" : " (run with --debug for details)"}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${redactSecrets(err.stack, secrets)}\n`);
  return ExitCode.Unexpected;
}

/** Ctrl-C at an @inquirer prompt (ExitPromptError), matched by name to avoid importing inquirer. */
function isPromptExit(err: unknown): boolean {
  return err instanceof Error && (err.name === "ExitPromptError" || err.name === "AbortPromptError");
}
