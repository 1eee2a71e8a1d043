import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { GatewayInput } from "../../domain/gateway.js";
import { UsageError } from "../../errors.js";
import { addOutputOptions, type OutputFlags } from "../../output/format.js";
import { addFlags, checkFlags } from "../flag-spec.js";
import { addWriteOptions, renderWritten, type WriteFlags } from "../write-options.js";
import { settle } from "./settle.js";
import {
  matchZones,
  patchFromSpecFlags,
  specFlags,
  specRunOptions,
  wandbFlagsGiven,
  wandbKeyFromEnv,
  wandbKeyFromStdin,
  type SpecFlags,
  type SpecRunOptions,
} from "./spec-flags.js";
import { gatewayDetailView } from "./view.js";

export interface CreateOptions extends SpecRunOptions {
  /** Everything but the W&B key, which is read from stdin or GW_WANDB_API_KEY in run. */
  input: GatewayInput;
}

type CreateFlags = SpecFlags & OutputFlags & WriteFlags & { name: string; zone: string[] };

export const CREATE_FLAGS = specFlags("create");

export function createCommand(ctx: Context, run = runCreate): Command {
  const cmd = addWriteOptions(
    addOutputOptions(
      addFlags(new Command("create").description("create an inference gateway: one auth type, one routing strategy, one zone"), "gateways create", CREATE_FLAGS),
    ),
  );
  return cmd.action((flags: CreateFlags) => run({ input: inputFromFlags(flags), ...specRunOptions(cmd, flags, ctx, CREATE_FLAGS) }, ctx));
}

/** Flags -> the gateway to create, with the defaults (CoreWeave auth, body routing in the OpenAI format). */
export function inputFromFlags(flags: CreateFlags): GatewayInput {
  const patch = patchFromSpecFlags(flags);
  const auth = patch.auth ?? "coreweave";
  const routing = patch.routing ?? "body";
  const wandbFlags = wandbFlagsGiven(flags);
  if (auth !== "wandb" && wandbFlags.length) {
    throw new UsageError(`${wandbFlags.join(", ")} need${wandbFlags.length > 1 ? "" : "s"} --auth wandb (the default is coreweave)`);
  }
  if (routing === "header" && patch.headerName === undefined) throw new UsageError("--routing header needs --header-name <name>");
  const input: GatewayInput = { name: patch.name!, zones: patch.zones!, auth, routing };
  if (auth === "wandb") input.wandb = { ...patch.wandb };
  if (routing === "body") input.apiType = patch.apiType ?? "openai";
  if (patch.headerName !== undefined) input.headerName = patch.headerName;
  if (patch.additionalDns !== undefined) input.additionalDns = patch.additionalDns;
  return input;
}

export async function runCreate(opts: CreateOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend({ dryRun: opts.dryRun });
  const gateways = requirePart(backend, "gateways create");
  checkFlags(backend.info.name, "gateways create", opts.flags, CREATE_FLAGS);
  const input: GatewayInput = { ...opts.input, zones: matchZones(opts.input.zones, await gateways.zones()) };
  if (input.auth === "wandb") {
    // W&B auth checks callers against the organization's W&B key, so a new W&B gateway needs one.
    const apiKey = (await wandbKeyFromStdin(opts, ctx)) ?? wandbKeyFromEnv(ctx);
    if (!apiKey) {
      throw new UsageError("--auth wandb needs the W&B API key: pipe it with --wandb-api-key-stdin or set GW_WANDB_API_KEY");
    }
    input.wandb = { ...input.wandb, apiKey };
  }
  const created = await gateways.create(input);
  ctx.note(`✓ Created gateway ${created.id} (${created.name}), status ${created.status}`);
  const settled = opts.wait ? await settle(ctx, gateways, created, "ready", opts.waitTimeoutMs, "created") : { gateway: created };
  await renderWritten(ctx, opts.output, opts.quiet, settled.gateway ?? created, gatewayDetailView);
  if (settled.failure) throw settled.failure;
}
