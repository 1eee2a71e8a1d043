import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GW_BIN, ROOT } from "../helpers/paths.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { describeNeeding, requireTool } from "../helpers/requires.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";
import { closedPort } from "../helpers/ports.js";

const FILES = { bash: "completions/gw.bash", zsh: "completions/_gw", fish: "completions/gw.fish" } as const;
type Shell = keyof typeof FILES;
const SHELLS = Object.keys(FILES) as Shell[];
const configDir = tempConfigDir();
let env: NodeJS.ProcessEnv;
let sandbox: SandboxProcess | undefined;
/** A Bifrost sandbox (no dashboard auth) behind the profile "bifrost": providers keys take provider names. */
let bifrost: SandboxProcess | undefined;
let bifrostProviders: string[] = [];
let keys: { id: string; name: string }[] = [];
let apiKey = "";
/** Each shell its own cache dir, so each makes its own first call. */
const caches = Object.fromEntries(SHELLS.map((s) => [s, mkdtempSync(join(tmpdir(), `gw-cache-${s}-`))])) as Record<Shell, string>;

beforeAll(async () => {
  // A `gw` on PATH (the scripts call `gw __complete ...`), a sandbox, and three stored profiles: prod (the
  // current one) on the sandbox, staging on a port where nothing listens, bifrost on a Bifrost sandbox.
  const bin = mkdtempSync(join(tmpdir(), "gw-bin-"));
  writeFileSync(join(bin, "gw"), `#!/bin/sh\nexec node ${JSON.stringify(GW_BIN)} "$@"\n`);
  chmodSync(join(bin, "gw"), 0o755);
  sandbox = await startSandboxProcess();
  apiKey = sandbox.apiKey;
  const profiles = { prod: sandbox.url, staging: `http://127.0.0.1:${await closedPort()}` };
  for (const [name, url] of Object.entries(profiles)) {
    const r = await runGw(["profile", "add", name, "--base-url", url, "--api-key-stdin"], { configDir, input: sandbox.apiKey });
    expect(r.exitCode, r.stderr).toBe(0);
  }
  bifrost = await startSandboxProcess(["--backend", "bifrost", "--bifrost-auth", "none"]);
  const added = await runGw(["profile", "add", "bifrost", "--backend", "bifrost", "--base-url", bifrost.url, "--auth", "none"], { configDir });
  expect(added.exitCode, added.stderr).toBe(0);
  expect((await runGw(["profile", "use", "prod"], { configDir })).exitCode).toBe(0);
  const providers = await runGw(["--profile", "bifrost", "providers", "list", "-o", "json"], { configDir });
  expect(providers.exitCode, providers.stderr).toBe(0);
  bifrostProviders = (JSON.parse(providers.stdout) as { provider: string }[]).map((p) => p.provider);
  expect(bifrostProviders.length).toBeGreaterThan(1);
  const list = await runGw(["vk", "list", "-o", "json"], { configDir });
  expect(list.exitCode, list.stderr).toBe(0);
  keys = JSON.parse(list.stdout) as { id: string; name: string }[];
  expect(keys.map((k) => k.name)).toContain("prod-chat");
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, GW_CONFIG_DIR: configDir };
}, 30_000);
afterAll(async () => {
  await sandbox?.stop();
  await bifrost?.stop();
});

const prodChat = () => keys.find((k) => k.name === "prod-chat")!;

/** Runs `script` in `program` with this shell's cache; its stdout lines. stderr must stay empty: nothing reaches the prompt. */
function shell(program: Shell, script: string): string[] {
  const r = spawnSync(program, ["-c", script], { env: { ...env, XDG_CACHE_HOME: caches[program] }, encoding: "utf8", timeout: 20_000 });
  expect(r.stderr, `${program} printed on stderr`).toBe("");
  expect(r.status).toBe(0);
  if (apiKey) expect(r.stdout).not.toContain(apiKey);
  return r.stdout.split("\n").filter(Boolean);
}

