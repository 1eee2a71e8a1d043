// Shared bench helpers: run gw, start a sandbox, measure wall time and peak RSS, take medians.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const GW = fileURLToPath(new URL("../../bin/gw.js", import.meta.url));
export const KEY = "sk-bench-key-0123456789abcdef";

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** GNU time reports peak RSS; without it, only wall time is measured. */
const hasTime = spawnSync("/usr/bin/time", ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;

/** Wall time (ms) and peak RSS (KiB, from GNU time when present) of one process; throws on a failure. */
export function measure(args, env, { stdout = "ignore" } = {}) {
  const start = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync("/usr/bin/time", ["-f", "GWRSS %M", process.execPath, ...args], { env, stdio: ["ignore", stdout, "pipe"], maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, args, { env, stdio: ["ignore", stdout, "pipe"], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = String(r.stderr ?? "");
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${stderr.slice(-500)}`);
  const rss = /GWRSS (\d+)/.exec(stderr)?.[1];
  return { ms, rssKiB: rss ? Number(rss) : null, stdout: r.stdout };
}

export function timeMedian(args, env, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(measure(args, env).ms);
  return median(times);
}

/** `gw sandbox` on an ephemeral port; resolves once it listens. */
export async function startSandbox(args) {
  const child = spawn(process.execPath, [GW, "sandbox", "--port", "0", "--api-key", KEY, ...args], { stdio: ["ignore", "pipe", "ignore"] });
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

export function envFor(backend, url, extra = {}) {
  return {
    ...process.env,
    GW_CONFIG_DIR: mkdtempSync(join(tmpdir(), "gw-bench-")),
    GW_BACKEND: backend,
    GW_BASE_URL: url,
    GW_API_KEY: KEY,
    ...(backend === "bifrost" ? { GW_AUTH: "bearer" } : {}),
    ...extra,
  };
}

export const mib = (kib) => (kib === null ? "n/a" : `${(kib / 1024).toFixed(0)} MiB`);
