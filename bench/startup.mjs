#!/usr/bin/env node
// Start-up benchmark: wall time of gw commands as ratios against `node -e 0` measured in the same run
// (median of N runs each), so figures compare across machines. Usage: node bench/startup.mjs [--runs 20]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 20;
const gw = fileURLToPath(new URL("../bin/gw.js", import.meta.url));
const configDir = mkdtempSync(join(tmpdir(), "gw-bench-"));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeCommand(args, env) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  return median(times);
}

async function startSandbox() {
  const child = spawn(process.execPath, [gw, "sandbox", "--port", "0", "--api-key", "sk-lw-bench-key-0123456789", "--seed", "20"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

const sandbox = await startSandbox();
const env = { ...process.env, GW_CONFIG_DIR: configDir, GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: "sk-lw-bench-key-0123456789" };
try {
  const baseline = timeCommand(["-e", "0"], env);
  const rows = [
    ["gw --version", [gw, "--version"], 1.25],
    ["gw --help", [gw, "--help"], 1.25],
    ["gw providers list -o json (20 bindings)", [gw, "providers", "list", "-o", "json"], 1.5],
    ["gw providers list (table)", [gw, "providers", "list"], null],
  ];
  console.log(`node -e 0: ${baseline.toFixed(1)} ms (median of ${runs}; the baseline for every ratio below)`);
  for (const [name, args, goal] of rows) {
    const ms = timeCommand(args, env);
    const ratio = ms / baseline;
    const verdict = goal === null ? "" : ratio <= goal ? `  ok (goal <= ${goal}x)` : `  OVER (goal <= ${goal}x)`;
    console.log(`${name}: ${ms.toFixed(1)} ms = ${ratio.toFixed(2)}x node${verdict}`);
  }
} finally {
  sandbox.stop();
}
