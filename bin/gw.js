#!/usr/bin/env node
import { main } from "../dist/main.js";

// A closed pipe (`gw providers list | head -1`) is not an error worth a stack trace.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});
process.exitCode = await main(process.argv.slice(2));
