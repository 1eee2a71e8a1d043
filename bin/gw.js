#!/usr/bin/env node
// The `gw` executable: runs the CommonJS bundle built by `npm run build` (scripts/bundle.mjs), compiling its
// packs and files with a V8 code cache kept in the user's cache directory (issue 15; bench/README.md says what
// each part saves). CommonJS (bin/package.json) because a CommonJS program starts without Node's ESM loader.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  // Answered without loading gw at all: parsing the bundle would cost more than the answer.
  process.stdout.write(`${gwVersion()}\n`);
} else {
  run();
}

function run() {
  // A closed pipe (`gw providers list | head -1`) is normal: quiet. Any other write error (a full disk) must
  // not end in exit 0 with half the output: it is reported once, below, as exit 6.
  let writeError;
  process.stdout.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    writeError ??= err;
  });
  // process.stderr is built on first use (for a pipe, that loads node:net) and `gw --help` never writes to
  // it: the exit below waits for stderr to drain only if something built it.
  let stderrBuilt = false;
  const stderrProperty = Object.getOwnPropertyDescriptor(process, "stderr");
  if (typeof stderrProperty?.get === "function") {
    Object.defineProperty(process, "stderr", { ...stderrProperty, get: () => ((stderrBuilt = true), stderrProperty.get.call(process)) });
  } else stderrBuilt = true;
  // `gw __complete ...` runs on every TAB of shell completion: its own small entry, not the command tree.
  const entry = path.join(__dirname, "..", "dist", "bundle", args[0] === "__complete" ? "complete.js" : "gw.js");
  // --debug prints stack traces: point them at src/*.ts rather than the minified bundle. Only then, since
  // reading the source maps costs start-up time; Node's own loader then loads the bundle (maps, no cache).
  const debug = args.includes("--debug") || (process.env.GW_DEBUG && process.env.GW_DEBUG !== "0");
  if (debug) process.setSourceMapsEnabled(true);
  const online = !offline(args);
  const cache = debug || process.env.GW_NO_CACHE === "1" ? undefined : codeCache(online, entry);
  if (online) prepareNetwork();
  const { main } = cache ? cache.load(entry) : require(entry);
  main(args).then((code) => {
    process.exitCode = code;
    cache?.save();
    // Exit as soon as stdout and stderr are flushed: undici keeps the event loop busy for ~100 ms after the
    // last request, which would otherwise add that to every command (measured with bench/).
    let pending = 2;
    const flushed = () => {
      if (--pending > 0) return;
      if (!writeError) process.exit(code);
      process.stderr.write(`error: cannot write the output (${writeError.code ?? writeError.message}); it is incomplete\n`, () => process.exit(6));
    };
    process.stdout.write("", (err) => {
      if (err && err.code !== "EPIPE") writeError ??= err;
      flushed();
    });
    if (stderrBuilt) process.stderr.write("", flushed);
    else flushed();
  });
}

/** gw's version from package.json: read and parsed directly, ~1.5 ms sooner than require() resolves it. */
function gwVersion() {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")).version;
}

/**
 * Whether this run only prints help, a completion script or profile names for completion (read from the config
 * file: src/completion/complete.ts), and so never reaches a control plane.
 */
