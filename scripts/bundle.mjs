#!/usr/bin/env node
// Bundle gw for fast start-up (issues 6, 15): one entry plus lazily loaded chunks in dist/bundle/, all
// CommonJS, and a second entry for shell completion's `gw __complete` (complete.js), which needs none of the
// command tree. esbuild splits code only as ESM, so each chunk is converted to CommonJS afterwards (and its
// source map composed with the original one): a CommonJS program skips Node's ESM loader, and bin/gw.js can
// compile each chunk with a V8 code cache (vm.Script cachedData). Code reached through `await import()`
// (HTTP, prompts, tables, YAML, the sandbox, each noun's verbs) stays in its own chunks, so `gw --help` never
// parses it. Usage: node scripts/bundle.mjs (run by `npm run build`).
import { constants as http2Constants } from "node:http2";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, transform } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
const outdir = `${root}dist/bundle`;

// dist/ holds only the bundle (the sources are type-checked by tsc --noEmit, tests run them directly).
rmSync(`${root}dist`, { recursive: true, force: true });

/**
 * Node built-ins a dependency requires at load time but gw rarely needs, each replaced (for that dependency
 * only) by a stand-in that loads the real module on first use:
 * - commander's node:child_process, for executable subcommands gw never uses (~10 ms);
 * - undici's node:http2, for HTTP/2, which gw never negotiates; undici reads http2.constants at load, so
 *   the stand-in carries them (copied from this Node at build time; they are protocol constants).
 */
const LAZY = [
  { module: "child_process", importer: "/node_modules/commander/", eager: {} },
  { module: "http2", importer: "/node_modules/undici/", eager: { constants: http2Constants } },
];
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: /^(node:)?(child_process|http2)$/ }, (args) => {
      const name = args.path.replace(/^node:/, "");
      const lazy = LAZY.find((l) => l.module === name && args.importer.includes(l.importer));
      return lazy ? { path: name, namespace: "gw-lazy" } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "gw-lazy" }, (args) => {
      const { module, eager } = LAZY.find((l) => l.module === args.path);
      return {
        contents:
          `let real; const eager = ${JSON.stringify(eager)};\n` +
          `module.exports = new Proxy(eager, { get: (t, name) => name in t ? t[name] : (real ??= require('node:${module}'))[name] });`,
        loader: "js",
      };
    });
  },
};

/**
 * undici's HTTP parser, llhttp, is WebAssembly kept as base64 text in two modules (with SIMD and without), which
 * would sit in undici's chunk: ~145 KB that every networked command reads, and the used one also in its code
 * cache. Each is written beside the chunks as a .wasm file instead, read only when undici compiles it.
 */
