import { Option, type Command } from "commander";
import type { BackendName } from "../backends/registry.js";
import type { Verb } from "../backends/backend.js";
import { availableBackends, backendLabels } from "../backends/registry.js";
import { UsageError } from "../errors.js";

/**
 * One flag of one verb, declared once (wrangler's `createCommand({ args })`): its syntax, help, the
 * backends that honour it and how its value goes into the verb's input. The commander option, the usage
 * error for a flag the profile's backend ignores, the required-flag check, the `gw backends` matrix, the
 * help's backend groups and (through commander) the completions are all generated from it.
 */
export interface FlagSpec<I = never> {
  /** Commander syntax: "--rpm <n>", "--model <id>", "--clear-models", "-y, --yes". */
  flags: string;
  /** Help text; a flag honoured by some backends only is listed under their heading ("Bifrost options:"). */
  help: string;
  /** The backends that honour the flag, or "all" (every backend that has the verb). */
  backends: readonly BackendName[] | "all";
  /** Backends on which the verb cannot run without the flag. */
  requiredOn?: readonly BackendName[];
  /** Required everywhere (commander enforces it). */
  required?: boolean;
  repeatable?: boolean;
  choices?: readonly string[];
  /** Commander default (a string, as typed). */
  default?: string;
  /**
   * The value (string, string[] when repeatable, boolean for a switch) checked and put into the input.
   * Called in declaration order, for the flags the user gave (and those with a default), so a later flag
   * can see an earlier one's field. Absent: the verb reads the value itself.
   */
  into?(input: I, value: never): void;
}

/** "rpm" for "--rpm <n>"; "yes" for "-y, --yes". */
export function flagName(spec: Pick<FlagSpec<unknown>, "flags">): string {
  const long = /--(?:no-)?([a-z0-9][a-z0-9-]*)/.exec(spec.flags);
  if (!long?.[1]) throw new Error(`flag spec without a long name: ${spec.flags}`);
  return long[1];
}

export function honours(spec: Pick<FlagSpec<unknown>, "backends">, backend: string): boolean {
  return spec.backends === "all" || (spec.backends as readonly string[]).includes(backend);
}

/** Repeatable option: `--header A=1 --header B=2` -> ["A=1", "B=2"]. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * The help group of a flag some backends of the verb do not honour: "Bifrost options:", "LangWatch, Bifrost
 * options:" (labels in registry order); undefined for a flag every backend of the verb honours (commander's
 * "Options:"). The heading names the backends, so the flag's own help stays as declared.
 */
export function helpGroupOf(spec: Pick<FlagSpec<unknown>, "backends">, verb: Verb): string | undefined {
  if (spec.backends === "all") return undefined;
  const honouring = spec.backends as readonly string[];
  const backends = availableBackends();
  if (!backends.some((b) => b.capabilities[verb] && !honouring.includes(b.name))) return undefined;
  return backendsHeading(backends.filter((b) => honouring.includes(b.name)).map((b) => b.name));
}

/** "LangWatch, Bifrost options:" for ["langwatch", "bifrost"]. */
export function backendsHeading(names: readonly BackendName[]): string {
  const labels = backendLabels();
  return `${names.map((b) => labels[b]).join(", ")} options:`;
}

/** Add each spec of the verb's flags to its command as a commander option, in its backends' help group. */
export function addFlags<I>(cmd: Command, verb: Verb, specs: readonly FlagSpec<I>[]): Command {
  for (const spec of specs as readonly FlagSpec<unknown>[]) {
    const option = new Option(spec.flags, spec.help);
    const group = helpGroupOf(spec, verb);
    if (group) option.helpGroup(group);
    if (spec.repeatable) option.argParser(collect);
    if (spec.choices) option.choices(spec.choices);
    if (spec.default !== undefined) option.default(spec.default);
    if (spec.required) option.makeOptionMandatory();
    cmd.addOption(option);
  }
  return cmd;
}

/** Long names of the specs the user typed on the command line (for checkFlags). */
export function givenFlags<I>(cmd: Command, specs: readonly FlagSpec<I>[]): string[] {
  return specs
    .filter((spec) => {
      const option = cmd.options.find((o) => o.flags === spec.flags);
      return option !== undefined && cmd.getOptionValueSource(option.attributeName()) === "cli";
    })
    .map((spec) => flagName(spec as FlagSpec<unknown>));
}

/**
 * Fill the verb's input from the parsed option values: each spec's `into`, in declaration order, for the
 * flags that have a value (given, or a default).
 */
export function readFlags<I>(cmd: Command, specs: readonly FlagSpec<I>[], input: I): I {
  const values = cmd.opts<Record<string, unknown>>();
  for (const spec of specs) {
    if (!spec.into) continue;
    const option = cmd.options.find((o) => o.flags === spec.flags);
    const value = option ? values[option.attributeName()] : undefined;
    if (value !== undefined) (spec.into as (i: I, v: unknown) => void)(input, value);
  }
  return input;
}

type AnySpec = Pick<FlagSpec<unknown>, "flags" | "backends" | "requiredOn">;

/**
 * Refuse, before any request, a flag the backend cannot honour: silently dropping one would let a script
 * believe a limit was set. `given` are long names (givenFlags).
 */
export function checkFlags(backend: string, verb: string, given: readonly string[], specs: readonly AnySpec[]): void {
  const refused = given.filter((name) => {
    const spec = specs.find((s) => flagName(s) === name);
    return spec !== undefined && !honours(spec, backend);
  });
  if (refused.length > 0) {
    const list = refused.map((name) => `--${name}`).join(", ");
    throw new UsageError(`the ${backend} backend does not support ${list} on \`gw ${verb}\` (see gw backends)`);
  }
}

/** Flags the verb needs on this backend that were not given. */
export function missingFlags(backend: string, given: readonly string[], specs: readonly AnySpec[]): string[] {
  return specs
    .filter((spec) => (spec.requiredOn as readonly string[] | undefined)?.includes(backend))
    .map((spec) => flagName(spec))
    .filter((name) => !given.includes(name));
}

/** The flags of a verb a backend honours, for `gw backends`. */
export function honouredFlags(backend: string, specs: readonly AnySpec[]): string[] {
  return specs.filter((spec) => honours(spec, backend)).map((spec) => `--${flagName(spec)}`);
}
