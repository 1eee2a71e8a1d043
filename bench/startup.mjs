#!/usr/bin/env node
// Start-up benchmark (issue 15): wall time of gw commands as ratios against `node -e 0`. Each command is timed
// in interleaved pairs with the baseline (node -e 0, gw ..., node -e 0, gw ..., ...), so load on the machine
// hits both sides alike; the ratio is the median of the pairs' ratios gw / node -e 0 (the ratio of the two
// medians is printed too). Medians are printed with their min-max. One untimed run of each command first
// writes gw's code cache, as a user's second run would find it. Usage: node bench/startup.mjs [--runs 20]
import { envFor, GW, measure, median, startSandbox } from "./lib/harness.mjs";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 20;
const sandbox = await startSandbox(["--seed", "20"]);
const env = envFor("langwatch", sandbox.url);
const fmt = (values) => `${median(values).toFixed(1)} ms (${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)})`;
let over = false;
try {
  const rows = [
    ["gw --version", [GW, "--version"], 1.25, "ignore"],
    ["gw --help", [GW, "--help"], 1.25, "ignore"],
    ["gw providers list -o json (20 bindings)", [GW, "providers", "list", "-o", "json"], 1.8, "ignore"],
    ["gw providers list (table, piped)", [GW, "providers", "list"], 1.85, "pipe"],
  ];
  console.log(`${runs} interleaved pairs each: medians, min-max in brackets, the ratio of the medians in parentheses; = the median of the pairs' ratios`);
  // Node reads NODE_EXTRA_CA_CERTS at start-up, in every process: it lengthens the baseline, and so lowers the
  // ratios, by the same few tens of milliseconds on both sides (bench/README.md).
  if (process.env.NODE_EXTRA_CA_CERTS) console.log(`NODE_EXTRA_CA_CERTS is set (${process.env.NODE_EXTRA_CA_CERTS}): both sides read it at start-up`);
  const baselines = [];
  for (const [name, args, goal, stdout] of rows) {
    measure(args, env, { stdout }); // warm: writes the code cache
    const base = [];
    const cmd = [];
    for (let i = 0; i < runs; i++) {
      base.push(measure(["-e", "0"], env).ms);
      cmd.push(measure(args, env, { stdout }).ms);
    }
    baselines.push(...base);
    // Each pair ran back to back, so a burst of load on the machine lengthens both of its runs alike: the
    // median of the pairs' ratios is steadier than the ratio of the two medians (both are printed).
    const ratio = median(cmd.map((ms, i) => ms / base[i]));
    const verdict = ratio <= goal ? `ok (goal <= ${goal}x)` : `OVER (goal <= ${goal}x)`;
    if (ratio > goal) over = true;
    console.log(`${name}: ${fmt(cmd)} vs node -e 0 ${fmt(base)} (${(median(cmd) / median(base)).toFixed(2)}x) = ${ratio.toFixed(2)}x node  ${verdict}`);
  }
  console.log(`node -e 0 over the whole run: ${fmt(baselines)}`);
} finally {
  sandbox.stop();
}
process.exitCode = over ? 1 : 0;
