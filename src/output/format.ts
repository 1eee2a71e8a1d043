import { Option, type Command } from "commander";
import { UsageError } from "../errors.js";

export type OutputFormat = "table" | "json" | "yaml";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json", "yaml"];
/** What -o and GW_OUTPUT accept: the formats, and `wide`, a table with every column and every cell whole. */
export const OUTPUT_CHOICES: readonly string[] = ["table", "wide", "json", "yaml"];

export interface OutputFlags {
  output?: string;
  json?: boolean;
  raw?: boolean;
  query?: string;
  /** false with --no-headers (list commands only). */
  headers?: boolean;
}

export interface OutputChoice {
  format: OutputFormat;
  /** Print the control plane's own JSON instead of gw's normalized records. */
  raw: boolean;
  /** -o wide: a terminal table keeps every column and every cell whole, however wide it gets. */
  wide?: boolean;
  /** --no-headers: tables (terminal and piped) without their header line. */
  noHeaders?: boolean;
  /** --query: a JMESPath expression applied to what JSON/YAML output would print. */
  query?: string;
}

/**
 * -o/--output, --json, --raw and --query, added the same way to every read and write command; list
 * commands also get --no-headers. A --query expression is checked before the command runs (so a typo
 * never follows a write); jmespath is loaded only then.
 */
export function addOutputOptions(cmd: Command, { list = false }: { list?: boolean } = {}): Command {
  cmd
    .addOption(new Option("-o, --output <format>", "output format (wide: a table with every column, cells whole)").choices(OUTPUT_CHOICES))
    .option("--json", "same as -o json")
    .option("--raw", "print the control plane's own JSON instead of gw's normalized record")
    .option("--query <expr>", "JMESPath expression applied to the JSON record, e.g. '[].id' (output is JSON unless -o yaml)");
  if (list) cmd.option("--no-headers", "print tables without their header line");
  return cmd.hook("preAction", async (command) => {
    const { query } = command.opts<OutputFlags>();
    if (query !== undefined) (await import("./query.js")).checkQuery(query);
  });
}

/**
 * Flag > GW_OUTPUT > table. --raw implies JSON unless YAML was asked for; so does --query, which selects
 * from the JSON record and so cannot shape a table: -o table/wide with --query is a usage error.
 */
export function outputChoice(flags: OutputFlags, env: Record<string, string | undefined>): OutputChoice {
  const raw = Boolean(flags.raw);
  let format: string = flags.json ? "json" : (flags.output ?? env.GW_OUTPUT ?? "table");
  if (!OUTPUT_CHOICES.includes(format)) {
    throw new UsageError(`invalid output format "${format}" (allowed: ${OUTPUT_CHOICES.join(", ")})`);
  }
  if (flags.json && flags.output && flags.output !== "json") {
    throw new UsageError(`--json conflicts with -o ${flags.output}`);
  }
  if (flags.query !== undefined && (flags.output === "table" || flags.output === "wide")) {
    throw new UsageError(`--query selects from the JSON record: use it with -o json or -o yaml, not -o ${flags.output}`);
  }
  const wide = format === "wide";
  if (wide) format = "table";
  if ((raw || flags.query !== undefined) && format === "table") format = "json";
  return {
    format: format as OutputFormat,
    raw,
    ...(wide && format === "table" ? { wide: true } : {}),
    ...(flags.headers === false ? { noHeaders: true } : {}),
    ...(flags.query !== undefined ? { query: flags.query } : {}),
  };
}
