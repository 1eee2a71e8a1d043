#!/usr/bin/env node
// What each runtime dependency costs at start-up: the median wall time of a fresh `node` that imports only
// that package, minus the median of `node -e 0` in the same run. Usage: node bench/deps.mjs [--runs 15]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 15;
const root = fileURLToPath(new URL("..", import.meta.url));
const DEPS = ["commander", "chalk", "cli-table3", "yaml", "conf", "undici", "@inquirer/prompts", "ajv/dist/2020.js"];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const baseline = time(["-e", "0"]);
console.log(`node -e 0: ${baseline.toFixed(1)} ms (median of ${runs})`);
for (const dep of DEPS) {
  const ms = time(["--input-type=module", "-e", `await import(${JSON.stringify(dep)})`]);
  console.log(`${dep.padEnd(20)} +${(ms - baseline).toFixed(1).padStart(5)} ms  (${(ms / baseline).toFixed(2)}x node)`);
}
