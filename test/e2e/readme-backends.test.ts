import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/paths.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";

/**
 * The README's capability matrix ("What each backend supports") says what `gw backends` says: each row names
 * commands (`providers list`, `get`, `bind` = providers list, providers get, providers bind), each cell starts
 * with `yes` or `-`. Every command `gw backends` knows must be in a row, so a new command lands in the README.
 */

interface Row {
  backend: string;
  command: string;
  supported: boolean;
}

function readmeMatrix(readme: string): { backends: string[]; cells: Map<string, boolean>; commands: Set<string> } {
  const lines = readme.split("\n");
  const header = lines.findIndex((l) => /^\| command \| langwatch \|/.test(l));
  if (header < 0) throw new Error("README.md has no capability matrix (a table whose header starts with | command | langwatch |)");
  const split = (l: string) => l.split("|").slice(1, -1).map((c) => c.trim());
  const backends = split(lines[header]!).slice(1);
  const cells = new Map<string, boolean>();
  const commands = new Set<string>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [first = "", ...values] = split(line);
    const names = [...first.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const noun = names[0]!.split(" ").slice(0, -1).join(" ");
    const expanded = names.map((n, i) => (i === 0 || n.includes(" ") || !noun ? n : `${noun} ${n}`));
    for (const command of expanded) {
      commands.add(command);
      backends.forEach((b, i) => {
        const cell = values[i] ?? "";
        if (!/^(yes|-)/.test(cell)) throw new Error(`README matrix: the ${b} cell of ${first} starts with neither yes nor -`);
        cells.set(`${b} ${command}`, cell.startsWith("yes"));
      });
    }
  }
  return { backends, cells, commands };
}

describe("README: the backends matrix", () => {
  it("agrees with gw backends for every backend and command", async () => {
    const run = await runGw(["backends", "-o", "json"], { configDir: tempConfigDir() });
    expect(run.exitCode, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Row[];
    const { backends, cells, commands } = readmeMatrix(readFileSync(join(ROOT, "README.md"), "utf8"));

    expect(backends).toEqual([...new Set(rows.map((r) => r.backend))]);
    const missing = [...new Set(rows.map((r) => r.command))].filter((c) => !commands.has(c));
    expect(missing, "commands gw backends lists that the README matrix lacks").toEqual([]);
    const wrong = rows
      .filter((r) => cells.get(`${r.backend} ${r.command}`) !== r.supported)
      .map((r) => `${r.backend} ${r.command}: gw backends says ${r.supported ? "yes" : "no"}`);
    expect(wrong).toEqual([]);
  });
});
