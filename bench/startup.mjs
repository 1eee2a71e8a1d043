#!/usr/bin/env node
// Start-up benchmark (issue 15): wall time of gw commands as ratios against `node -e 0`. Each command is timed
// in interleaved pairs with the baseline (node -e 0, gw ..., node -e 0, gw ..., ...), so load on the machine
// hits both sides alike; the ratio is median(gw) / median(node -e 0) of that command's pairs. Medians are
// printed with their min-max. One untimed run of each command first writes gw's code cache, as a user's
// second run would find it. Usage: node bench/startup.mjs [--runs 20]
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
  console.log(`median of ${runs} interleaved pairs each, min-max in brackets; ratio = median(gw) / median(node -e 0)`);
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
    const ratio = median(cmd) / median(base);
    const verdict = ratio <= goal ? `ok (goal <= ${goal}x)` : `OVER (goal <= ${goal}x)`;
    if (ratio > goal) over = true;
    console.log(`${name}: ${fmt(cmd)} vs node -e 0 ${fmt(base)} = ${ratio.toFixed(2)}x node  ${verdict}`);
  }
  console.log(`node -e 0 over the whole run: ${fmt(baselines)}`);
} finally {
  sandbox.stop();
}
process.exitCode = over ? 1 : 0;
