#!/usr/bin/env node
// `npm run demo`: start `gw sandbox`, point a throw-away profile at it, and walk through
// list -> update --rpm 600 -> get with the real gw binary, printing each command and its output.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const gwBin = fileURLToPath(new URL("../bin/gw.js", import.meta.url));
const configDir = mkdtempSync(join(tmpdir(), "gw-demo-"));
const apiKey = `sk-lw-demo${randomBytes(12).toString("hex")}`;
const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\u001b[1m${s}\u001b[22m` : s);

const sandbox = spawn(process.execPath, [gwBin, "sandbox", "--port", "0", "--api-key", apiKey, "--seed", "demo"], {
  stdio: ["ignore", "pipe", "ignore"],
});
const url = await new Promise((resolve, reject) => {
  let out = "";
  sandbox.stdout.on("data", (chunk) => {
    out += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
  sandbox.on("exit", (code) => reject(new Error(`gw sandbox exited with ${code}`)));
});

const env = { ...process.env, GW_CONFIG_DIR: configDir };
for (const key of ["GW_PROFILE", "GW_BACKEND", "GW_BASE_URL", "GW_API_KEY"]) delete env[key];

function gw(args, input) {
  console.log(bold(`\n$ gw ${args.join(" ")}`));
  const r = spawnSync(process.execPath, [gwBin, ...args], { env, input, stdio: [input ? "pipe" : "ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`gw ${args.join(" ")} exited with ${r.status}`);
}

function gwJson(args) {
  const r = spawnSync(process.execPath, [gwBin, ...args], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

let failed = false;
try {
  console.log(`gw sandbox (LangWatch control plane, demo project) is running at ${url}`);
  gw(["profile", "add", "demo", "--backend", "langwatch", "--base-url", url, "--api-key-stdin"], apiKey);
  gw(["providers", "list"]);
  const target = gwJson(["providers", "list", "-o", "json"]).find((b) => b.status === "active" && b.rpm === null);
  gw(["providers", "update", target.id, "--rpm", "600"]);
  gw(["providers", "get", target.id, "-o", "json"]);
  console.log(`\nDone. Try it yourself:  node bin/gw.js sandbox   (then follow what it prints)`);
} catch (err) {
  failed = true;
  console.error(`demo failed: ${err.message}`);
} finally {
  sandbox.kill("SIGTERM");
  rmSync(configDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
