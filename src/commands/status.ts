import { Command } from "commander";
import { VERBS, type BackendInfo } from "../backends/backend.js";
import { availableBackends, backendInfo } from "../backends/registry.js";
import { createContext, type Context } from "../context.js";
import { AuthError, GwError, KeychainError, RateLimitedError, UsageError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { ApiError } from "../http/api-error.js";
import type { HttpClient } from "../http/client.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../output/format.js";
import { renderList, renderOne } from "../output/render.js";
import type { Column, DetailView } from "../output/view.js";
import { loadConfig } from "../profiles/load.js";
import { maskSecret, redactSecrets } from "../redact.js";

/**
 * `gw status` (gh auth status, the Bifrost CLI's doctor): for the current profile, or every stored one,
 * reach the control plane, check the key with one cheap authenticated read (the descriptor's `probe`),
 * and say what gw detected and what it can do there. Exit 3 when a key is refused or missing, 6 when the
 * control plane cannot be reached or does not answer as one of its backend, 7 when rate limited.
 */

/** One profile's check: the JSON record of `gw status -o json` (an array with --all). Fields are only ever added. */
export interface StatusRecord {
  /** null for the ad-hoc profile of GW_* variables. */
  profile: string | null;
  current: boolean;
  backend: string;
  baseUrl: string;
  /** The profile's auth mode where the backend has several (Bifrost: none, basic, bearer); null elsewhere. */
  auth: string | null;
  /** Masked, or null when the profile has none (or its keychain entry could not be read). */
  apiKey: string | null;
  /** Where the key is: "keychain" (the OS keychain), "file" (config.json), "env" (GW_API_KEY); null without a key. */
  keyStore: string | null;
  /** The control plane answered (whatever it said). */
  reachable: boolean;
  /** true: the key was taken (or none was needed); false: refused or missing; null: not known. */
  authenticated: boolean | null;
  /** The release or era gw detected ("Bifrost v1.5.3", "LangWatch era a (v3.2-v3.3)"); null when the control plane tells none. */
  server: string | null;
  notes: string[];
  /** What failed, one line; null when the check passed. */
  error: string | null;
  /** Another backend the server looks like, when the check failed: "this looks like a Bifrost v1.5.3 server (try --backend bifrost)". */
  hint: string | null;
  /** The commands gw supports on this backend (`gw backends` has their notes). */
  commands: string[];
  /** This profile's own exit code: 0, 2 (unusable profile), 3, 6 or 7. */
  exitCode: number;
}

export interface StatusOptions {
  all: boolean;
  output: OutputChoice;
}

export function statusCommand(ctx: Context, run = runStatus): Command {
  return addOutputOptions(
    new Command("status")
      .description("check a profile: reach the control plane, check the key, show the server's version and what gw can do there")
      .option("--all", "every stored profile (GW_* overrides are not applied); the exit code is the worst one"),
  ).action((flags: OutputFlags & { all?: boolean }) => run({ all: Boolean(flags.all), output: outputChoice(flags, ctx.env) }, ctx));
}

export async function runStatus(opts: StatusOptions, ctx: Context): Promise<void> {
  let records: StatusRecord[];
  if (opts.all) {
    const config = loadConfig(ctx.env, ctx.warn);
    const names = Object.keys(config.profiles);
    if (names.length === 0) throw new UsageError("no profiles stored; add one with `gw profile add <name> --backend <backend> --base-url <url>`");
    records = await Promise.all(names.map((name) => checkProfile(ctx, name, name === config.current)));
  } else {
    const profile = await ctx.profile();
    const current = profile.name !== null && profile.name === loadConfig(ctx.env, () => undefined).current;
    records = [await checkProfile(ctx, null, current)];
  }

  if (opts.all && opts.output.format !== "table") await renderList(ctx.io, opts.output, records, { columns: [], empty: "" });
  else {
    for (const [i, record] of records.entries()) {
      if (i > 0) ctx.io.stdout.write("\n");
      await renderOne(ctx.io, opts.output, record, statusView(record));
    }
  }

  const failed = records.filter((r) => r.exitCode !== ExitCode.Ok);
  if (failed.length === 0) return;
  const worst = Math.max(...failed.map((r) => r.exitCode)) as ExitCode;
  const what = (r: StatusRecord) => `${r.profile ?? "(GW_* environment)"}: ${r.error ?? "failed"}${r.hint ? `; ${r.hint}` : ""}`;
  throw new GwError(
    records.length === 1 ? `status: ${what(failed[0]!)}` : `status: ${failed.length} of ${records.length} profiles failed the check (${failed.map(what).join(" | ")})`,
    worst,
  );
}

/**
 * Check one profile: `name` null is the profile this command runs with (--profile, GW_* overrides, the
 * ad-hoc GW_* profile); a name is that stored profile as stored. Never throws for what the check finds.
 */
export async function checkProfile(ctx: Context, name: string | null, current: boolean): Promise<StatusRecord> {
  const pctx = name === null ? ctx : profileContext(ctx, name);
  const profile = await pctx.profile();
  const info = backendInfo(profile.backend);
  const base: StatusRecord = {
    profile: profile.name,
    current,
    backend: info.name,
    baseUrl: profile.baseUrl,
    auth: info.authModes.length > 1 ? (profile.auth ?? (profile.apiKey ? info.authModes[0]! : "none")) : null,
    apiKey: profile.apiKey ? maskSecret(profile.apiKey) : null,
    keyStore: profile.keySource ?? null,
    reachable: false,
    authenticated: null,
    server: null,
    notes: [],
    error: null,
    hint: null,
    commands: VERBS.filter((verb) => info.capabilities[verb]),
    exitCode: ExitCode.Ok,
  };

  let http: HttpClient;
  try {
    http = await pctx.http();
  } catch (err) {
    if (err instanceof KeychainError) return { ...base, error: err.message, exitCode: ExitCode.Auth };
    if (!(err instanceof UsageError)) throw err;
    // No key where one is needed is the key check failing; anything else (an http:// URL off loopback, a CA file) makes the profile unusable.
    const noKey = !profile.apiKey;
    return { ...base, authenticated: noKey ? false : null, error: err.message, exitCode: noKey ? ExitCode.Auth : ExitCode.Usage };
  } finally {
    if (pctx !== ctx) ctx.secrets.push(...pctx.secrets);
  }
  if (!info.probe) return { ...base, error: `gw has no check for the ${info.name} backend`, exitCode: ExitCode.Unavailable };

  try {
    const { server, notes } = await info.probe(http);
    return { ...base, reachable: true, authenticated: true, server, notes };
  } catch (err) {
    if (!(err instanceof GwError)) throw err;
    const reachable = !cannotReach(err);
    return {
      ...base,
      reachable,
      authenticated: err instanceof AuthError ? false : null,
      error: redactSecrets(err.message, pctx.secrets),
      hint: reachable ? await wrongBackendHint(ctx, info, profile.baseUrl) : null,
      exitCode: err instanceof AuthError ? ExitCode.Auth : err instanceof RateLimitedError ? ExitCode.RateLimited : ExitCode.Unavailable,
    };
  }
}

/** A stored profile as stored: the selection and field overrides of the environment are left out. */
function profileContext(ctx: Context, name: string): Context {
  const env = Object.fromEntries(
    Object.entries(ctx.env).filter(([k]) => !["GW_PROFILE", "GW_BACKEND", "GW_BASE_URL", "GW_API_KEY", "GW_AUTH"].includes(k)),
  );
  const sub = createContext(ctx.io, env, ctx.version);
  sub.globals = { ...ctx.globals, profile: name };
  return sub;
}

/** The connection itself failed (refused, DNS, TLS, timeout): nothing answered. */
function cannotReach(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof ApiError) return e.category === "network" || e.category === "timeout" || e.category === "tls";
  }
  return false;
}

