import { UsageError } from "../errors.js";
import type { BackendInfo, Verb } from "./backend.js";

/**
 * Refuse, before any request, a verb or flag the backend cannot honour: silently dropping a flag would
 * let a script believe a limit was set. `named` are the long flag names the user gave.
 */
export function requireCapability(info: BackendInfo, verb: Verb, named: readonly string[] = []): void {
  const capability = info.capabilities[verb];
  if (!capability) {
    const why = info.unsupported[verb];
    throw new UsageError(
      `the ${info.name} backend does not support \`gw ${verb}\`${why ? `: ${why}` : ""} (see gw backends)`,
    );
  }
  const allowed = capability.flags ?? [];
  const refused = named.filter((flag) => !allowed.includes(flag));
  if (refused.length > 0) {
    const list = refused.map((f) => `--${f}`).join(", ");
    throw new UsageError(`the ${info.name} backend does not support ${list} on \`gw ${verb}\` (see gw backends)`);
  }
}
