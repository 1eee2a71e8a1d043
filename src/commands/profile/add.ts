import { Command, Option } from "commander";
import type { Context } from "../../context.js";
import { checkApiKey } from "../../domain/api-key.js";
import { httpUrl } from "../../domain/validate.js";
import { GwError, UsageError } from "../../errors.js";
import type { ExitCode } from "../../exit-codes.js";
import { readAll } from "../../io/read-stdin.js";
import { configDirSource } from "../../profiles/paths.js";
import { AUTH_MODES } from "../../backends/backend.js";
import { BACKEND_NAMES, backendInfo, DEFAULT_BACKEND } from "../../backends/registry.js";
import type { AuthMode, BackendName } from "../../profiles/types.js";

export interface AddOptions {
  name: string;
  backend: BackendName;
  baseUrl: string;
  apiKeyStdin: boolean;
  noApiKey: boolean;
  force: boolean;
  auth?: AuthMode;
  /** false with --no-keyring: keep the key in the config file even where an OS keychain answers. */
  keyring: boolean;
  /** After saving, run the `gw status` check on the new profile (exit 3/6 when it fails; the profile stays saved). */
  check?: boolean;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function addCommand(ctx: Context, run = runAdd): Command {
  return new Command("add")
    .description("add a profile; the key comes from stdin (--api-key-stdin), a hidden prompt, or GW_API_KEY")
    .argument("<name>", "name of the new profile")
    .addOption(new Option("--backend <backend>", "control plane type").choices(BACKEND_NAMES as string[]).default(DEFAULT_BACKEND))
    .requiredOption("--base-url <url>", "control plane URL, e.g. https://app.langwatch.ai")
    .option("--api-key-stdin", "read the API key from stdin (keeps it out of argv and shell history)")
    .option("--no-api-key", "store no key (for control planes without auth)")
    .addOption(
      new Option("--auth <mode>", "Bifrost: none, basic (the key is user:password) or bearer (default with a key)").choices(
        AUTH_MODES as string[],
      ),
    )
    .option("--no-keyring", "keep the key in the config file (mode 0600), not the OS keychain (as GW_KEYRING=0 does)")
    .option("--force", "replace an existing profile of that name")
    .option("--check", "then check it as gw status does: reach the control plane, check the key (the profile is saved either way)")
    .action(
      (
        name: string,
        opts: { backend: BackendName; baseUrl: string; apiKeyStdin?: boolean; apiKey: boolean; keyring: boolean; force?: boolean; auth?: AuthMode; check?: boolean },
      ) =>
        run(
          {
            name,
            backend: opts.backend,
            baseUrl: opts.baseUrl,
            apiKeyStdin: Boolean(opts.apiKeyStdin),
            noApiKey: opts.apiKey === false,
            force: Boolean(opts.force),
            keyring: opts.keyring !== false,
            check: Boolean(opts.check),
            ...(opts.auth ? { auth: opts.auth } : {}),
          },
          ctx,
        ),
    );
}

export async function runAdd(opts: AddOptions, ctx: Context): Promise<void> {
  if (!NAME.test(opts.name)) {
    throw new UsageError(`invalid profile name "${opts.name}" (starts with a letter or digit; then letters, digits, ".", "_", "-"; at most 64 in all)`);
  }
  const baseUrl = httpUrl("--base-url", opts.baseUrl);
  const auth = authMode(opts);
  const apiKey = auth === "none" ? undefined : await obtainKey(opts, ctx);
  if (auth === "basic" && apiKey && !/^[^:]+:.+$/.test(apiKey)) {
    throw new UsageError('--auth basic: the key must be "user:password"');
  }

  const { assertSafeTransport } = await import("../../http/transport-guard.js");
  assertSafeTransport(baseUrl, Boolean(apiKey));

  const [{ updateConfig }, { loadConfig }] = await Promise.all([import("../../profiles/store.js"), import("../../profiles/load.js")]);
  // Checked before the key goes to the keychain, so a refused add never overwrites another profile's entry.
  const previous = loadConfig(ctx.env, ctx.warn).profiles[opts.name];
  if (previous && !opts.force) throw exists(opts.name);
  const saved = apiKey ? await (await import("../../profiles/key-store.js")).saveKey(ctx.env, opts.name, apiKey, { keychain: opts.keyring }) : undefined;
  let becameCurrent = false;
  try {
    await updateConfig(
      ctx.configDir(),
      ctx.warn,
      (data) => {
      if (data.profiles[opts.name] && !opts.force) throw exists(opts.name);
      data.profiles[opts.name] = {
        backend: opts.backend,
        baseUrl,
        ...saved?.fields,
        // Stored only where the backend has a choice, so other profiles keep their plain shape.
        ...(backendInfo(opts.backend).authModes.length > 1 ? { auth } : {}),
      };
      if (!data.current || !data.profiles[data.current]) {
        data.current = opts.name;
        becameCurrent = true;
      }
      },
      configDirSource(ctx.env),
    );
  } catch (err) {
    // The record was not written: a keychain entry made for it alone goes too.
    if (saved?.store === "keychain" && !previous?.keyStore) {
      const { forgetKey } = await import("../../profiles/key-store.js");
      await forgetKey(ctx.env, opts.name, { ...saved.fields, backend: opts.backend, baseUrl }, ctx.warn);
    }
    throw err;
  }
  const { forgetKey, keyLocation } = await import("../../profiles/key-store.js");
  // A replaced profile whose key was in the keychain and now is not: its old entry goes.
  if (previous?.keyStore && saved?.store !== "keychain") await forgetKey(ctx.env, opts.name, previous, ctx.warn);
  if (saved?.fallback) ctx.warn(`the OS keychain is not available (${saved.fallback}); the key is stored in the config file instead`);
  const where = saved ? `; key stored in ${keyLocation(ctx.env, opts.name, saved.store)}` : "; no key stored";
  ctx.note(`✓ Added profile ${opts.name} (${opts.backend}, ${baseUrl})${where}${becameCurrent ? "; it is now the current profile" : ""}`);
  if (opts.check) await checkAdded(opts.name, ctx);
}

/**
 * --check: the `gw status` check of the profile as saved. It runs after saving, so a profile for a server
 * that is down right now can still be added; a failure says so (exit 3 or 6) and how to fix or remove it.
 */
async function checkAdded(name: string, ctx: Context): Promise<void> {
  const { checkProfile } = await import("../status.js");
  const r = await checkProfile(ctx, name, false);
  if (r.exitCode === 0) {
    ctx.note(`✓ ${r.backend} answered${r.server ? ` (${r.server})` : ""}; ${r.apiKey ? "the key was accepted" : "no key needed"}`);
    return;
  }
  const fix = `fix it with \`gw profile add ${name} ... --force\` or remove it with \`gw profile remove ${name}\``;
  throw new GwError(`profile ${name} was saved, but the check failed: ${r.error ?? "unknown error"}${r.hint ? `; ${r.hint}` : ""}; ${fix}`, r.exitCode as ExitCode);
}

function exists(name: string): UsageError {
  return new UsageError(`profile "${name}" already exists (use --force to replace it)`);
}

/** The profile's auth scheme: --auth, else none with --no-api-key, else the backend's default. */
function authMode(opts: AddOptions): AuthMode {
  // Auth schemes the backend speaks; the first is the default when a key is given (README "Backends").
  const allowed = backendInfo(opts.backend).authModes;
  if (opts.auth && !allowed.includes(opts.auth)) {
    throw new UsageError(`the ${opts.backend} backend does not support --auth ${opts.auth} (it uses ${allowed.join(", ")})`);
  }
  if (opts.auth && opts.auth !== "none" && opts.noApiKey) throw new UsageError(`--auth ${opts.auth} needs a key; it conflicts with --no-api-key`);
  if (opts.auth) return opts.auth;
  return opts.noApiKey ? "none" : allowed[0]!;
}

/** stdin with --api-key-stdin, else a hidden prompt on a TTY, else GW_API_KEY; never hang off a TTY. */
async function obtainKey(opts: AddOptions, ctx: Context): Promise<string> {
  if (opts.apiKeyStdin) {
    if (ctx.io.isStdinTTY) ctx.note("Reading the API key from stdin (end with Ctrl-D)...");
    const key = (await readAll(ctx.io.stdin)).trim();
    if (!key) throw new UsageError("--api-key-stdin: stdin was empty");
    checkApiKey("--api-key-stdin", key);
    if (/\s/.test(key)) throw new UsageError("--api-key-stdin: the key must be a single line without spaces");
    return key;
  }
  if (ctx.io.canPrompt()) {
    const prompter = await ctx.prompter();
    const key = (await prompter.password(`API key for ${opts.name}`)).trim();
    if (!key) throw new UsageError("no API key entered");
    return checkApiKey("API key", key);
  }
  const envKey = ctx.env.GW_API_KEY?.trim();
  if (envKey) return checkApiKey("GW_API_KEY", envKey);
  throw new UsageError(
    "no API key: pipe it with --api-key-stdin (e.g. `printenv KEY | gw profile add ... --api-key-stdin`), " +
      "run in a terminal to be prompted, set GW_API_KEY, or pass --no-api-key",
  );
}
