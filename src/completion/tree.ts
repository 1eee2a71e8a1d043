import type { Command, Option } from "commander";

/** What a shell needs to complete gw: per command path, its subcommands and options. */
export interface CompletionSpec {
  /** Command paths ("" = top level, "providers update") -> subcommand names. */
  subcommands: Map<string, string[]>;
  /** Command paths -> option flags (long and short). */
  options: Map<string, string[]>;
  /** "path|flag" -> the flag's fixed values; "dynamic:profiles" for profile names. */
  values: Map<string, string[] | "dynamic:profiles">;
  /** "path|flag" for flags that take a value (so the next word is not a command). */
  takesValue: Set<string>;
  /** "path|--long" -> its short form ("-o"), for shells that pair them (fish). */
  shortOf: Map<string, string>;
}

/** Walk the commander tree (the single source of truth) into a CompletionSpec. */
export function completionSpec(program: Command): CompletionSpec {
  const spec: CompletionSpec = { subcommands: new Map(), options: new Map(), values: new Map(), takesValue: new Set(), shortOf: new Map() };
  const globals = program.options;
  walk(program, "", globals, spec);
  return spec;
}

function walk(cmd: Command, path: string, globals: readonly Option[], spec: CompletionSpec): void {
  const subs = cmd.commands.filter((c) => !isHidden(c) && c.name() !== "help");
  spec.subcommands.set(path, subs.map((c) => c.name()));
  const options = path === "" ? cmd.options : [...cmd.options, ...globals];
  const flags: string[] = [];
  for (const option of options) {
    if (option.hidden) continue;
    const names = [option.long, option.short].filter((n): n is string => Boolean(n));
    flags.push(...names);
    if (option.long && option.short) spec.shortOf.set(`${path}|${option.long}`, option.short);
    for (const name of names) {
      if (option.required || option.optional) spec.takesValue.add(`${path}|${name}`);
      if (option.argChoices?.length) spec.values.set(`${path}|${name}`, option.argChoices);
      if (option.long === "--profile") spec.values.set(`${path}|${name}`, "dynamic:profiles");
    }
  }
  flags.push("--help");
  spec.options.set(path, unique(flags));
  for (const sub of subs) walk(sub, path ? `${path} ${sub.name()}` : sub.name(), globals, spec);
}

function isHidden(cmd: Command): boolean {
  return Boolean((cmd as unknown as { _hidden?: boolean })._hidden);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
