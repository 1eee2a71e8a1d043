import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GW_BIN, ROOT } from "../helpers/paths.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { describeNeeding, requireTool } from "../helpers/requires.js";

const FILES = { bash: "completions/gw.bash", zsh: "completions/_gw", fish: "completions/gw.fish" } as const;
const configDir = tempConfigDir();
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  // A `gw` on PATH (the scripts call `gw __complete profiles`) and two stored profiles.
  const bin = mkdtempSync(join(tmpdir(), "gw-bin-"));
  writeFileSync(join(bin, "gw"), `#!/bin/sh\nexec node ${JSON.stringify(GW_BIN)} "$@"\n`);
  chmodSync(join(bin, "gw"), 0o755);
  for (const name of ["staging", "prod"]) {
    await runGw(["profile", "add", name, "--base-url", "https://gw.example.com", "--api-key-stdin"], { configDir, input: "sk-lw-completion-test" });
  }
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, GW_CONFIG_DIR: configDir };
});

function shell(program: string, script: string): string {
  return execFileSync(program, ["-c", script], { env, encoding: "utf8", timeout: 20_000 });
}

describe("gw completion", () => {
  it.each(Object.entries(FILES))("the committed %s script is what `gw completion` generates (run `npm run completions`)", async (sh, file) => {
    const r = await runGw(["completion", sh], { configDir });
    expect(r.exitCode).toBe(0);
    expect(`${r.stdout}\n`).toBe(readFileSync(join(ROOT, file), "utf8"));
  });

  it("rejects an unknown shell (exit 2)", async () => {
    expect((await runGw(["completion", "tcsh"], { configDir })).exitCode).toBe(2);
  });

  describeNeeding(requireTool("bash"), "in real bash", () => {
    const complete = (...words: string[]) =>
      shell("bash", `source ${JSON.stringify(join(ROOT, FILES.bash))}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")}); COMP_CWORD=${words.length - 1}; _gw; printf '%s\\n' "\${COMPREPLY[@]}"`)
        .split("\n")
        .filter(Boolean);

    it("completes commands, verbs, flags, enum values and profile names", () => {
      expect(complete("gw", "pro")).toEqual(["profile", "providers"]);
      expect(complete("gw", "providers", "up")).toEqual(["update"]);
      expect(complete("gw", "providers", "update", "--r")).toEqual(["--rpm", "--rpd", "--rotation-policy", "--request-timeout", "--raw", "--retries"]);
      expect(complete("gw", "--profile", "")).toEqual(["staging", "prod"]);
      expect(complete("gw", "providers", "list", "-o", "")).toEqual(["table", "wide", "json", "yaml"]);
      expect(complete("gw", "--profile", "prod", "providers", "l")).toEqual(["list"]);
    });
  });

  describeNeeding(requireTool("fish"), "in real fish", () => {
    const complete = (line: string) =>
      shell("fish", `source ${JSON.stringify(join(ROOT, FILES.fish))}; complete -C ${JSON.stringify(line)}`)
        .split("\n")
        .map((l) => l.split("\t")[0]!)
        .filter(Boolean)
        .sort();

    it("completes commands, verbs, flags, enum values and profile names", () => {
      expect(complete("gw pro")).toEqual(["profile", "providers"]);
      expect(complete("gw providers up")).toEqual(["update"]);
      expect(complete("gw providers update --r")).toEqual(["--raw", "--request-timeout", "--retries", "--rotation-policy", "--rpd", "--rpm"]);
      expect(complete("gw --profile ")).toEqual(["prod", "staging"]);
      expect(complete("gw providers list -o ")).toEqual(["json", "table", "wide", "yaml"]);
    });
  });

  describeNeeding(requireTool("zsh"), "in real zsh", () => {
    // The widget machinery needs an interactive shell; call the generated _gw with zsh's own words/CURRENT
    // and a compadd that prints what it was given.
    const complete = (...words: string[]) =>
      shell("zsh", `source ${JSON.stringify(join(ROOT, FILES.zsh))} 2>/dev/null; compadd() { shift; print -l -- "$@"; }; words=(${words.map((w) => JSON.stringify(w)).join(" ")}); CURRENT=${words.length}; _gw`)
        .split("\n")
        .filter(Boolean);

    it("completes commands, verbs, flags, enum values and profile names", () => {
      expect(complete("gw", "pro")).toEqual(expect.arrayContaining(["profile", "providers"]));
      expect(complete("gw", "providers", "up")).toContain("update");
      expect(complete("gw", "providers", "update", "--r")).toEqual(expect.arrayContaining(["--rpm", "--rpd", "--rotation-policy"]));
      expect(complete("gw", "--profile", "")).toEqual(["staging", "prod"]);
      expect(complete("gw", "providers", "list", "-o", "")).toEqual(["table", "wide", "json", "yaml"]);
    });
  });
});
