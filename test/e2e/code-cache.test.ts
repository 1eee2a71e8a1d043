import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

// bin/gw.js keeps a V8 code cache of the bundle in the user's cache directory (issue 15). What a user can
// see of it: where it lives, that it is private, that it can be turned off, and that a bad one changes nothing.
const configDir = tempConfigDir();
const cacheHome = () => mkdtempSync(join(tmpdir(), "gw-cache-test-"));
const gw = (args: string[], env: Record<string, string>) => runGw(args, { configDir, env });
const versionDirs = (home: string) => readdirSync(join(home, "gw")).map((d) => join(home, "gw", d));
const mode = (path: string) => statSync(path).mode & 0o777;
/** Each cache file with its mtime: what a run that rewrites the cache changes. */
const cacheFiles = (home: string) =>
  Object.fromEntries(versionDirs(home).flatMap((d) => readdirSync(d).map((f) => [join(d, f), statSync(join(d, f)).mtimeMs])));

let sandbox: SandboxProcess;
beforeAll(async () => {
  sandbox = await startSandboxProcess(["--seed", "demo"]);
});
afterAll(async () => sandbox?.stop());

describe.skipIf(process.platform === "win32")("the code cache", () => {
  it("is written to $XDG_CACHE_HOME/gw/, per gw and Node version and architecture, in directories only the user can enter", async () => {
    const home = cacheHome();
    const r = await gw(["--help"], { XDG_CACHE_HOME: home });
    expect(r.exitCode).toBe(0);
    const [dir, ...others] = versionDirs(home);
    expect(others).toEqual([]);
    expect(dir).toMatch(new RegExp(`/gw/v8-[^/]+-${process.version.replace(/\./g, "\\.")}-${process.arch}$`));
    expect(mode(join(home, "gw"))).toBe(0o700);
    expect(mode(dir!)).toBe(0o700);
    const files = readdirSync(dir!);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.endsWith(".v8"))).toBe(true); // no temporary file left behind
    expect(files.every((f) => mode(join(dir!, f)) === 0o600)).toBe(true);
    // A second run reads it and prints the same.
    expect((await gw(["--help"], { XDG_CACHE_HOME: home })).stdout).toBe(r.stdout);
  });

  // Networked runs set a V8 flag (bin/gw.js prepareNetwork), which changes the key V8 checks a code cache
  // against: a cache shared with runs without it would be refused and rewritten on every other run.
  it("is read, not rewritten, by the next run: networked commands and help each keep their own", async () => {
    const home = cacheHome();
    const env = { XDG_CACHE_HOME: home, GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
    const commands = [["providers", "list", "-o", "json"], ["--help"], ["providers", "list"], ["providers", "--help"]];
    for (const args of commands) expect((await gw(args, env)).exitCode).toBe(0);
    expect(versionDirs(home).map((d) => (d.endsWith("-liftoff") ? "networked" : "help")).sort()).toEqual(["help", "networked"]);
    const written = cacheFiles(home);
    for (const args of [...commands, ...commands]) expect((await gw(args, env)).exitCode).toBe(0);
    expect(cacheFiles(home)).toEqual(written);
  });

  it("runs that never reach a control plane (help, completion scripts, profile names) use the cache without the network's flag", async () => {
    const home = cacheHome();
    for (const args of [["--help"], ["help", "providers"], ["providers", "update", "--help"], ["completion", "bash"], ["__complete", "profiles"]]) {
      expect((await gw(args, { XDG_CACHE_HOME: home })).exitCode, args.join(" ")).toBe(0);
    }
    expect(versionDirs(home).map((d) => d.endsWith("-liftoff"))).toEqual([false]);
    expect((await gw(["profile", "list"], { XDG_CACHE_HOME: home })).exitCode).toBe(0);
    expect(versionDirs(home).map((d) => d.endsWith("-liftoff")).sort()).toEqual([false, true]);
  });

  // With the cache, the entry and the chunks it always loads come from one pack (scripts/bundle.mjs); without
  // it, from their files through Node's loader. What a user sees must not depend on which.
  it("prints the same with the cache (the pack) as without it (the bundle's files)", async () => {
    const home = cacheHome();
    const env = { XDG_CACHE_HOME: home, GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
    for (const args of [["--help"], ["providers", "list", "-o", "json"], ["providers", "get", "nope"], ["vk", "--help"]]) {
      const cached = await gw(args, env);
      await gw(args, env); // the second run reads the cache the first wrote
      expect(await gw(args, env), args.join(" ")).toEqual(cached);
      expect(await gw(args, { ...env, GW_NO_CACHE: "1" }), args.join(" ")).toEqual(cached);
    }
  });

  it("writes nothing with GW_NO_CACHE=1", async () => {
    const home = cacheHome();
    const r = await gw(["--help"], { XDG_CACHE_HOME: home, GW_NO_CACHE: "1" });
    expect(r.exitCode).toBe(0);
    expect(readdirSync(home)).toEqual([]);
  });

  it("ignores a corrupt cache file: the output is the same, and the file is rewritten", async () => {
    const home = cacheHome();
    const first = await gw(["providers", "--help"], { XDG_CACHE_HOME: home });
    const [dir] = versionDirs(home);
    for (const f of readdirSync(dir!)) writeFileSync(join(dir!, f), "not a V8 code cache");
    const again = await gw(["providers", "--help"], { XDG_CACHE_HOME: home });
    expect(again).toEqual(first);
    for (const f of readdirSync(dir!)) expect(statSync(join(dir!, f)).size, f).toBeGreaterThan("not a V8 code cache".length);
  });

  it("is not used when its directory is open to other users, nor when it cannot be created", async () => {
    const home = cacheHome();
    const first = await gw(["--help"], { XDG_CACHE_HOME: home });
    const [dir] = versionDirs(home);
    for (const f of readdirSync(dir!)) writeFileSync(join(dir!, f), "planted by someone else");
    chmodSync(join(home, "gw"), 0o777);
    const shared = await gw(["--help"], { XDG_CACHE_HOME: home });
    expect(shared).toEqual(first);
    for (const f of readdirSync(dir!)) expect(statSync(join(dir!, f)).size, f).toBe("planted by someone else".length); // neither read nor rewritten

    const file = join(cacheHome(), "a-file");
    writeFileSync(file, "");
    expect(await gw(["--help"], { XDG_CACHE_HOME: file })).toEqual(first);
  });
});
