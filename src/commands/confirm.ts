import type { Context } from "../context.js";
import { UsageError } from "../errors.js";

/** The one help line of every `-y, --yes` on a destructive or irreversible verb. */
export const YES_HELP = "do not ask for confirmation (required when not in a terminal)";

export interface ConfirmOptions {
  yes: boolean;
  dryRun: boolean;
}

/**
 * Destructive and irreversible acts (delete, revoke, a permanent disable): a person at a terminal is
 * asked, defaulting to no; a script must say --yes (a usage error, exit 2, otherwise: never a silent
 * default, design.md §2.4); a dry run sends nothing, so it asks nothing. `act` completes "--yes required
 * to ..."; `question` builds the prompt, usually after reading the record it names, so it only runs when
 * someone is asked. Returns false when the person declines; the caller then says nothing was changed.
 */
export async function confirmed(ctx: Context, opts: ConfirmOptions, act: string, question: () => Promise<string> | string): Promise<boolean> {
  if (!mustAsk(ctx, opts, act)) return true;
  return ask(ctx, await question());
}

/**
 * The first half of `confirmed`, for a verb that reads the record before deciding (already revoked?):
 * throws the --yes usage error before any request, and says whether `ask` must follow.
 */
export function mustAsk(ctx: Context, opts: ConfirmOptions, act: string): boolean {
  if (opts.yes || opts.dryRun) return false;
  if (!ctx.io.canPrompt()) throw new UsageError(`--yes required to ${act} when not running in a terminal; pass --yes to confirm`);
  return true;
}

export async function ask(ctx: Context, question: string): Promise<boolean> {
  return (await ctx.prompter()).confirm(question, { default: false });
}
