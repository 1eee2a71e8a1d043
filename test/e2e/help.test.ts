import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../src/commands/examples.js";
import { buildProgram } from "../../src/program.js";
import { fakeContext } from "../helpers/fake-context.js";
import { ROOT } from "../helpers/paths.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";

const configDir = tempConfigDir();
const gw = (args: string[]) => runGw(args, { configDir });

/** The help's sections by heading ("Options:", "Bifrost options:", "Examples:") -> their lines. */
function sections(help: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of help.split("\n")) {
    if (/^\S.*:$/.test(line)) result.set(line, (current = []));
    else if (/^\s/.test(line)) current?.push(line);
  }
  return result;
}

describe("gw <command> --help", () => {
  it("groups `providers update`'s flags by backend, every backend's first, and ends with examples", async () => {
    const r = await gw(["providers", "update", "--help"]);
    expect(r.exitCode).toBe(0);
    const groups = sections(r.stdout);
    expect([...groups.keys()]).toEqual([
      "Arguments:",
      "Options:",
      "LangWatch options:",
      "Bifrost options:",
      "ngrok options:",
      "LangWatch, Bifrost options:",
      "Bifrost, ngrok options:",
      "Examples:",
    ]);
    const flags = (heading: string) => groups.get(heading)!.map((l) => /^ {2}(?:-\w, )?(--[\w-]+)/.exec(l)?.[1]).filter(Boolean);
    expect(flags("Options:")).toEqual(expect.arrayContaining(["--unset", "--output", "--json", "--raw", "--dry-run", "--quiet", "--help"]));
    expect(flags("Options:")).not.toEqual(expect.arrayContaining(["--rpm"]));
    expect(flags("LangWatch options:")).toEqual(["--slot", "--fallback-priority", "--rotation-policy"]);
    expect(flags("LangWatch, Bifrost options:")).toEqual(["--rpm", "--tpm", "--rpd", "--header"]);
    expect(flags("Bifrost, ngrok options:")).toEqual(["--base-url"]);
    // The heading names the backends, so the flag's own help is as declared.
    expect(r.stdout).toMatch(/--concurrency <n> +concurrent upstream requests/);
    expect(r.stdout.trimEnd()).toMatch(/Examples:\n(\s+# .+\n\s+\$ gw providers update .+\n*){2,4}$/);
  });

  it("keeps one Examples section where a command had its own (completion)", async () => {
    const r = await gw(["completion", "--help"]);
    expect(r.stdout.match(/Examples:/g)).toHaveLength(1);
    expect(r.stdout).toContain("  $ gw completion fish > ~/.config/fish/completions/gw.fish");
  });
});

describe("gw help [command...]", () => {
  it("shows the help of the whole path, the same as --help", async () => {
    for (const path of [["providers", "update"], ["providers", "keys", "add"], ["vk"], []]) {
      const viaHelp = await gw(["help", ...path]);
      const viaFlag = await gw([...path, "--help"]);
      expect(viaHelp.exitCode).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      expect(viaHelp.stderr).toBe("");
    }
    expect((await gw(["help", "providers", "ls"])).stdout).toBe((await gw(["providers", "list", "--help"])).stdout);
  });

  it("exits 2 on an unknown command, with a suggestion when one is close", async () => {
    const nope = await gw(["help", "nope"]);
    expect(nope.exitCode).toBe(2);
    expect(nope.stdout).toBe("");
    expect(nope.stderr).toMatch(/^error: unknown command 'nope'/);
    const typo = await gw(["help", "providers", "updte"]);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain("error: unknown command 'providers updte'\n(Did you mean providers update?)");
    expect((await gw(["help", "providers", "update", "extra"])).exitCode).toBe(2);
  });
});

describe("docs/reference", () => {
  it("is what `gw help reference` generates (run `npm run docs`)", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "gw-ref-")), "reference");
    const r = await gw(["help", "reference", "--dir", dir]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/Wrote \d+ pages/);
    const committed = join(ROOT, "docs/reference");
    const files = readdirSync(dir).sort();
    expect(readdirSync(committed).sort()).toEqual(files);
    for (const file of files) expect(readFileSync(join(committed, file), "utf8"), file).toBe(readFileSync(join(dir, file), "utf8"));
    expect(files).toContain("gw_providers_update.md");
    expect(readFileSync(join(dir, "gw_providers_update.md"), "utf8")).toMatch(/## LangWatch, Bifrost options\n[\s\S]*`--rpm <n>`[\s\S]*## Examples\n\n```sh\n# /);
  });
});

/** Every visible command of the tree with its path ("" = gw itself). */
function tree(cmd: Command, path = ""): [string, Command][] {
  const subs = cmd.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden);
  return [[path, cmd], ...subs.flatMap((c) => tree(c, path ? `${path} ${c.name()}` : c.name()))];
}

/** The argv of each `gw ...` command in a shell line (pipes, `;`, `&&`, `&` split; redirections and VAR=x prefixes dropped). */
function gwCommands(line: string): string[][] {
  const tokens = [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => ({ word: m[1] ?? m[2] ?? m[3]!, quoted: m[3] === undefined }));
  const commands: string[][] = [];
  let current: string[] | undefined;
  let redirected = false;
  for (const { word, quoted } of tokens) {
    if (!quoted && ["|", "&&", ";", "&"].includes(word)) [current, redirected] = [undefined, false];
    else if (!quoted && /^\d*[<>]/.test(word)) redirected = true;
    else if (redirected) continue;
    else if (current) current.push(word);
    else if (word === "gw" && !quoted) commands.push((current = []));
  }
  return commands;
}

describe("the examples table (src/commands/examples.ts)", async () => {
  const commands = tree(await buildProgram(fakeContext()));

  it("has 2-4 examples for every command, and none for a command that does not exist", () => {
    for (const [path] of commands) expect(EXAMPLES[path]?.length ?? 0, `gw ${path}`).toBeGreaterThanOrEqual(2);
    for (const [path] of commands) expect(EXAMPLES[path]!.length, `gw ${path}`).toBeLessThanOrEqual(4);
    expect(Object.keys(EXAMPLES).filter((path) => !commands.some(([p]) => p === path))).toEqual([]);
  });

  it("ends every command's help with them", () => {
    for (const [path, cmd] of commands) {
      let help = "";
      cmd.configureOutput({ writeOut: (s) => void (help += s) });
      cmd.outputHelp();
      const section = help.slice(help.lastIndexOf("\nExamples:\n"));
      expect(section, `gw ${path}`).toBe(`\nExamples:\n${EXAMPLES[path]!.map((e) => `  # ${e.does}\n  $ ${e.run}`).join("\n\n")}\n`);
    }
  });

  // A noun's examples reach one of its verbs; gw's own, any command.
  it.each(Object.entries(EXAMPLES).flatMap(([path, list]) => list.map((e) => [path, e.run] as const)))(
    "gw %s: `%s` parses and reaches that command (or one below it)",
    async (path, line) => {
      const argvs = gwCommands(line);
      expect(argvs.length, "no gw command in the line").toBeGreaterThan(0);
      const reached: string[] = [];
      for (const argv of argvs) {
        const program = await buildProgram(fakeContext());
        for (const [p, cmd] of tree(program)) {
          if ((cmd as unknown as { _actionHandler: unknown })._actionHandler) cmd.action(() => void reached.push(p));
        }
        await program.parseAsync(argv, { from: "user" });
      }
      expect(reached.some((p) => path === "" || p === path || p.startsWith(`${path} `)), `reached: ${reached.join(", ")}`).toBe(true);
    },
  );
});
