import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { NOUNS, nounsNeeded } from "../../src/commands/nouns.js";
import { main } from "../../src/main.js";
import { buildProgram } from "../../src/program.js";
import { fakeContext } from "../helpers/fake-context.js";
import { fakeIO } from "../helpers/fake-io.js";

// gw builds only the nouns a command line names (issue 15); GW_EAGER=1 builds the whole tree. Whatever a
// user sees must not depend on which.
async function run(argv: string[], eager: boolean) {
  const io = fakeIO();
  const code = await main(argv, { io, env: { GW_CONFIG_DIR: "/nonexistent/gw-test", ...(eager ? { GW_EAGER: "1" } : {}) } });
  return { code, stdout: io.out(), stderr: io.err() };
}

function paths(cmd: Command, prefix: string[] = []): string[][] {
  return [prefix, ...cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden).flatMap((c) => paths(c, [...prefix, c.name()]))];
}

describe("the lazy command tree", async () => {
  const all = paths(await buildProgram(fakeContext()));

  it("lists every noun of the full tree, in its order (commands/nouns.ts)", () => {
    expect(NOUNS.map((n) => n.name)).toEqual(all.filter((p) => p.length === 1).map((p) => p[0]));
  });

  it.each(all.map((p) => [p.join(" ") || "(gw)", p] as const))("gw %s --help is byte-identical to the full tree's", async (_name, path) => {
    const lazy = await run([...path, "--help"], false);
    expect(lazy).toEqual(await run([...path, "--help"], true));
    expect(lazy.code).toBe(0);
    expect(lazy.stdout).toMatch(/^Usage: gw/);
  });

  it("prints the same for gw alone and for gw help", async () => {
    expect(await run([], false)).toEqual(await run([], true));
    expect(await run(["help"], false)).toEqual(await run(["help"], true));
  });

  it("still suggests a command for a mistyped noun or verb", async () => {
    for (const argv of [["provders", "list"], ["providers", "lst"], ["--profile", "p", "stauts"]]) {
      const lazy = await run(argv, false);
      expect(lazy).toEqual(await run(argv, true));
      expect(lazy.code).toBe(2);
      expect(lazy.stderr).toMatch(/Did you mean/);
    }
    expect((await run(["provders"], false)).stderr).toContain("(Did you mean providers?)");
  });

  it("builds the named noun only, or every noun for help, completion and a word that is no noun", () => {
    const names = (argv: string[]) => nounsNeeded(argv).map((n) => n.name);
    expect(names(["--help"])).toEqual([]);
    expect(names(["--profile", "providers", "vk", "list"])).toEqual(["vk"]);
    expect(names(["--timeout", "5", "providers", "list"])).toEqual(["providers"]);
    expect(names(["help", "providers"])).toHaveLength(NOUNS.length);
    expect(names(["completion", "bash"])).toHaveLength(NOUNS.length);
    expect(names(["provders"])).toHaveLength(NOUNS.length);
  });
});