/** The candidates each shell offers for the words (the last one being completed). */
const complete: Record<Shell, (...words: string[]) => string[]> = {
  bash: (...words) =>
    shell("bash", `source ${JSON.stringify(join(ROOT, FILES.bash))}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")}); COMP_CWORD=${words.length - 1}; _gw; printf '%s\\n' "\${COMPREPLY[@]}"`),
  // The widget machinery needs an interactive shell; call the generated _gw with zsh's own words/CURRENT
  // and a compadd that prints the words it was given (after its options).
  zsh: (...words) =>
    shell(
      "zsh",
      `source ${JSON.stringify(join(ROOT, FILES.zsh))} 2>/dev/null; compadd() { while [[ $# -gt 0 && $1 != -- ]]; do shift; done; shift; print -l -- "$@"; }; words=(${words.map((w) => JSON.stringify(w)).join(" ")}); CURRENT=${words.length}; _gw`,
    ),
  fish: (...words) =>
    shell("fish", `source ${JSON.stringify(join(ROOT, FILES.fish))}; complete -C ${JSON.stringify(words.join(" "))}`)
      .map((l) => l.split("\t")[0]!)
      .sort(),
};

describe("gw completion", () => {
  it.each(Object.entries(FILES))("the committed %s script is what `gw completion` generates (run `npm run completions`)", async (sh, file) => {
    const r = await runGw(["completion", sh], { configDir });
    expect(r.exitCode).toBe(0);
    expect(`${r.stdout}\n`).toBe(readFileSync(join(ROOT, file), "utf8"));
  });

  it("rejects an unknown shell (exit 2)", async () => {
    expect((await runGw(["completion", "tcsh"], { configDir })).exitCode).toBe(2);
  });

  it("gw __complete has its own bundle entry, a fraction of the command tree's (it runs on every TAB)", () => {
    // The files an entry loads before running: itself and its static imports (dynamic ones load on demand).
    const loaded = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const m of readFileSync(file, "utf8").matchAll(/(?:import|from)\s*"(\.[^"]+)"/g)) loaded(resolve(dirname(file), m[1]!), seen);
      return seen;
    };
    const bytes = (entry: string) => [...loaded(join(ROOT, "dist/bundle", entry))].reduce((n, f) => n + statSync(f).size, 0);
    expect(bytes("complete.js")).toBeLessThan(bytes("gw.js") / 4);
  });

  it("gw __complete is hidden from help", async () => {
    const r = await runGw(["--help"], { configDir });
    expect(r.stdout).not.toContain("__complete");
  });

  describeNeeding(requireTool("bash"), "in real bash", () => {
    const c = (...w: string[]) => complete.bash(...w);
    it("completes commands, verbs, flags, enum values and profile names", () => {
      expect(c("gw", "pro")).toEqual(["profile", "providers"]);
      expect(c("gw", "providers", "up")).toEqual(["update"]);
      expect(c("gw", "providers", "update", "--r")).toEqual(["--rpm", "--rpd", "--rotation-policy", "--request-timeout", "--raw", "--retries"]);
      expect(c("gw", "--profile", "")).toEqual(["prod", "staging", "bifrost"]);
      expect(c("gw", "providers", "list", "-o", "")).toEqual(["table", "wide", "json", "yaml"]);
      expect(c("gw", "--profile", "prod", "providers", "l")).toEqual(["list"]);
      expect(c("gw", "profile", "use", "st")).toEqual(["staging"]);
      expect(c("gw", "profile", "rm", "")).toEqual(["prod", "staging", "bifrost"]);
    });

    it("never evaluates a name the server sent, and quotes one with spaces", () => {
      const dir = mkdtempSync(join(tmpdir(), "gw-inject-"));
      const out = shell(
        "bash",
        `cd ${JSON.stringify(dir)}; source ${JSON.stringify(join(ROOT, FILES.bash))}; gw() { printf '%s\\t%s\\n' '$(touch PWNED)' evil 'two words' spaced; }; COMP_WORDS=(gw vk get ""); COMP_CWORD=3; _gw; printf '%s\\n' "\${COMPREPLY[@]}"; [ -e PWNED ] && echo PWNED-EXISTS; true`,
      );
      expect(out).toEqual(["\\$\\(touch\\ PWNED\\)", "two\\ words"]);
    });
  });

  describeNeeding(requireTool("zsh"), "in real zsh", () => {
    const c = (...w: string[]) => complete.zsh(...w);
    it("completes commands, verbs, flags, enum values and profile names", () => {
      expect(c("gw", "pro")).toEqual(expect.arrayContaining(["profile", "providers"]));
      expect(c("gw", "providers", "up")).toContain("update");
      expect(c("gw", "providers", "update", "--r")).toEqual(expect.arrayContaining(["--rpm", "--rpd", "--rotation-policy"]));
      expect(c("gw", "--profile", "")).toEqual(["prod", "staging", "bifrost"]);
      expect(c("gw", "providers", "list", "-o", "")).toEqual(["table", "wide", "json", "yaml"]);
      expect(c("gw", "profile", "show", "")).toEqual(["prod", "staging", "bifrost"]);
    });

    it("never evaluates a name the server sent", () => {
      const dir = mkdtempSync(join(tmpdir(), "gw-inject-"));
      const out = shell(
        "zsh",
        `cd ${JSON.stringify(dir)}; source ${JSON.stringify(join(ROOT, FILES.zsh))} 2>/dev/null; gw() { printf '%s\\t%s\\n' '$(touch PWNED)' evil 'two words' spaced; }; compadd() { while [[ $# -gt 0 && $1 != -- ]]; do shift; done; shift; print -l -- "$@"; }; words=(gw vk get ""); CURRENT=4; _gw; [[ -e PWNED ]] && echo PWNED-EXISTS; true`,
      );
      expect(out).toEqual(["$(touch PWNED)", "two words"]);
    });
  });

  describeNeeding(requireTool("fish"), "in real fish", () => {
    const c = (...w: string[]) => complete.fish(...w);
    it("completes commands, verbs, flags, enum values and profile names", () => {
      expect(c("gw", "pro")).toEqual(["profile", "providers"]);
      expect(c("gw", "providers", "up")).toEqual(["update"]);
      expect(c("gw", "providers", "update", "--r")).toEqual(["--raw", "--request-timeout", "--retries", "--rotation-policy", "--rpd", "--rpm"]);
      expect(c("gw", "--profile", "")).toEqual(["bifrost", "prod", "staging"]);
      expect(c("gw", "providers", "list", "-o", "")).toEqual(["json", "table", "wide", "yaml"]);
      expect(c("gw", "profile", "remove", "")).toEqual(["bifrost", "prod", "staging"]);
    });
  });

  describe.each(SHELLS)("ids and names from the current profile, in %s", (sh) => {
    describeNeeding(requireTool(sh), `in real ${sh}`, () => {
      it("completes a virtual key's id and name from the sandbox; a server that is down offers nothing, silently", () => {
        const all = complete[sh]("gw", "vk", "get", "");
        expect(all).toEqual(expect.arrayContaining([prodChat().id, "prod-chat", "ci"]));
        expect(complete[sh]("gw", "vk", "delete", "prod-")).toEqual(["prod-chat"]);
        expect(complete[sh]("gw", "chain", "set", prodChat().id, "")).not.toEqual([]); // hops: binding ids
        expect(complete[sh]("gw", "--profile", "staging", "vk", "get", "")).toEqual([]);
      });

      it("completes the provider of providers keys with the names the keys APIs take (Bifrost: provider names)", () => {
        expect([...complete[sh]("gw", "--profile", "bifrost", "providers", "keys", "list", "")].sort()).toEqual([...bifrostProviders].sort());
        const first = bifrostProviders[0]!;
        expect(complete[sh]("gw", "--profile", "bifrost", "providers", "keys", "add", first.slice(0, 3))).toContain(first);
      });
    });
  });

  describe("once the sandbox has stopped", () => {
    beforeAll(async () => {
      await sandbox?.stop();
      sandbox = undefined;
    });

    describe.each(SHELLS)("in %s", (sh) => {
      describeNeeding(requireTool(sh), `in real ${sh}`, () => {
        it("still completes virtual keys from the cache (valid for a minute)", () => {
          expect(complete[sh]("gw", "vk", "get", "prod-")).toEqual(["prod-chat"]);
        });
      });
    });

    it("gw __complete with no cache and the server down prints nothing and exits 0", async () => {
      const cache = mkdtempSync(join(tmpdir(), "gw-cache-none-"));
      for (const args of [["vk", ""], ["bindings", "", "--profile", "staging"], ["gateways"], ["nonsense"]]) {
        const r = await runGw(["__complete", ...args], { configDir, env: { XDG_CACHE_HOME: cache }, secrets: [apiKey] });
        expect(r).toEqual({ exitCode: 0, stdout: "", stderr: "" });
      }
    });
  });
});
