import { Command } from "commander";
import type { Context } from "../../context.js";
import { KeychainError, UsageError } from "../../errors.js";

export interface MigrateKeysOptions {
  /** The profiles to move; empty: every stored one. */
  names: string[];
  /** Back from the keychain into the config file. */
  toFile: boolean;
}

type Outcome = { name: string; failed: boolean; line: string };

export function migrateKeysCommand(ctx: Context, run = runMigrateKeys): Command {
  return new Command("migrate-keys")
    .description("move stored keys from the config file into the OS keychain (--to-file: back into the file)")
    .argument("[names...]", "profiles to move (default: all)")
    .option("--to-file", "move keys from the OS keychain into the config file (mode 0600)")
    .action((names: string[], flags: { toFile?: boolean }) => run({ names, toFile: Boolean(flags.toFile) }, ctx));
}

/**
 * One line per profile on stderr: moved, nothing to do, or why it failed (that key stays where it was).
 * Each key is written to its new place before the record changes, and taken from the old place only after,
 * so an interruption leaves a key in two places, never in none. Exit 3 when any profile failed.
 */
export async function runMigrateKeys(opts: MigrateKeysOptions, ctx: Context): Promise<void> {
  const [{ loadConfig }, { updateConfig }, keychain, { forgetKey, readStoredKey, keyLocation }] = await Promise.all([
    import("../../profiles/load.js"),
    import("../../profiles/store.js"),
    import("../../profiles/keychain.js"),
    import("../../profiles/key-store.js"),
  ]);
  if (!opts.toFile && keychain.keychainDisabledByEnv(ctx.env)) {
    throw new UsageError("GW_KEYRING=0 keeps keys in the config file; unset it to move them into the OS keychain");
  }
  const config = loadConfig(ctx.env, ctx.warn);
  const names = opts.names.length > 0 ? opts.names : Object.keys(config.profiles);
  if (names.length === 0) throw new UsageError("no profiles stored; nothing to migrate");
  const unknown = names.filter((n) => !config.profiles[n]);
  if (unknown.length > 0) throw new UsageError(`no such profile: ${unknown.join(", ")}; see gw profile list`);

  const outcomes: Outcome[] = [];
  const keys = new Map<string, string>();
  for (const name of names) {
    const stored = config.profiles[name]!;
    const there = opts.toFile ? !stored.keyStore : Boolean(stored.keyStore);
    if (!stored.apiKey && !stored.keyStore) outcomes.push({ name, failed: false, line: `- ${name}: no key stored` });
    else if (there) outcomes.push({ name, failed: false, line: `- ${name}: already in ${opts.toFile ? "the config file" : "the OS keychain"}` });
    else {
      try {
        if (opts.toFile) keys.set(name, (await readStoredKey(ctx.env, name, stored))!);
        else {
          await keychain.keychainSet(ctx.env, name, stored.apiKey!);
          keys.set(name, stored.apiKey!);
        }
        outcomes.push({ name, failed: false, line: `✓ ${name}: key moved to ${keyLocation(ctx.env, name, opts.toFile ? "file" : "keychain")}` });
      } catch (err) {
        if (!(err instanceof KeychainError)) throw err;
        outcomes.push({ name, failed: true, line: `✗ ${name}: ${err.message} (the key stays in ${opts.toFile ? "the OS keychain" : "the config file"})` });
      }
    }
  }

  if (keys.size > 0) {
    await updateConfig(ctx.configDir(), ctx.warn, (data) => {
      for (const [name, key] of keys) {
        const p = data.profiles[name];
        if (!p) continue;
        if (opts.toFile && p.keyStore) {
          delete p.keyStore;
          p.apiKey = key;
        } else if (p.apiKey === key) {
          delete p.apiKey;
          p.keyStore = "keychain";
        }
      }
    });
    if (opts.toFile) for (const name of keys.keys()) await forgetKey(ctx.env, name, config.profiles[name], ctx.warn);
  }

  for (const o of outcomes) ctx.note(o.line);
  const failed = outcomes.filter((o) => o.failed);
  if (failed.length > 0) {
    const reason = `${failed.length} of ${outcomes.length} profiles could not be moved`;
    throw new KeychainError(`migrate-keys: ${reason} (${failed.map((o) => o.name).join(", ")})`, reason);
  }
}
