#!/usr/bin/env node
// Bulk apply (issue 6): `gw apply` of N binding changes against a LangWatch sandbox with --latency 50,
// reported against the ideal N x 50 ms / concurrency; then the same under --rate-limit, where the ideal is
// N / limit seconds and no item may fail. Usage: node bench/bulk.mjs [--count 1000] [--concurrency 8] [--rate 100]
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { envFor, GW, measure, startSandbox } from "./lib/harness.mjs";

const arg = (name, fallback) => Number(process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const count = arg("--count", 1000);
const concurrency = arg("--concurrency", 8);
const rate = arg("--rate", 100);
const latency = 50;

/** Export the seeded project, change every binding's rpm, write the document. */
function editedDocument(env) {
  const exported = JSON.parse(String(measure([GW, "export", "-o", "json"], env, { stdout: "pipe" }).stdout));
  for (const b of exported.bindings) b.rpm = (b.rpm ?? 0) + 1;
  delete exported.virtualKeys;
  const file = join(tmpdir(), `gw-bulk-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(exported));
  return { file, changes: exported.bindings.length };
}

async function run(label, sandboxArgs, ideal) {
  const sandbox = await startSandbox(["--seed", String(count), ...sandboxArgs]);
  try {
    const env = envFor("langwatch", sandbox.url);
    const { file, changes } = editedDocument(env);
    const r = measure([GW, "apply", "-f", file, "--yes", "--concurrency", String(concurrency), "--retries", "10"], env, { stdout: "pipe" });
    const seconds = r.ms / 1000;
    console.log(`${label}: ${changes} changes in ${seconds.toFixed(1)} s; ideal ${ideal(changes).toFixed(1)} s -> ${(seconds / ideal(changes)).toFixed(2)}x the ideal; peak RSS ${r.rssKiB ? `${(r.rssKiB / 1024).toFixed(0)} MiB` : "n/a"}`);
    // A second apply of the same document must find nothing to do.
    const again = measure([GW, "diff", "-f", file, "--exit-code"], env, { stdout: "pipe" });
    if (!/No changes/.test(String(again.stdout))) throw new Error("the second diff was not empty");
  } finally {
    sandbox.stop();
  }
}

await run(`latency ${latency} ms, concurrency ${concurrency}`, ["--latency", String(latency)], (n) => (n * latency) / 1000 / concurrency);
await run(`rate limit ${rate}/s, concurrency ${concurrency}`, ["--rate-limit", String(rate)], (n) => n / rate);
