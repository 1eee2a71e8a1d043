#!/usr/bin/env node
// Start-up benchmark: wall time of gw commands as ratios against `node -e 0` measured in the same run
// (median of N runs each), so figures compare across machines. Usage: node bench/startup.mjs [--runs 20]
import { envFor, GW, startSandbox, timeMedian } from "./lib/harness.mjs";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 20;
const sandbox = await startSandbox(["--seed", "20"]);
const env = envFor("langwatch", sandbox.url);
try {
  const baseline = timeMedian(["-e", "0"], env, runs);
  const rows = [
    ["gw --version", [GW, "--version"], 1.25],
    ["gw --help", [GW, "--help"], 1.25],
    ["gw providers list -o json (20 bindings)", [GW, "providers", "list", "-o", "json"], 1.5],
    ["gw providers list (table)", [GW, "providers", "list"], null],
  ];
  console.log(`node -e 0: ${baseline.toFixed(1)} ms (median of ${runs}; the baseline for every ratio below)`);
  for (const [name, args, goal] of rows) {
    const ms = timeMedian(args, env, runs);
    const ratio = ms / baseline;
    const verdict = goal === null ? "" : ratio <= goal ? `  ok (goal <= ${goal}x)` : `  OVER (goal <= ${goal}x)`;
    console.log(`${name}: ${ms.toFixed(1)} ms = ${ratio.toFixed(2)}x node${verdict}`);
  }
} finally {
  sandbox.stop();
}
