import { execa } from "execa";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { GW_BIN, ROOT } from "../helpers/paths.js";
import { assertNoSecret, runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/**
 * The README's "Common tasks" must keep working as written: every ```sh block under that heading is run,
 * command by command and in one shell (so a variable set on one line is there on the next), against
 * `gw sandbox`'s LangWatch demo project, with `gw` on PATH being the built binary. Two profiles exist, as the
 * section says: `staging` (the current one) and `prod`, each on its own sandbox. A command must exit 0,
 * unless its comment documents another code ("... exits 10").
 */

interface Command {
  text: string;
  expectedExit: number;
}

interface Block {
  task: string;
  commands: Command[];
}

function commonTasks(readme: string): Block[] {
  const start = readme.indexOf("\n## Common tasks\n");
  if (start < 0) throw new Error('README.md has no "## Common tasks" section');
  const rest = readme.slice(start + 1);
  const end = rest.indexOf("\n## ", 3);
  const section = end < 0 ? rest : rest.slice(0, end);
  const blocks: Block[] = [];
  let task = "";
  let inBlock: string[] | null = null;
  for (const line of section.split("\n")) {
    if (inBlock) {
      if (line.trim() === "```") {
        blocks.push({ task, commands: commandsOf(inBlock) });
        inBlock = null;
      } else inBlock.push(line);
    } else if (line.startsWith("### ")) task = line.slice(4).trim();
    else if (line.trim() === "```sh") inBlock = [];
  }
  return blocks;
}

/** Logical lines (a trailing backslash continues one), without blank and comment-only lines. */
function commandsOf(lines: string[]): Command[] {
  const commands: Command[] = [];
  let pending = "";
  for (const line of lines) {
    if (!pending && (line.trim() === "" || line.trim().startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const text = pending + line;
    pending = "";
    const comment = / #\s.*$/.exec(text)?.[0] ?? "";
    const documented = /\bexits (\d+)\b/.exec(comment);
    commands.push({ text, expectedExit: documented ? Number(documented[1]) : 0 });
  }
  if (pending) commands.push({ text: pending, expectedExit: 0 });
  return commands;
}

/** One bash script: each command, then a check of its exit code that stops at the first surprise. */
function script(commands: Command[]): string {
  const lines = ["set -o pipefail"];
  commands.forEach((c, i) => {
    lines.push(`echo "readme> ${JSON.stringify(c.text).slice(1, -1).replaceAll("$", "\\$").replaceAll("`", "\\`")}" >&2`);
    lines.push(c.text);
    lines.push(
      `__rc=$?; if [ "$__rc" -ne ${c.expectedExit} ]; then echo "readme: command ${i + 1} exited $__rc, expected ${c.expectedExit}" >&2; exit 99; fi`,
    );
  });
  return `${lines.join("\n")}\n`;
}

/** A directory whose `gw` runs the built binary, to put first on PATH. */
function gwShim(): string {
  const dir = mkdtempSync(join(tmpdir(), "gw-readme-bin-"));
  const shim = join(dir, "gw");
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(GW_BIN)} "$@"\n`);
  chmodSync(shim, 0o755);
  return dir;
}

const blocks = commonTasks(readFileSync(join(ROOT, "README.md"), "utf8"));
const shimDir = gwShim();

describe("README: Common tasks", () => {
  it("has a block for each task the README promises, and the drift check documents exit 10", () => {
    const tasks = blocks.map((b) => b.task.toLowerCase());
    for (const wanted of ["raise a limit", "rotate a key", "reorder a chain", "ci drift check", "promote"]) {
      expect(tasks.some((t) => t.startsWith(wanted)), `a "${wanted}" block`).toBe(true);
    }
    const drift = blocks.find((b) => b.task.toLowerCase().startsWith("ci drift check"));
    expect(drift?.commands.some((c) => c.expectedExit === 10 && c.text.includes("--exit-code"))).toBe(true);
    expect(drift?.commands.some((c) => c.expectedExit === 0 && c.text.includes("--exit-code"))).toBe(true);
  });

  it.each(blocks.map((b) => [b.task, b] as const))("%s: runs as written against the sandbox", async (_task, block) => {
    const sandboxes: SandboxProcess[] = [];
    try {
      const [staging, prod] = await Promise.all([startSandboxProcess(), startSandboxProcess()]);
      sandboxes.push(staging, prod);
      const configDir = tempConfigDir();
      for (const [name, s] of [["staging", staging], ["prod", prod]] as const) {
        const added = await runGw(["profile", "add", name, "--backend", "langwatch", "--base-url", s.url, "--api-key-stdin"], {
          configDir,
          input: s.apiKey,
          secrets: [s.apiKey],
        });
        expect(added.exitCode, added.stderr).toBe(0);
      }

      const work = mkdtempSync(join(tmpdir(), "gw-readme-work-"));
      mkdirSync(join(work, "home"));
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) {
        if (v !== undefined && !k.startsWith("GW_") && k !== "NO_COLOR" && k !== "CLICOLOR_FORCE") env[k] = v;
      }
      const run = await execa("bash", ["-c", script(block.commands)], {
        cwd: work,
        env: { ...env, GW_CONFIG_DIR: configDir, PATH: `${shimDir}${delimiter}${process.env.PATH ?? ""}` },
        extendEnv: false,
        reject: false,
        input: "",
        timeout: 90_000,
      });
      const result = { exitCode: run.exitCode ?? -1, stdout: String(run.stdout), stderr: String(run.stderr) };
      expect(result.exitCode, `${result.stderr}\n${result.stdout}`).toBe(0);
      assertNoSecret(result, [staging.apiKey, prod.apiKey], ["README", block.task]);
      for (const s of sandboxes) expect(s.contractViolations()).toEqual([]);
    } finally {
      await Promise.all(sandboxes.map((s) => s.stop()));
    }
  }, 120_000);
});