const LLHTTP = /[\\/]undici[\\/]lib[\\/]llhttp[\\/](llhttp(?:_simd)?)-wasm\.js$/;
const wasmFiles = new Map();
const llhttpFiles = {
  name: "llhttp-files",
  setup(b) {
    b.onLoad({ filter: LLHTTP }, (args) => {
      const file = `${LLHTTP.exec(args.path)[1]}.wasm`;
      wasmFiles.set(file, createRequire(import.meta.url)(args.path));
      return {
        contents:
          `let wasm;\n` +
          `Object.defineProperty(module, "exports", { get: () => (wasm ??= require("node:fs").readFileSync(require("node:path").join(__dirname, ${JSON.stringify(file)}))) });`,
        loader: "js",
      };
    });
  },
};

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const result = await build({
  absWorkingDir: root,
  entryPoints: { gw: "src/main.ts", complete: "src/completion/entry.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  // GwError subclasses and inquirer's ExitPromptError are told apart by name: keep class names.
  keepNames: true,
  sourcemap: "external",
  write: false,
  metafile: true,
  chunkNames: "chunks/[name]-[hash]",
  define: { __GW_VERSION__: JSON.stringify(version) },
  plugins: [lazyBuiltins, llhttpFiles],
  // A native addon (a .node binary per platform, in optional packages) cannot be bundled: it is loaded from
  // node_modules, and only when a key goes to or comes from the OS keychain (src/profiles/keychain.ts).
  external: ["@napi-rs/keyring"],
  logLevel: "warning",
});

const maps = new Map(result.outputFiles.filter((f) => f.path.endsWith(".map")).map((f) => [f.path, JSON.parse(f.text)]));
/** Each .js file's CommonJS code, by its path relative to the bundle directory, for the packs below. */
const commonjs = new Map();
for (const file of result.outputFiles.filter((f) => f.path.endsWith(".js"))) {
  const name = basename(file.path);
  // import() becomes require() (dynamic-import unsupported); import.meta.url the file's own URL.
  const usesMeta = file.text.includes("import.meta");
  const cjs = await transform(file.text, {
    format: "cjs",
    platform: "node",
    target: "node20",
    supported: { "dynamic-import": false },
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: "external",
    sourcefile: name,
    ...(usesMeta ? { define: { "import.meta.url": "__gwUrl" }, banner: "var __gwUrl=require('node:url').pathToFileURL(__filename).href;" } : {}),
    logLevel: "warning",
  });
  const code = cjs.code.replace(/\/\/# sourceMappingURL=.*\n?$/m, "");
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, `${code}//# sourceMappingURL=${name}.map\n`);
  commonjs.set(relative(outdir, file.path).split("\\").join("/"), code);
  writeFileSync(`${file.path}.map`, JSON.stringify(compose(JSON.parse(cjs.map), maps.get(`${file.path}.map`))));
}
// The llhttp modules find their .wasm file through __dirname: they must have landed in chunks/.
for (const file of result.outputFiles) {
  if (file.path.endsWith(".js") && file.text.includes("llhttp") && file.text.includes(".wasm") && basename(dirname(file.path)) !== "chunks") {
    throw new Error(`llhttp landed in ${file.path}, outside ${outdir}/chunks`);
  }
}
for (const [name, wasm] of wasmFiles) writeFileSync(`${outdir}/chunks/${name}`, wasm);
writePacks();
// The bundle's .js files are CommonJS although gw's package.json says "type": "module".
writeFileSync(`${outdir}/package.json`, `${JSON.stringify({ type: "commonjs" })}\n`);

/**
 * A pack per entry: the entry and every chunk it imports statically, which each run of that entry loads, in
 * one file <entry>.pack.js that bin/gw.js compiles at once with one code cache: `({"chunks/x.js": function
 * (exports, require, module, __filename, __dirname) {...}, ...})`. One read and one compilation instead of
 * ~13 (~3 ms of `gw --help`, bench/README.md). The files stay: `--debug` and GW_NO_CACHE=1 load them through
 * Node's loader, with source maps.
 */
function writePacks() {
  const meta = result.metafile.outputs;
  const rel = (p) => relative(outdir, join(root, p)).split("\\").join("/");
  const closureOf = (out) => {
    const closure = [];
    const visit = (p) => {
      if (closure.includes(p)) return;
      closure.push(p);
      for (const imp of meta[p]?.imports ?? []) if (imp.kind === "import-statement" && !imp.external) visit(imp.path);
    };
    visit(out);
    return closure;
  };
  const entries = Object.keys(meta).filter((out) => meta[out].entryPoint && out.endsWith(".js"));
  // What `gw` always loads first, so the packs of the chunks it imports dynamically leave it out.
  const always = new Set(closureOf(entries.find((out) => basename(out) === "gw.js")));
  for (const out of entries) {
    const top = basename(dirname(out)) !== "chunks";
    const members = closureOf(out)
      .filter((p) => top || p === out || !always.has(p))
      .map((p) => {
        const code = commonjs.get(rel(p));
        if (code === undefined) throw new Error(`pack of ${out}: no CommonJS code for ${p}`);
        return `${JSON.stringify(rel(p))}: function (exports, require, module, __filename, __dirname) {\n${code}\n}`;
      });
    // A chunk imported dynamically with nothing to add to it needs no pack.
    if (!top && members.length === 1) continue;
    writeFileSync(join(root, out.replace(/\.js$/, ".pack.js")), `({\n${members.join(",\n")}\n})\n`);
  }
}

/** The map of CommonJS -> original sources, from CommonJS -> ESM chunk (outer) and ESM chunk -> sources (inner). */
function compose(outer, inner) {
  const innerLines = decodeMappings(inner.mappings);
  const lines = decodeMappings(outer.mappings).map((line) => {
    const out = [];
    for (const [col, , srcLine, srcCol] of line.filter((s) => s.length >= 4)) {
      const row = innerLines[srcLine] ?? [];
      let lo = 0;
      let hi = row.length - 1;
      let hit = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (row[mid][0] <= srcCol) [hit, lo] = [mid, mid + 1];
        else hi = mid - 1;
      }
      if (hit >= 0 && row[hit].length >= 4) out.push([col, ...row[hit].slice(1)]);
    }
    return out;
  });
  return { version: 3, sources: inner.sources, sourcesContent: inner.sourcesContent, names: inner.names, mappings: encodeMappings(lines) };
}

/** Source map "mappings" -> lines of segments with absolute values [col, source, line, col, name?]. */
function decodeMappings(mappings) {
  const state = [0, 0, 0, 0, 0];
  return mappings.split(";").map((line) => {
    state[0] = 0;
    return line
      .split(",")
      .filter(Boolean)
      .map((seg) => {
        const values = [];
        let value = 0;
        let shift = 0;
        for (const ch of seg) {
          const digit = B64.indexOf(ch);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            [value, shift] = [0, 0];
          }
        }
        return values.map((v, i) => (state[i] += v));
      });
  });
}

function encodeMappings(lines) {
  const state = [0, 0, 0, 0, 0];
  const vlq = (n) => {
    let v = n < 0 ? (-n << 1) | 1 : n << 1;
    let s = "";
    do {
      let digit = v & 31;
      v >>>= 5;
      if (v > 0) digit |= 32;
      s += B64[digit];
    } while (v > 0);
    return s;
  };
  return lines
    .map((line) => {
      state[0] = 0;
      return line
        .map((seg) =>
          seg
            .map((v, i) => {
              const delta = v - state[i];
              state[i] = v;
              return vlq(delta);
            })
            .join(""),
        )
        .join(",");
    })
    .join(";");
}
