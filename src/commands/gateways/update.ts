import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { GatewayPatch } from "../../domain/gateway.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, type OutputFlags } from "../../output/format.js";
import { addFlags, checkFlags } from "../flag-spec.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../write-options.js";
import { byRef, GATEWAY_REF } from "../resolve.js";
import { settle } from "./settle.js";
import {
  matchZones,
  patchFromSpecFlags,
  specFlags,
  specRunOptions,
  wandbKeyFromEnv,
  wandbKeyFromStdin,
  type SpecFlags,
  type SpecRunOptions,
} from "./spec-flags.js";
import { gatewayDetailView } from "./view.js";

export interface UpdateOptions extends SpecRunOptions {
  id: string;
  /** The fields the flags name, without the W&B key (read from stdin in run). */
  patch: GatewayPatch;
}

type UpdateFlags = SpecFlags & OutputFlags & WriteFlags;

export const UPDATE_FLAGS = specFlags("update");

export function updateCommand(ctx: Context, run = runUpdate): Command {
  const cmd = addWriteOptions(
    addOutputOptions(
      addFlags(
        new Command("update")
          .description("change a gateway: gw reads it, applies the flags given and sends the whole spec back")
          .argument("<id|name>", GATEWAY_REF),
        "gateways update",
        UPDATE_FLAGS,
      ),
    ),
  );
  return cmd.action((id: string, flags: UpdateFlags) => {
    const patch = patchFromSpecFlags(flags);
    if (Object.keys(patch).length === 0 && !flags.wandbApiKeyStdin) {
      throw new UsageError("nothing to update: name at least one field to change (see gw gateways update --help)");
    }
    return run({ id, patch, ...specRunOptions(cmd, flags, ctx, UPDATE_FLAGS) }, ctx);
  });
}

/**
 * The adapter does GET, merge, PATCH (the API has no field mask, research §3.4) and refuses, before the
 * PATCH, flags that do not fit the gateway as it is (W&B settings on a CoreWeave-auth gateway, ...).
 * GW_WANDB_API_KEY is used only when the gateway switches to W&B auth; --wandb-api-key-stdin always sends.
 */
export async function runUpdate(opts: UpdateOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const gateways = requirePart(backend, "gateways update");
  checkFlags(backend.info.name, "gateways update", opts.flags, UPDATE_FLAGS);
  const patch: GatewayPatch = { ...opts.patch };
  if (patch.zones) patch.zones = matchZones(patch.zones, await gateways.zones());
  const explicitKey = await wandbKeyFromStdin(opts, ctx);
  if (explicitKey) patch.wandb = { ...patch.wandb, apiKey: explicitKey };
  const envKey = wandbKeyFromEnv(ctx);
  if (envKey) patch.wandbApiKeyIfNeeded = envKey;

  const updated = await byRef(backend, "gateway", opts.id, (id) => gateways.update(id, patch), opts);
  ctx.note(`✓ Updated gateway ${updated.id} (${updated.name}), status ${updated.status}`);
  const settled = opts.wait ? await settle(ctx, gateways, updated, "ready", opts.waitTimeoutMs, "updated") : { gateway: updated };
  await renderWritten(ctx, opts.output, opts.quiet, settled.gateway ?? updated, gatewayDetailView);
  if (settled.failure) throw settled.failure;
}
