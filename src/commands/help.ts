import type { EventEmitter } from "node:events";
import { Command, Help, type Option } from "commander";
import { availableBackends } from "../backends/registry.js";
import type { Context } from "../context.js";
import { EXAMPLES, type Example } from "./examples.js";
import { plural } from "../output/plural.js";

/**
 * `gw help [command...]`: the help of any command by its full path (`gw help providers update` is
 * `gw providers update --help`; commander's own help command stops at the first word), and
 * `gw help reference`, which writes docs/reference/ from the same tree.
 */
export function helpCommand(ctx: Context, root: () => Command): Command {
  const help = new Command("help")
    .description("display help for command")
    .argument("[command...]", "a command path, e.g. providers update")
    .usage("[command...]")
    .helpCommand(false)
    .action((words: string[], _opts: unknown, self: Command) => {
      const target = resolveCommand(root(), words, self);
      target.outputHelp();
    });
  help.addCommand(
    new Command("reference")
      .description("write the command reference as markdown, one page per command (what `npm run docs` runs)")
      .option("--dir <dir>", "directory to write the pages into", "docs/reference")
      .action(async (opts: { dir: string }) => {
        const { writeReference } = await import("./help-reference.js");
        const written = writeReference(root(), opts.dir);
        ctx.note(`✓ Wrote ${plural(written.length, "page")} to ${opts.dir}`);
      }),
  );
  return help;
}

/** The command at `words` below `root` (names or aliases); an unknown one is a usage error with a suggestion. */
function resolveCommand(root: Command, words: readonly string[], reporter: Command): Command {
  let cmd = root;
  for (const [i, word] of words.entries()) {
    const subs = cmd.commands.filter((c) => !isHidden(c));
    const next = subs.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next) {
      const known = words.slice(0, i).join(" ");
      const similar = suggest(word, subs.map((c) => c.name()));
      const hint = similar ? `\n(Did you mean ${known ? `${known} ` : ""}${similar}?)` : "";
      reporter.error(`error: unknown command '${words.slice(0, i + 1).join(" ")}'${hint}`, { exitCode: 2, code: "commander.unknownCommand" });
    }
    cmd = next!;
  }
  return cmd;
}

/** The closest name within edit distance 3 and 40% similarity, as commander suggests commands. */
function suggest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(word, name);
    const similarity = (Math.max(word.length, name.length) - d) / Math.max(word.length, name.length);
    if (d <= 3 && similarity > 0.4 && d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

export function isHidden(cmd: Command): boolean {
  return Boolean((cmd as unknown as { _hidden?: boolean })._hidden);
}

/** "providers update" for that command; "" for gw itself. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** The "Examples:" section of a command's help (gh style), or "" when the table has none. */
export function examplesText(path: string): string {
  const examples: readonly Example[] = EXAMPLES[path] ?? [];
  if (examples.length === 0) return "";
  return `\nExamples:\n${examples.map((e) => `  # ${e.does}\n  $ ${e.run}`).join("\n\n")}`;
}

/**
 * Give a command its examples from the table, at the end of its help. An "Examples:" section the command
 * added itself is dropped, so there is one, from the table.
 */
export function addExamples(cmd: Command): void {
  const text = examplesText(commandPath(cmd));
  if (!text) return;
  // Commander keeps addHelpText texts as listeners of its EventEmitter (untyped in its .d.ts).
  const emitter = cmd as unknown as EventEmitter;
  for (const listener of emitter.listeners("afterHelp") as ((context: unknown) => void)[]) {
    let written = "";
    listener({ error: false, command: cmd, write: (s: string) => void (written += s) });
    if (/^\s*Examples:/m.test(written)) emitter.removeListener("afterHelp", listener);
  }
  cmd.addHelpText("after", text);
}

/**
 * Option groups in the order a reader needs them: the flags every backend honours ("Options:") first, then
 * the groups of one backend ("Bifrost options:"), then those of several ("LangWatch, Bifrost options:"),
 * backends in registry order (headings from flag-spec.ts backendsHeading). Other headings keep their place
 * after "Options:". Commander itself orders groups by their first option.
 */
export function groupItems<T extends Command | Option>(
  this: Help,
  unsorted: T[],
  visible: T[],
  getGroup: (item: T) => string,
): Map<string, T[]> {
  const groups = Help.prototype.groupItems.call(this, unsorted, visible, getGroup as (item: Command | Option) => string) as Map<string, T[]>;
  const labels = availableBackends().map((b) => b.label);
  const key = (heading: string): number[] => {
    if (heading === "Options:" || heading === "Commands:") return [0];
    const named = heading.endsWith(" options:") ? heading.slice(0, -" options:".length).split(", ").map((l) => labels.indexOf(l)) : [-1];
    return named.includes(-1) ? [1] : [2, named.length, ...named];
  };
  const compare = (a: number[], b: number[]): number => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) - (b[i] ?? -1);
    return 0;
  };
  return new Map([...groups].sort(([a], [b]) => compare(key(a), key(b))));
}
