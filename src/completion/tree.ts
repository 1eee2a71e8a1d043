import type { Argument, Command, Option } from "commander";
import { BINDING_REF, GATEWAY_REF, HOP_REF, KEY_REF, PROFILE_REF, PROVIDER_REF } from "../commands/resolve.js";
import type { DynamicKind } from "./kinds.js";

/** What a shell needs to complete gw: per command path, its subcommands and options. */
export interface CompletionSpec {
  /** Command paths ("" = top level, "providers update") -> subcommand names. */
  subcommands: Map<string, string[]>;
  /** "path|alias" -> the subcommand's name ("profile|rm" -> "remove"). */
  aliases: Map<string, string>;
  /** Command paths -> option flags (long and short). */
  options: Map<string, string[]>;
  /** "path|flag" -> the flag's fixed values. */
  values: Map<string, string[]>;
  /** "path|flag" -> what `gw __complete` offers for its value (profile names, binding ids). */
  dynamicValues: Map<string, DynamicKind>;
  /**
   * Command paths -> what `gw __complete` offers for each positional argument, in order (null: nothing);
   * `variadic`: the last one repeats. A command with a default subcommand (`gw chain <vk>`) has its arguments.
   */
  args: Map<string, { kinds: (DynamicKind | null)[]; variadic: boolean }>;
  /** "path|flag" for flags that take a value (so the next word is not a command). */
  takesValue: Set<string>;
  /** "path|--long" -> its short form ("-o"), for shells that pair them (fish). */
  shortOf: Map<string, string>;
}

/**
 * Which arguments take records gw can list, by their help text: the one wording commands/resolve.ts
 * keeps for each kind of ref. `profile add <name>` names a new profile, so its help differs.
 */
const ARGUMENT_KINDS = new Map<string, DynamicKind>([
  [KEY_REF, "vk"],
  [BINDING_REF, "bindings"],
  [GATEWAY_REF, "gateways"],
  [HOP_REF, "hops"],
  [PROVIDER_REF, "providers"],
  [PROFILE_REF, "profiles"],
]);

/** Flags whose values are records gw can list, by long name (the same meaning on every command). */
const FLAG_KINDS = new Map<string, DynamicKind>([
  ["--profile", "profiles"],
  ["--chain", "hops"],
]);

/** Walk the commander tree (the single source of truth) into a CompletionSpec. */
export function completionSpec(program: Command): CompletionSpec {
  const spec: CompletionSpec = {
    subcommands: new Map(),
    aliases: new Map(),
    options: new Map(),
    values: new Map(),
    dynamicValues: new Map(),
    args: new Map(),
    takesValue: new Set(),
    shortOf: new Map(),
  };
  const globals = program.options;
  walk(program, "", globals, spec);
  return spec;
}

function walk(cmd: Command, path: string, globals: readonly Option[], spec: CompletionSpec): void {
  const subs = cmd.commands.filter((c) => !isHidden(c) && c.name() !== "help");
  spec.subcommands.set(path, subs.map((c) => c.name()));
  for (const sub of subs) for (const alias of sub.aliases()) spec.aliases.set(`${path}|${alias}`, sub.name());
  const defaultSub = subs.find((c) => c.name() === defaultCommandName(cmd));
  const args = argumentKinds(defaultSub ?? cmd);
  if (args) spec.args.set(path, args);
  const options = path === "" ? cmd.options : [...cmd.options, ...globals];
  const flags: string[] = [];
  for (const option of options) {
    if (option.hidden) continue;
    const names = [option.long, option.short].filter((n): n is string => Boolean(n));
    flags.push(...names);
    if (option.long && option.short) spec.shortOf.set(`${path}|${option.long}`, option.short);
    const dynamic = option.long ? FLAG_KINDS.get(option.long) : undefined;
    for (const name of names) {
      if (option.required || option.optional) spec.takesValue.add(`${path}|${name}`);
      if (option.argChoices?.length) spec.values.set(`${path}|${name}`, option.argChoices);
      if (dynamic && (option.required || option.optional)) spec.dynamicValues.set(`${path}|${name}`, dynamic);
    }
  }
  flags.push("--help");
  spec.options.set(path, unique(flags));
  for (const sub of subs) walk(sub, path ? `${path} ${sub.name()}` : sub.name(), globals, spec);
}

function argumentKinds(cmd: Command): { kinds: (DynamicKind | null)[]; variadic: boolean } | undefined {
  const registered: readonly Argument[] = cmd.registeredArguments;
  const kinds = registered.map((a) => ARGUMENT_KINDS.get(a.description) ?? null);
  if (!kinds.some(Boolean)) return undefined;
  return { kinds, variadic: Boolean(registered.at(-1)?.variadic) };
}

function isHidden(cmd: Command): boolean {
  return Boolean((cmd as unknown as { _hidden?: boolean })._hidden);
}

function defaultCommandName(cmd: Command): string | undefined {
  return (cmd as unknown as { _defaultCommandName?: string | null })._defaultCommandName ?? undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
