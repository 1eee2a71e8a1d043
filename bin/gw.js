#!/usr/bin/env node
import { main } from "../dist/main.js";

// A closed pipe (`gw providers list | head -1`) is not an error worth a stack trace.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Exit as soon as stdout and stderr are flushed: undici keeps the event loop busy for ~100 ms after the
// last request, which would otherwise add that to every command (measured with bench/run.mjs).
let pending = 2;
const flushed = () => --pending === 0 && process.exit(code);
process.stdout.write("", flushed);
process.stderr.write("", flushed);
