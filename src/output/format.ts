import { Option, type Command } from "commander";
import { UsageError } from "../errors.js";

export type OutputFormat = "table" | "json" | "yaml";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json", "yaml"];

export interface OutputFlags {
  output?: string;
  json?: boolean;
  raw?: boolean;
}

export interface OutputChoice {
  format: OutputFormat;
  /** Print the control plane's own JSON instead of gw's normalized records. */
  raw: boolean;
}

/** -o/--output, --json and --raw, added the same way to every read and write command. */
export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("-o, --output <format>", "output format").choices(OUTPUT_FORMATS as string[]))
    .option("--json", "same as -o json")
    .option("--raw", "print the control plane's own JSON instead of gw's normalized record");
}

/** Flag > GW_OUTPUT > table. --raw implies JSON unless YAML was asked for. */
export function outputChoice(flags: OutputFlags, env: Record<string, string | undefined>): OutputChoice {
  const raw = Boolean(flags.raw);
  let format: string = flags.json ? "json" : (flags.output ?? env.GW_OUTPUT ?? "table");
  if (!OUTPUT_FORMATS.includes(format as OutputFormat)) {
    throw new UsageError(`invalid output format "${format}" (allowed: ${OUTPUT_FORMATS.join(", ")})`);
  }
  if (flags.json && flags.output && flags.output !== "json") {
    throw new UsageError(`--json conflicts with -o ${flags.output}`);
  }
  if (raw && format === "table") format = "json";
  return { format: format as OutputFormat, raw };
}
