#!/usr/bin/env node
// Bundle gw for fast start-up (issue 6): one ESM entry plus lazily loaded chunks in dist/bundle/, and a second
// entry for shell completion's `gw __complete` (complete.js), which needs none of the command tree.
// Start-up cost is dominated by module resolution and reading many small files; a bundle reads a few.
// Code reached through `await import()` (HTTP, prompts, tables, YAML, the sandbox) stays in its own chunks,
// so `gw --help` never parses it. Usage: node scripts/bundle.mjs (run by `npm run build`).
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
const outdir = `${root}dist/bundle`;

// dist/ holds only the bundle (the sources are type-checked by tsc --noEmit, tests run them directly).
rmSync(`${root}dist`, { recursive: true, force: true });

/**
 * commander requires node:child_process at load time, for executable subcommands gw never uses; loading it
 * costs ~10 ms on every start. Give commander a stand-in that loads the real module on first use.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes("/node_modules/commander/") ? { path: "child_process", namespace: "gw-lazy" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "gw-lazy" }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_t, name) => (real ??= require('node:child_process'))[name] });",
      loader: "js",
    }));
  },
};
await build({
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
  sourcemap: "linked",
  chunkNames: "chunks/[name]-[hash]",
  define: { __GW_VERSION__: JSON.stringify(version) },
  // CommonJS dependencies (commander, conf's ajv, ...) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __gwCreateRequire } from 'node:module'; const require = __gwCreateRequire(import.meta.url);" },
  plugins: [lazyChildProcess],
  // A native addon (a .node binary per platform, in optional packages) cannot be bundled: it is loaded from
  // node_modules, and only when a key goes to or comes from the OS keychain (src/profiles/keychain.ts).
  external: ["@napi-rs/keyring"],
  logLevel: "warning",
});
