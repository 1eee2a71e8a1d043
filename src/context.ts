import type { Backend } from "./backends/backend.js";
import type { HttpClient } from "./http/client.js";
import { KeychainError, UsageError } from "./errors.js";
import type { Prompter } from "./io/prompter.js";
import type { IOStreams } from "./io/streams.js";
import { redactSecrets, stripControl } from "./redact.js";
import { configDir } from "./profiles/paths.js";
import type { ResolvedProfile } from "./profiles/types.js";

export type Env = Record<string, string | undefined>;

/** Flags that apply to every command (program.ts). */
export interface GlobalOptions {
  profile?: string;
  debug: boolean;
  timeoutSeconds: number;
  retries: number;
  /** Extra CAs to trust (PEM), from --ca-file or GW_CA_FILE. */
  caFile?: string;
}

/**
 * What a command may use. Getters build on first use and import their code lazily, so `gw --help`
 * loads no HTTP, prompt, table or YAML code (gh's Factory).
 */
export interface Context {
  io: IOStreams;
  env: Env;
  version: string;
  globals: GlobalOptions;
  configDir(): string;
  /** The profile after --profile / env overrides. */
  profile(): Promise<ResolvedProfile>;
  /** The selected profile's backend; with dryRun, writes are printed instead of sent. */
  backend(opts?: { dryRun?: boolean }): Promise<Backend>;
  /** The profile's authenticated HTTP client (for `gw api`); adapters get theirs through backend(). */
  http(opts?: { dryRun?: boolean }): Promise<HttpClient>;
  prompter(): Promise<Prompter>;
  /** Resolves on SIGINT/SIGTERM: long-running commands (gw sandbox) stop cleanly. */
  waitForStop(): Promise<string>;
  /** A line on stderr: progress, confirmations, warnings. Never data. Known secrets are masked. */
  note(message: string): void;
  warn(message: string): void;
  /**
   * Every form of the profile's key gw knows once the HTTP client exists (filled by loadHttp): main()
   * masks them in error messages, note/warn in what they print, whatever text an adapter quoted.
   */
  readonly secrets: string[];
}

export const DEFAULT_GLOBALS: GlobalOptions = { debug: false, timeoutSeconds: 30, retries: 3 };

export function createContext(io: IOStreams, env: Env, version: string): Context {
  let profile: Promise<ResolvedProfile> | undefined;
  const backends = new Map<boolean, Promise<Backend>>();
  const clients = new Map<boolean, Promise<HttpClient>>();

  const ctx: Context = {
    io,
    env,
    version,
    globals: { ...DEFAULT_GLOBALS, ...(env.GW_DEBUG && env.GW_DEBUG !== "0" ? { debug: true } : {}) },
    configDir: () => configDir(env),
    profile: () => (profile ??= loadProfile(ctx)),
    backend(opts) {
      const dryRun = Boolean(opts?.dryRun);
      if (!backends.has(dryRun)) backends.set(dryRun, loadBackend(ctx, dryRun));
      return backends.get(dryRun)!;
    },
    http(opts) {
      const dryRun = Boolean(opts?.dryRun);
      if (!clients.has(dryRun)) clients.set(dryRun, loadHttp(ctx, dryRun));
      return clients.get(dryRun)!;
    },
    async prompter() {
      if (!io.canPrompt()) throw new UsageError("cannot prompt: not running in a terminal");
      const { createInquirerPrompter } = await import("./io/prompter.js");
      return createInquirerPrompter(io);
    },
    waitForStop: () =>
      new Promise((resolve) => {
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
      }),
    // Notes name what the server or a document sent (names, ids): without their control characters.
    note: (message) => io.stderr.write(`${redactSecrets(stripControl(message), ctx.secrets)}\n`),
    warn: (message) => io.stderr.write(`warning: ${redactSecrets(stripControl(message), ctx.secrets)}\n`),
    secrets: [],
  };
  return ctx;
}

async function loadProfile(ctx: Context): Promise<ResolvedProfile> {
  const [{ loadConfig }, { resolveProfile }] = await Promise.all([import("./profiles/load.js"), import("./profiles/resolve.js")]);
  const profile = resolveProfile(ctx.globals.profile, ctx.env, loadConfig(ctx.env, ctx.warn));
  if (profile.keySource !== "keychain" || profile.apiKey) return profile;
  const { withKeychainKey } = await import("./profiles/key-store.js");
  return withKeychainKey(ctx.env, profile);
}

async function loadBackend(ctx: Context, dryRun: boolean): Promise<Backend> {
  const profile = await ctx.profile();
  const { backendInfo } = await import("./backends/registry.js");
  const info = backendInfo(profile.backend);
  const [connect, http] = await Promise.all([info.connect(), ctx.http({ dryRun })]);
  return { ...connect(http), info };
}

/**
 * Every form the key takes on the wire, so traces and errors can mask each: the key, the auth header
 * values with and without their scheme (Basic carries base64), and a Basic password on its own.
 */
function secretsOf(apiKey: string | undefined, headers: Record<string, string>): string[] {
  if (!apiKey) return [];
  const values = Object.values(headers);
  const password = apiKey.includes(":") ? apiKey.slice(apiKey.indexOf(":") + 1) : "";
  return [apiKey, password, ...values, ...values.map((v) => v.replace(/^(Basic|Bearer)\s+/i, ""))].filter((s) => s.length >= 4);
}

/** The profile's authenticated client; with dryRun, writes are printed (secrets masked) instead of sent. */
async function loadHttp(ctx: Context, dryRun: boolean): Promise<HttpClient> {
  const profile = await ctx.profile();
  const [{ backendInfo }, { createHttpClient }] = await Promise.all([
    import("./backends/registry.js"),
    import("./http/client.js"),
  ]);
  const adapter = backendInfo(profile.backend);
  if (profile.keyError) throw new KeychainError(profile.keyError, profile.keyError);
  const needsKey = adapter.requiresKey ? profile.auth !== "none" : profile.auth === "basic" || profile.auth === "bearer";
  if (needsKey && !profile.apiKey) {
    const where = profile.name ? `profile "${profile.name}" has no API key` : "GW_API_KEY is not set";
    const why = adapter.requiresKey ? `the ${profile.backend} control plane needs one` : `its auth is ${profile.auth}`;
    throw new UsageError(`${where}; ${why}`);
  }
  const { globals, io } = ctx;
  const headers = adapter.authHeaders(profile.apiKey, profile.auth);
  const secrets = secretsOf(profile.apiKey, headers);
  ctx.secrets.push(...secrets);
  const { tlsDispatcher } = await import("./http/tls.js");
  const http = createHttpClient({
    baseUrl: profile.baseUrl,
    headers,
    dispatcher: tlsDispatcher(globals.caFile),
    secrets,
    userAgent: `gw/${ctx.version}`,
    timeoutMs: globals.timeoutSeconds * 1000,
    retries: globals.retries,
    ...(globals.debug ? { trace: (line: string) => io.stderr.write(`${line}\n`) } : {}),
    onRetry: ({ attempt, maxAttempts, delayMs, reason }) =>
      ctx.note(`${reason}; retrying in ${(delayMs / 1000).toFixed(1)}s (attempt ${attempt}/${maxAttempts})`),
  });
  if (!dryRun) return http;
  const { dryRunClient } = await import("./http/dry-run.js");
  return dryRunClient(http, (text) => io.stdout.write(text), secrets);
}