/**
 * When the check failed on a server that answered: do the other backends' public fingerprints recognise
 * it? Sent without the profile's key, each at most once, without retries.
 */
export async function wrongBackendHint(ctx: Context, own: BackendInfo, baseUrl: string): Promise<string | null> {
  const others = availableBackends().filter((b) => b.name !== own.name && b.fingerprint);
  if (others.length === 0) return null;
  const [{ createHttpClient }, { tlsDispatcher }] = await Promise.all([import("../http/client.js"), import("../http/tls.js")]);
  const http = createHttpClient({
    baseUrl,
    dispatcher: tlsDispatcher(ctx.globals.caFile),
    userAgent: `gw/${ctx.version}`,
    timeoutMs: Math.min(ctx.globals.timeoutSeconds, 10) * 1000,
    retries: 0,
    ...(ctx.globals.debug ? { trace: (line: string) => ctx.io.stderr.write(`${line}\n`) } : {}),
  });
  const seen = await Promise.all(others.map(async (b) => ({ b, looks: b.fingerprint ? await b.fingerprint(http).catch(() => null) : null })));
  const hit = seen.find((s) => s.looks);
  return hit ? `this looks like ${hit.looks} (try --backend ${hit.b.name})` : null;
}

/** "providers (list, get, bind), vk (list, get), chain (show, set), limits": the verbs by noun. */
export function commandsLine(commands: readonly string[]): string {
  const byNoun = new Map<string, string[]>();
  for (const command of commands) {
    const [noun = "", ...rest] = command.split(" ");
    const subs = byNoun.get(noun) ?? [];
    subs.push(rest.join(" "));
    byNoun.set(noun, subs);
  }
  return [...byNoun]
    .map(([noun, subs]) => (subs.every((s) => s === "") ? noun : `${noun} (${subs.map((s) => s || "show").join(", ")})`))
    .join(", ");
}

