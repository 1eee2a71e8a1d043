import type { ProviderKeyPatch } from "../../../domain/provider-key.js";
import { nonEmpty, nonNegativeNumber } from "../../../domain/validate.js";
import type { Context } from "../../../context.js";
import { UsageError } from "../../../errors.js";
import { readAll } from "../../../io/read-stdin.js";
import type { FlagSpec } from "../../flag-spec.js";

/** The flags of `providers keys add` and `update`, declared once. The value never comes from argv. */
const name = (help: string, required: boolean): FlagSpec<ProviderKeyPatch> => ({
  flags: "--name <name>",
  help,
  backends: "all",
  required,
  into: (f, v: string) => void (f.name = nonEmpty("--name", v)),
});

const weight = (help: string): FlagSpec<ProviderKeyPatch> => ({
  flags: "--weight <w>",
  help,
  backends: ["bifrost"],
  into: (f, v: string) => void (f.weight = nonNegativeNumber("--weight", v)),
});

const models = (help: string): FlagSpec<ProviderKeyPatch> => ({
  flags: "--model <model>",
  help,
  backends: ["bifrost"],
  repeatable: true,
  into: (f, v: string[]) => void (f.models = v.map((m) => nonEmpty("--model", m))),
});

const valueStdin = (help: string): FlagSpec<ProviderKeyPatch> => ({ flags: "--value-stdin", help, backends: "all" });

export const ADD_FLAGS: readonly FlagSpec<ProviderKeyPatch>[] = [
  name("a name for the key", true),
  valueStdin("read the key's secret value from stdin (or set GW_PROVIDER_KEY; never on argv)"),
  weight("share of the provider's traffic among its keys (a number, e.g. 0.5; default 1)"),
  models("a model the key may serve (repeatable; default: all)"),
];

export const UPDATE_FLAGS: readonly FlagSpec<ProviderKeyPatch>[] = [
  name("a new name", false),
  valueStdin("replace the key's secret value with one read from stdin"),
  weight("share of the provider's traffic among its keys (a number, e.g. 0.5)"),
  models("REPLACE the models the key may serve (repeatable; '*' = all)"),
  { flags: "--enable", help: "use the key again", backends: ["bifrost"], into: (f) => void (f.enabled = true) },
  {
    flags: "--disable",
    help: "stop using the key (it stays configured)",
    backends: ["bifrost"],
    into(f) {
      if (f.enabled) throw new UsageError("--enable conflicts with --disable");
      f.enabled = false;
    },
  },
];

/** `providers keys rotate`: only the new value, from stdin or GW_PROVIDER_KEY. */
export const ROTATE_FLAGS: readonly FlagSpec<ProviderKeyPatch>[] = [
  valueStdin("read the key's new secret value from stdin (or set GW_PROVIDER_KEY; never on argv)"),
];

/**
 * The secret value: stdin with --value-stdin (one line), else GW_PROVIDER_KEY where the verb needs one.
 * It joins the context's secrets at once, so no later message can show it.
 */
export async function keyValue(ctx: Context, fromStdin: boolean, required: boolean): Promise<string | undefined> {
  let value: string | undefined;
  if (fromStdin) {
    if (ctx.io.isStdinTTY) ctx.note("Reading the key's value from stdin (end with Ctrl-D)...");
    value = (await readAll(ctx.io.stdin)).trim();
    if (!value) throw new UsageError("--value-stdin: stdin was empty");
    if (/[\r\n]/.test(value)) throw new UsageError("--value-stdin: the value must be a single line");
  } else if (required) {
    value = ctx.env.GW_PROVIDER_KEY?.trim() || undefined;
    if (!value) throw new UsageError("the key's value is needed: pipe it with --value-stdin or set GW_PROVIDER_KEY (never on the command line)");
  }
  if (value) ctx.secrets.push(value);
  return value;
}
