import type { Context } from "../../context.js";
import type { WithRaw } from "../../domain/binding.js";
import type { IssuedKey, VirtualKey } from "../../domain/virtual-key.js";
import type { OutputChoice } from "../../output/format.js";
import { rawOf } from "../../domain/binding.js";
import { writeData } from "../../output/render.js";

/**
 * A new secret is printed once, to stdout, so `KEY=$(gw vk create ...)` captures it; everything else goes
 * to stderr. JSON/YAML print {virtualKey, secret}. --quiet prints the id and the secret, tab-separated:
 * an id alone would lose the only copy of the secret.
 */
export async function printIssuedKey(
  ctx: Context,
  output: OutputChoice,
  issued: IssuedKey<WithRaw<VirtualKey>>,
  done: string,
  quiet = false,
): Promise<void> {
  ctx.note(`✓ ${done} virtual key ${issued.key.id} (${issued.key.name})`);
  ctx.warn("the secret below is shown only this once; store it now (gw cannot show it again)");
  if (quiet) {
    ctx.io.stdout.write(`${issued.key.id}\t${issued.secret}\n`);
    return;
  }
  if (output.format === "table") {
    ctx.io.stdout.write(`${issued.secret}\n`);
    return;
  }
  const virtualKey = output.raw ? (rawOf(issued.key) ?? issued.key) : issued.key;
  await writeData(ctx.io, output, { virtualKey, secret: issued.secret });
}