const KEY_STORES: Record<string, string> = { keychain: "the OS keychain", file: "the config file (mode 0600)", env: "GW_API_KEY (environment variable)" };

function keyLine(r: StatusRecord): string {
  if (r.authenticated === true) return r.apiKey ? "accepted" : "not needed";
  if (r.authenticated === false) return r.apiKey ? "refused" : "missing";
  return "not checked";
}

/** The detail a person reads; fields without anything to say are left out. */
export function statusView(r: StatusRecord): DetailView<StatusRecord> {
  const info = backendInfo(r.backend);
  const fields: (Column<StatusRecord> | false)[] = [
    { header: "Profile", value: (s) => (s.profile === null ? "(ad-hoc from GW_* environment variables)" : `${s.profile}${s.current ? " (current)" : ""}`) },
    { header: "Backend", value: (s) => `${s.backend} (${info.title})` },
    { header: "Base URL", value: (s) => s.baseUrl },
    { header: "Auth", value: (s) => s.auth ?? info.auth },
    { header: "API key", value: (s) => s.apiKey ?? (s.keyStore === "keychain" ? "(in the OS keychain, unreadable)" : "(none)") },
    r.keyStore !== null && { header: "Key stored in", value: (s) => KEY_STORES[s.keyStore ?? ""] ?? "-" },
    { header: "Reachable", value: (s) => (s.reachable ? "yes" : "no") },
    { header: "Key", value: keyLine },
    { header: "Server", value: (s) => s.server ?? (s.reachable && s.error === null ? "(this control plane reports no version)" : "-") },
    r.notes.length > 0 && { header: "Notes", value: (s) => s.notes.join("; ") },
    { header: "Commands", value: (s) => `${commandsLine(s.commands)} (${s.commands.length} of ${VERBS.length}; gw backends has the notes)` },
    r.error !== null && { header: "Error", value: (s) => s.error ?? "" },
    r.hint !== null && { header: "Hint", value: (s) => s.hint ?? "" },
  ];
  return { fields: fields.filter((f): f is Column<StatusRecord> => f !== false), dim: (s) => s.exitCode !== ExitCode.Ok };
}
