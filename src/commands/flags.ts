import type { Command } from "commander";

/** Repeatable option: `--header A=1 --header B=2` -> ["A=1", "B=2"]. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Long names (kebab-case, no dashes) of the options the user actually typed, for capability checks. */
export function flagsGiven(cmd: Command, among?: readonly string[]): string[] {
  return cmd.options
    .map((o) => ({ long: o.long?.replace(/^--(no-)?/, "") ?? "", key: o.attributeName() }))
    .filter(({ long, key }) => long && cmd.getOptionValueSource(key) === "cli" && (!among || among.includes(long)))
    .map(({ long }) => long);
}
