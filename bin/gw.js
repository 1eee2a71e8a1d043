#!/usr/bin/env node
// The `gw` executable: runs the bundle built by `npm run build` (scripts/bundle.mjs).
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  // Answered without loading gw at all: parsing the bundle would cost more than the answer.
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${version}\n`);
} else {
  // undici parses HTTP with llhttp compiled to WebAssembly. V8 then optimises it on background threads and
  // waits for them when the process exits: ~150 ms on every command (bench/run.mjs). The baseline compiler
  // alone is ample for control-plane payloads. gw runs no other WebAssembly.
  setFlagsFromString("--liftoff-only");
  // A closed pipe (`gw providers list | head -1`) is normal: quiet. Any other write error (a full disk) must
  // not end in exit 0 with half the output: it is reported once, below, as exit 6.
  let writeError;
  process.stdout.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    writeError ??= err;
  });
  // --debug prints stack traces: point them at src/*.ts rather than the minified bundle. Only then, since
  // reading the source maps costs start-up time.
  if (args.includes("--debug") || (process.env.GW_DEBUG && process.env.GW_DEBUG !== "0")) process.setSourceMapsEnabled(true);
  // `gw __complete ...` runs on every TAB of shell completion: its own small entry, not the command tree.
  const { main } = await import(args[0] === "__complete" ? "../dist/bundle/complete.js" : "../dist/bundle/gw.js");
  const code = await main(args);
  process.exitCode = code;
  // Exit as soon as stdout and stderr are flushed: undici keeps the event loop busy for ~100 ms after the
  // last request, which would otherwise add that to every command (measured with bench/run.mjs).
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
  process.stderr.write("", flushed);
}
