import { Command, Option } from "commander";
import { BACKEND_NAMES, backendInfo, DEFAULT_BACKEND, type BackendName } from "../backends/registry.js";
import type { Context } from "../context.js";
import { nonEmpty, nonNegativeInt, positiveInt } from "../domain/validate.js";
import { UsageError } from "../errors.js";


export interface SandboxCommandOptions {
  backend: BackendName;
  host: string;
  port: number;
  apiKey?: string;
  seed: "demo" | "empty" | number;
  stateFile?: string;
  langwatchEra: "a" | "b";
  bifrostVersion: "1.4" | "1.5" | "2";
  bifrostAuth: "none" | "basic" | "bearer";
  transitionMs: number;
  latencyMs: number;
  failRate: number;
  rateLimit?: number;
}

interface SandboxFlags {
  backend: BackendName;
  host: string;
  port: string;
  apiKey?: string;
  seed: string;
  state?: string;
  langwatchEra: "a" | "b";
  bifrostVersion: "1.4" | "1.5" | "2";
  bifrostAuth: "none" | "basic" | "bearer";
  transitionMs: string;
  latency: string;
  failRate: string;
  rateLimit?: string;
}

export function sandboxCommand(ctx: Context, run = runSandbox): Command {
  return new Command("sandbox")
    .description("run a local emulator of a control plane, to try gw or rehearse CI scripts against")
    .addOption(new Option("--backend <backend>", "control plane to emulate").choices(BACKEND_NAMES as string[]).default(DEFAULT_BACKEND))
    .option("--port <n>", "port to listen on (0 = any free port)", "4010")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--api-key <key>", "the key clients must send (default: generated and printed once)")
    .option("--seed <seed>", "initial data: demo, empty, or a number of bindings (providers, gateways)", "demo")
    .option("--state <file>", "load state from FILE if it exists, and save every change to it")
    .addOption(new Option("--langwatch-era <era>", "a: v3.2-v3.3 provider bindings; b: v3.4+ (answers 410)").choices(["a", "b"]).default("a"))
    .addOption(
      new Option("--bifrost-version <v>", "Bifrost generation: 1.4 (keys inside the provider), 1.5 (/keys endpoints) or 2 (v2.5: /api/routing/rules, key rotation)")
        .choices(["1.4", "1.5", "2"])
        .default("1.5"),
    )
    .addOption(
      new Option("--bifrost-auth <mode>", "Bifrost dashboard auth: none, basic (user admin, password = the API key) or bearer")
        .choices(["none", "basic", "bearer"])
        .default("bearer"),
    )
    .option("--transition-ms <ms>", "CoreWeave: how long each gateway status transition takes", "300")
    .option("--latency <ms>", "delay every response by MS milliseconds", "0")
    .option("--fail-rate <p>", "answer this fraction of requests (0..1) with 503", "0")
    .option("--rate-limit <n/s>", "allow N requests per second; answer the excess with 429 + Retry-After")
    .action((flags: SandboxFlags) => run(sandboxOptions(flags), ctx));
}

export function sandboxOptions(flags: SandboxFlags): SandboxCommandOptions {
  const port = nonNegativeInt("--port", flags.port);
  if (port > 65535) throw new UsageError(`invalid value for --port: ${port} (0..65535)`);
  const seed = /^\d+$/.test(flags.seed) ? Number(flags.seed) : flags.seed;
  if (typeof seed === "string" && seed !== "demo" && seed !== "empty") {
    throw new UsageError(`invalid value for --seed: "${flags.seed}" (demo, empty, or a number of bindings)`);
  }
  const failRate = Number(flags.failRate);
  if (!Number.isFinite(failRate) || failRate < 0 || failRate > 1) {
    throw new UsageError(`invalid value for --fail-rate: "${flags.failRate}" (a fraction from 0 to 1, e.g. 0.2)`);
  }
  const latencyMs = nonNegativeInt("--latency", flags.latency);
  const opts: SandboxCommandOptions = {
    backend: flags.backend,
    host: nonEmpty("--host", flags.host),
    port,
    seed,
    langwatchEra: flags.langwatchEra,
    bifrostVersion: flags.bifrostVersion,
    bifrostAuth: flags.bifrostAuth,
    transitionMs: nonNegativeInt("--transition-ms", flags.transitionMs),
    latencyMs,
    failRate,
  };
  if (flags.apiKey !== undefined) opts.apiKey = nonEmpty("--api-key", flags.apiKey);
  if (flags.state !== undefined) opts.stateFile = nonEmpty("--state", flags.state);
  if (flags.rateLimit !== undefined) opts.rateLimit = positiveInt("--rate-limit", flags.rateLimit.replace(/\/s$/, ""));
  return opts;
}

export async function runSandbox(opts: SandboxCommandOptions, ctx: Context): Promise<void> {
  const pointer = backendInfo(opts.backend).sandbox;
  const [{ startSandbox, StateFileError }, emulator] = await Promise.all([import("../sandbox/server.js"), pointer.load()]);
  let sandbox;
  try {
    sandbox = await startSandbox({
      backend: opts.backend,
      emulator,
      host: opts.host,
      port: opts.port,
      seed: opts.seed,
      langwatchEra: opts.langwatchEra,
      bifrostVersion: opts.bifrostVersion,
      bifrostAuth: opts.bifrostAuth,
      transitionMs: opts.transitionMs,
      latencyMs: opts.latencyMs,
      failRate: opts.failRate,
      ...(opts.apiKey !== undefined ? { apiKey: opts.apiKey } : {}),
      ...(opts.stateFile !== undefined ? { stateFile: opts.stateFile } : {}),
      ...(opts.rateLimit !== undefined ? { rateLimit: opts.rateLimit } : {}),
      log: (line) => ctx.io.stderr.write(`${line}\n`),
    });
  } catch (err) {
    if (err instanceof StateFileError) throw new UsageError(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`port ${opts.port} is in use; pick another with --port (0 = any free port)`);
    if (code === "EADDRNOTAVAIL") throw new UsageError(`cannot listen on ${opts.host}: no such local address`);
    throw err;
  }
  const out = ctx.io.stdout;
  out.write(`gw sandbox: ${opts.backend} control plane (${pointer.flavour(opts)}) listening on ${sandbox.url}\n`);
  out.write(
    sandbox.generatedKey
      ? `API key: ${sandbox.apiKey} (generated for this run; pass --api-key to choose one)\n`
      : "API key: the one given with --api-key\n",
  );
  out.write(`Point gw at it:\n  export ${pointer.env(opts, sandbox.url, sandbox.generatedKey ? sandbox.apiKey : "<your key>")}\n`);
  out.write("Requests are logged on stderr. Ctrl-C stops the sandbox.\n");
  await ctx.waitForStop();
  await sandbox.close();
}
