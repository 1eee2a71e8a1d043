import { Writable } from "node:stream";
import type { Backend } from "../backends/backend.js";
import type { ConfigData, ResolvedProfile } from "../profiles/types.js";
import { formatCandidates, type Candidate } from "./candidates.js";
import { isDynamicKind, type DynamicKind } from "./kinds.js";

type Env = Record<string, string | undefined>;

/**
 * `gw __complete <kind> [prefix] [--profile <name>]`: what the completion scripts call for values only the
 * user's config or control plane knows. One candidate per line (`value<TAB>description`), starting with
 * `prefix`. It is run at a prompt, so whatever goes wrong (no profile, a server down or slow, an unknown
 * kind) it prints nothing, on stdout or stderr, and exits 0.
 */
export interface CompleteRequest {
  kind: DynamicKind;
  prefix: string;
  profile?: string;
}

/** The words after `__complete`; undefined when they are not a request (then there is nothing to offer). */
export function parseCompleteArgs(argv: readonly string[]): CompleteRequest | undefined {
  const [kind, ...rest] = argv;
  if (!isDynamicKind(kind)) return undefined;
  let prefix = "";
  let profile: string | undefined;
  let positional = 0;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === "--profile" && i + 1 < rest.length) profile = rest[++i];
    else if (word.startsWith("--profile=")) profile = word.slice("--profile=".length);
    else if (positional++ === 0) prefix = word;
  }
  return { kind, prefix, ...(profile ? { profile } : {}) };
}

/** Each HTTP attempt of the one list call, and the whole call: completion answers fast or not at all. */
export const COMPLETE_TIMEOUT_SECONDS = 2;
const DEADLINE_MS = COMPLETE_TIMEOUT_SECONDS * 1000 + 500;

export interface CompleteDeps {
  env: Env;
  stdout: { write(text: string): unknown };
  version?: string;
  now?: () => number;
  /** The stored profiles; default: the config file (a missing one is no profiles). */
  config?: () => ConfigData;
  /** The profile's backend; default: the real one, 2 s per attempt, no retries, nothing printed. */
  backend?: (profile: ResolvedProfile) => Promise<Backend>;
}

export async function runComplete(argv: readonly string[], deps: CompleteDeps): Promise<void> {
  try {
    const request = parseCompleteArgs(argv);
    if (!request) return;
    const candidates = await withDeadline(candidatesFor(request, deps));
    if (candidates) deps.stdout.write(formatCandidates(candidates, request.prefix));
  } catch {
    // nothing to offer: a completion never prints an error into the user's prompt
  }
}

async function candidatesFor(request: CompleteRequest, deps: CompleteDeps): Promise<Candidate[]> {
  const config = deps.config ? deps.config() : await storedConfig(deps.env);
  const { profileCandidates, recordCandidates } = await import("./candidates.js");
  if (request.kind === "profiles") return profileCandidates(config);
  const [{ resolveProfile }, { cacheFile, readCache, writeCache }] = await Promise.all([import("../profiles/resolve.js"), import("./cache.js")]);
  const profile = resolveProfile(request.profile, deps.env, config);
  const now = deps.now ?? Date.now;
  const file = cacheFile(deps.env, profile, request.kind);
  const cached = readCache(file, now());
  if (cached) return cached;
  const backend = await (deps.backend ?? quietBackend(deps.env, deps.version ?? "0.0.0", request.profile))(profile);
  const fresh = await recordCandidates(backend, request.kind);
  try {
    writeCache(file, fresh, now());
  } catch {
    // an unwritable cache only costs the next TAB a request
  }
  return fresh;
}

async function storedConfig(env: Env): Promise<ConfigData> {
  const { loadConfig } = await import("../profiles/load.js");
  return loadConfig(env, () => undefined);
}

/** The profile's real backend through a context whose output goes nowhere: no retry notes, no warnings, no trace. */
function quietBackend(env: Env, version: string, profileFlag: string | undefined): (profile: ResolvedProfile) => Promise<Backend> {
  return async () => {
    const { createContext, DEFAULT_GLOBALS } = await import("../context.js");
    const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
    const io = {
      stdin: process.stdin,
      stdout: sink(),
      stderr: sink(),
      isStdinTTY: false,
      isStdoutTTY: false,
      isStderrTTY: false,
      colorEnabled: false,
      stderrColorEnabled: false,
      columns: 80,
      canPrompt: () => false,
    };
    const ctx = createContext(io, env, version);
    ctx.globals = {
      ...DEFAULT_GLOBALS,
      ...(profileFlag ? { profile: profileFlag } : {}),
      ...(env.GW_CA_FILE ? { caFile: env.GW_CA_FILE } : {}),
      timeoutSeconds: COMPLETE_TIMEOUT_SECONDS,
      retries: 0,
    };
    return ctx.backend();
  };
}

/** The work's result, or undefined when it takes longer than the deadline (a slow server offers nothing). */
async function withDeadline<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), DEADLINE_MS);
    timer.unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
