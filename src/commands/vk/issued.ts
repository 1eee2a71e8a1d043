import type { Context } from "../../context.js";
import { stripControl } from "../../redact.js";
import type { WithRaw } from "../../domain/binding.js";
import type { IssuedKey, VirtualKey } from "../../domain/virtual-key.js";
import type { OutputChoice } from "../../output/format.js";
import { rawOf } from "../../domain/binding.js";
import { writeData } from "../../output/render.js";
import { cell } from "../../output/cell-text.js";

/**
 * A new secret is printed once, to stdout, so `KEY=$(gw vk create ...)` captures it; everything else goes
 * to stderr. JSON/YAML print {virtualKey, secret}. --quiet prints the id and the secret, tab-separated:
 * an id alone would lose the only copy of the secret.
 *
 * A server may answer without the secret (it reveals it elsewhere, once): the key exists, so this succeeds
 * and says so on stderr. Nothing that could pass for a secret goes to stdout: the table prints nothing,
 * JSON/YAML `"secret": null`, and --quiet `<id><TAB>` (an empty second field, so `read id secret` still reads
 * the id and scripts testing `[ -n "$secret" ]` see there is none).
 */
export async function printIssuedKey(
  ctx: Context,
  output: OutputChoice,
  issued: IssuedKey<WithRaw<VirtualKey>>,
  done: string,
  quiet = false,
): Promise<void> {
  ctx.note(`✓ ${done} virtual key ${issued.key.id} (${issued.key.name})`);
  const secret = issued.secret || null;
  if (secret) {
    ctx.warn("the secret below is shown only this once; store it now (gw cannot show it again)");
  } else {
    ctx.warn("the server did not return the key's secret, so gw has none to show; look for it in the control plane's dashboard");
  }
  if (quiet) {
    // Server text in a line scripts read and terminals show: no control characters (an id could move the cursor).
    ctx.io.stdout.write(`${cell(issued.key.id)}\t${cell(secret ?? "")}\n`);
    return;
  }
  if (output.format === "table") {
    if (secret) ctx.io.stdout.write(`${stripControl(secret)}\n`);
    return;
  }
  const virtualKey = output.raw ? (rawOf(issued.key) ?? issued.key) : issued.key;
  await writeData(ctx.io, output, { virtualKey, secret });
}
