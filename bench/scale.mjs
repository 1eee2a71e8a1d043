#!/usr/bin/env node
// Scale (issue 6): `gw providers list` with 10,000 bindings, as JSON and as a (piped) table, against each
// backend's sandbox paging as the real API pages. Reports wall time and peak RSS, next to the same command
// with 100 bindings, so the growth is visible: flat memory means the 10k figure stays near the 100 one.
// Usage: node bench/scale.mjs [--count 10000] [--backends langwatch,ngrok,bifrost]
import { envFor, measure, mib, startSandbox } from "./lib/harness.mjs";

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const count = Number(arg("--count", "10000"));
const backends = arg("--backends", "langwatch,ngrok,bifrost").split(",");
const GW = new URL("../bin/gw.js", import.meta.url).pathname;

for (const backend of backends) {
  for (const n of [100, count]) {
    const sandbox = await startSandbox(["--backend", backend, "--seed", String(n)]);
    const env = envFor(backend, sandbox.url);
    try {
      measure([GW, "providers", "list", "-o", "json"], env); // warm the sandbox (its first answer builds caches)
      const json = measure([GW, "providers", "list", "-o", "json"], env);
      const table = measure([GW, "providers", "list"], env);
      console.log(
        `${backend.padEnd(9)} ${String(n).padStart(6)} bindings: -o json ${json.ms.toFixed(0).padStart(5)} ms, peak ${mib(json.rssKiB).padStart(7)}` +
          ` | table ${table.ms.toFixed(0).padStart(5)} ms, peak ${mib(table.rssKiB).padStart(7)}`,
      );
    } finally {
      sandbox.stop();
    }
  }
}
