import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Argument, Command, Help, Option } from "commander";
import { EXAMPLES } from "./examples.js";
import { commandPath, examplesText, isHidden } from "./help.js";

/**
 * `gw help reference`: the command reference as markdown, one page per command, from the command tree (as
 * the completions are), so docs/reference/ cannot drift from `--help`; test/e2e/help.test.ts fails when the
 * committed pages are stale (`npm run docs` rewrites them). Loaded only by that command.
 */
export const GENERATED = "<!-- Generated from gw's command tree by `gw help reference` (npm run docs): do not edit. -->";

/** Page file name -> markdown, in tree order: README.md for gw itself, gw_<noun>_<verb>.md for the rest. */
export function referencePages(program: Command): Map<string, string> {
  const pages = new Map<string, string>();
  const all = commands(program);
  for (const cmd of all) pages.set(pageName(cmd), cmd === program ? indexPage(program, all) : commandPage(cmd));
  return pages;
}

/** Write the pages into `dir`, removing pages a previous run generated for commands that are gone. */
export function writeReference(program: Command, dir: string): string[] {
  const pages = referencePages(program);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) {
    if (!file.endsWith(".md") || pages.has(file)) continue;
    if (readFileSync(join(dir, file), "utf8").startsWith(GENERATED)) rmSync(join(dir, file));
  }
  for (const [file, text] of pages) writeFileSync(join(dir, file), text);
  return [...pages.keys()];
}

function commands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.filter((c) => !isHidden(c)).flatMap(commands)];
}

function pageName(cmd: Command): string {
  const path = commandPath(cmd);
  return path === "" ? "README.md" : `gw_${path.replaceAll(" ", "_")}.md`;
}

function title(cmd: Command): string {
  return `gw${commandPath(cmd) ? ` ${commandPath(cmd)}` : ""}`;
}

function link(cmd: Command): string {
  return `[\`${title(cmd)}\`](${pageName(cmd)})`;
}

function indexPage(program: Command, all: Command[]): string {
  const helper = program.createHelp();
  return document([
    `# gw command reference`,
    text(helper.commandDescription(program)),
    usage(program, helper),
    table("Global options", ["Option", "Description"], helper.visibleOptions(program).map((o) => optionRow(o, helper)), "These work before or after any command."),
    table("Commands", ["Command", "Description"], all.slice(1).map((c) => [link(c), text(helper.subcommandDescription(c))])),
    examples(program),
    afterText(program),
  ]);
}

function commandPage(cmd: Command): string {
  const helper = cmd.createHelp();
  const aliases = cmd.aliases();
  const parent = cmd.parent!;
  return document([
    `# ${title(cmd)}`,
    text(helper.commandDescription(cmd)),
    usage(cmd, helper),
    aliases.length ? `Aliases: ${aliases.map((a) => `\`${title(parent)} ${a}\``).join(", ")}` : "",
    table("Arguments", ["Argument", "Description"], helper.visibleArguments(cmd).map((a) => [code(argumentTerm(a)), text(helper.argumentDescription(a))])),
    ...optionTables(cmd, helper),
    table("Commands", ["Command", "Description"], cmd.commands.filter((c) => !isHidden(c)).map((c) => [link(c), text(helper.subcommandDescription(c))])),
    examples(cmd),
    afterText(cmd),
    `## See also\n\n- ${link(parent)}\n- [global options](README.md#global-options)`,
  ]);
}

/** The option groups of `--help` (commands/help.ts groupItems), one table each. */
function optionTables(cmd: Command, helper: Help): string[] {
  const groups = helper.groupItems([...cmd.options], helper.visibleOptions(cmd), (o: Option) => o.helpGroupHeading ?? "Options:");
  return [...groups].map(([heading, options]) => table(heading.replace(/:$/, ""), ["Option", "Description"], options.map((o) => optionRow(o, helper))));
}

function optionRow(option: Option, helper: Help): string[] {
  return [code(helper.optionTerm(option)), text(helper.optionDescription(option))];
}

function usage(cmd: Command, helper: Help): string {
  return `## Usage\n\n\`\`\`\n${helper.commandUsage(cmd)}\n\`\`\``;
}

function examples(cmd: Command): string {
  const list = EXAMPLES[commandPath(cmd)] ?? [];
  if (list.length === 0) return "";
  return `## Examples\n\n\`\`\`sh\n${list.map((e) => `# ${e.does}\n$ ${e.run}`).join("\n\n")}\n\`\`\``;
}

/** Help text a command adds after its help besides the examples (gw's environment and exit codes, ...). */
function afterText(cmd: Command): string {
  const own = `${examplesText(commandPath(cmd))}\n`;
  const listeners = (cmd as unknown as { listeners(event: string): ((context: unknown) => void)[] }).listeners("afterHelp");
  const texts: string[] = [];
  for (const listener of listeners) {
    let written = "";
    listener({ error: false, command: cmd, write: (s: string) => void (written += s) });
    if (written !== own && written.trim()) texts.push(text(written.trim()));
  }
  return texts.join("\n\n");
}

function argumentTerm(argument: Argument): string {
  const name = `${argument.name()}${argument.variadic ? "..." : ""}`;
  return argument.required ? `<${name}>` : `[${name}]`;
}

function table(heading: string, columns: string[], rows: string[][], note = ""): string {
  if (rows.length === 0) return "";
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [`## ${heading}`, ...(note ? [note] : []), [line(columns), line(columns.map(() => "---")), ...rows.map(line)].join("\n")].join("\n\n");
}

function document(sections: string[]): string {
  return `${GENERATED}\n\n${sections.filter(Boolean).join("\n\n")}\n`;
}

function code(s: string): string {
  return `\`${s.replaceAll("|", "\\|")}\``;
}

/** Help prose as markdown: one line; outside `code`, characters markdown or HTML would eat are escaped. */
function text(s: string): string {
  return s
    .replace(/\s*\n\s*/g, " ")
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*<[\]]/g, (c) => `\\${c}`)))
    .join("")
    .replaceAll("|", "\\|");
}