function offline(args) {
  if (args.length === 0 || args[0] === "help" || args[0] === "completion") return true;
  if (args[0] === "__complete") return args[1] === "profiles";
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/**
 * undici parses HTTP with llhttp compiled to WebAssembly. V8 then optimises it on background threads and
 * waits for them when the process exits: ~150-250 ms on every networked command (bench/). The baseline
 * compiler alone is ample for control-plane payloads, and gw runs no other WebAssembly: --liftoff-only.
 * A V8 flag set at run time changes the key of every code cache, though. Node's cache for its own modules
 * then no longer matches, so each built-in loaded afterwards compiles from source (~8% of `gw --help`'s
 * instructions, measured with callgrind): the ones a networked command needs are loaded first. And gw's own
 * cache must be written and read under the same flags: the flag is set before any of gw is compiled, for
 * every run that may reach the network, and such runs keep their cache in a directory of their own.
 */
function prepareNetwork() {
  // What undici and gw's HTTP client load. One missing here still works; it is only compiled from source.
  for (const id of ["node:stream", "node:net", "node:http", "node:assert", "node:diagnostics_channel", "node:timers/promises", "node:module"]) require(id);
  require("node:v8").setFlagsFromString("--liftoff-only");
}

/**
 * A loader for the bundle's CommonJS files that compiles each pack or file with V8's code cache: one cache
 * file per pack or bundle file in <user cache dir>/gw/v8-<gw version>-<node version>-<arch>[-liftoff]/,
 * named after it, its size and mtime.
 * A file V8 rejects (another V8, flags, corrupt) is compiled normally and rewritten after the run; a cache
 * directory that is not this user's own (0700) is not used. Writes are atomic (temporary file, rename).
 * Any failure of the cache is silent: gw then runs as without it (and GW_NO_CACHE=1 turns it off).
 */
function codeCache(online, entry) {
  const vm = require("node:vm");
  const dir = cacheDir(online);
  const usable = dir !== undefined && ownPrivateDir(dir, false);
  const modules = new Map();
  const stale = [];

  function cacheFile(file) {
    const st = fs.statSync(file);
    return path.join(dir, `${path.basename(file, ".js")}-${st.size.toString(36)}-${Math.trunc(st.mtimeMs).toString(36)}.v8`);
  }

  /** Compiles `source` as `file` with its cached data and returns what running it gives. */
  function compile(file, source, lineOffset) {
    let cached;
    let target;
    if (dir !== undefined) {
      try {
        target = cacheFile(file);
        if (usable) cached = fs.readFileSync(target);
      } catch {}
    }
    const script = new vm.Script(source, { filename: file, lineOffset, ...(cached ? { cachedData: cached } : {}) });
    if (target && (!cached || script.cachedDataRejected)) stale.push([target, script]);
    return script.runInThisContext();
  }

  // Packs (scripts/bundle.mjs): the entry, or a chunk gw imports on demand, with the chunks it loads, as
  // one script of functions by path, read and compiled at once. A file in none is loaded on its own.
  const packs = new Map();
  function packOf(file) {
    const packFile = file.replace(/\.js$/, ".pack.js");
    if (!packs.has(packFile)) {
      let source;
      try {
        source = fs.readFileSync(packFile, "utf8");
      } catch {}
      packs.set(packFile, source === undefined ? null : compile(packFile, source, 0));
    }
    return packs.get(packFile);
  }
  const root = path.dirname(entry) + path.sep;
  function packed(file) {
    if (!file.startsWith(root)) return undefined;
    const key = file.slice(root.length).split(path.sep).join("/");
    for (const pack of packs.values()) if (pack && Object.hasOwn(pack, key)) return pack[key];
    const own = packOf(file);
    return own && Object.hasOwn(own, key) ? own[key] : undefined;
  }

  function load(file) {
    const known = modules.get(file);
    if (known) return known.exports;
    const module = { exports: {}, filename: file, loaded: false };
    modules.set(file, module);
    // The wrapper on a line of its own (lineOffset -1), so stack positions are the file's own.
    const fn = packed(file) ?? compile(file, `(function (exports, require, module, __filename, __dirname) {\n${fs.readFileSync(file, "utf8")}\n})`, -1);
    const here = path.dirname(file);
    let outside;
    const requireHere = (id) => (id.startsWith("./") || id.startsWith("../") ? load(besideHere(here, id)) : (outside ??= require("node:module").createRequire(file))(id));
    requireHere.resolve = (id) => (outside ??= require("node:module").createRequire(file)).resolve(id);
    fn(module.exports, requireHere, module, file, here);
    module.loaded = true;
    return module.exports;
  }

  /** The bundle's own requires are "./x.js" or "./chunks/x.js": joined without path.join's normalising. */
  function besideHere(here, id) {
    if (id.startsWith("../") || id.includes("/.")) return path.join(here, id);
    return here + path.sep + (path.sep === "/" ? id.slice(2) : id.slice(2).split("/").join(path.sep));
  }

  /** After the run, so the cache also holds the functions this run compiled lazily. */
  function save() {
    if (stale.length === 0 || !ownPrivateDir(dir, true)) return;
    // A rebuilt file (same name, another size or mtime) replaces its old cache rather than adding to it.
    let existing = [];
    try {
      existing = fs.readdirSync(dir);
    } catch {}
    for (const [target, script] of stale) {
      const name = path.basename(target).replace(/-[0-9a-z]+-[0-9a-z]+\.v8$/, "-");
      for (const old of existing) {
        if (old.startsWith(name) && /^[0-9a-z]+-[0-9a-z]+\.v8$/.test(old.slice(name.length)) && old !== path.basename(target)) {
          try {
            fs.rmSync(path.join(dir, old), { force: true });
          } catch {}
        }
      }
      const tmp = `${target}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, target);
      } catch {
        try {
          fs.rmSync(tmp, { force: true });
        } catch {}
      }
    }
  }

  return { load, save };
}

/**
 * <cache home>/gw/v8-<gw>-<node>-<arch>, with "-liftoff" for runs under that flag (prepareNetwork):
 * XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%.
 */
function cacheDir(online) {
  const home = require("node:os").homedir();
  const base =
    process.env.XDG_CACHE_HOME && path.isAbsolute(process.env.XDG_CACHE_HOME)
      ? process.env.XDG_CACHE_HOME
      : process.platform === "darwin"
        ? path.join(home, "Library", "Caches")
        : process.platform === "win32"
          ? process.env.LOCALAPPDATA
          : path.join(home, ".cache");
  if (!base) return undefined;
  let version;
  try {
    version = gwVersion();
  } catch {
    return undefined;
  }
  return path.join(base, "gw", `v8-${version}-${process.version}-${process.arch}${online ? "-liftoff" : ""}`);
}

/** Whether `dir` (created 0700 when `create`) is a directory of this user's that no one else can write. */
function ownPrivateDir(dir, create) {
  try {
    if (create) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    if (!st.isDirectory()) return false;
    if (process.platform === "win32") return true;
    const gwDir = path.dirname(dir);
    const parent = fs.statSync(gwDir);
    const mine = (s) => s.uid === process.getuid() && (s.mode & 0o077) === 0;
    return mine(st) && mine(parent);
  } catch {
    return false;
  }
}
