import type { Command } from "commander";
import type { Context } from "../../context.js";
import {
  GATEWAY_API_TYPES,
  GATEWAY_AUTHS,
  GATEWAY_ROUTINGS,
  type GatewayPatch,
} from "../../domain/gateway.js";
import { httpUrl, nonEmpty, oneOf, positiveInt } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import { readAll } from "../../io/read-stdin.js";
import { outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { givenFlags, type FlagSpec } from "../flag-spec.js";
import type { WriteFlags } from "../write-options.js";

/** The spec flags create and update share, as commander parses them. */
export interface SpecFlags {
  name?: string;
  zone?: string[];
  auth?: string;
  wandbApiKeyStdin?: boolean;
  wandbServerUrl?: string;
  wandbUsageReports?: boolean;
  wandbRateLimiting?: boolean;
  routing?: string;
  apiType?: string;
  headerName?: string;
  dns?: string[];
  wait?: boolean;
  waitTimeout: string;
}

export const DEFAULT_WAIT_TIMEOUT_SECONDS = 600;

const CW = ["coreweave"] as const;

/** --wait and --wait-timeout, shared by create, update and delete. */
export function waitFlags(goal: string): FlagSpec<never>[] {
  return [
    { flags: "--wait", help: `wait until the gateway ${goal}, with a spinner on a terminal`, backends: CW },
    {
      flags: "--wait-timeout <seconds>",
      help: "give up waiting after this many seconds (exit 6)",
      backends: CW,
      default: String(DEFAULT_WAIT_TIMEOUT_SECONDS),
    },
  ];
}

/**
 * The spec flags of create and update; on create --name and --zone are required. Their values are read
 * together by patchFromSpecFlags, since a gateway's auth and routing fields constrain one another.
 */
export function specFlags(verb: "create" | "update"): FlagSpec<never>[] {
  const change = verb === "update" ? " (switching removes the other auth block)" : " (default coreweave)";
  return [
    {
      flags: "--name <name>",
      help: verb === "create" ? "the gateway's name" : "a new name (the API may not support renames: Terraform replaces the gateway)",
      backends: CW,
      required: verb === "create",
    },
    {
      flags: "--zone <zone>",
      help: "zone from `gw gateways zones`, case-insensitive (repeatable; the service takes one today)",
      backends: CW,
      repeatable: true,
      required: verb === "create",
    },
    { flags: "--auth <type>", help: `who may call the gateway: coreweave (CoreWeave IAM) or wandb (W&B)${change}`, backends: CW, choices: GATEWAY_AUTHS },
    { flags: "--wandb-api-key-stdin", help: "W&B auth: read the W&B API key from stdin (or set GW_WANDB_API_KEY; never on argv)", backends: CW },
    { flags: "--wandb-server-url <url>", help: "W&B auth: the W&B server (default: the shared SaaS)", backends: CW },
    { flags: "--wandb-usage-reports", help: "W&B auth: report usage to W&B", backends: CW },
    { flags: "--no-wandb-usage-reports", help: "W&B auth: do not report usage to W&B", backends: CW },
    { flags: "--wandb-rate-limiting", help: "W&B auth: enforce W&B rate limits", backends: CW },
    { flags: "--no-wandb-rate-limiting", help: "W&B auth: do not enforce W&B rate limits", backends: CW },
    {
      flags: "--routing <strategy>",
      help: `where the model name is read: body, header or path${verb === "create" ? " (default body)" : ""}`,
      backends: CW,
      choices: GATEWAY_ROUTINGS,
    },
    { flags: "--api-type <type>", help: "body routing: the request format", backends: CW, choices: GATEWAY_API_TYPES },
    { flags: "--header-name <name>", help: "header routing: the header naming the model, 1-100 characters (implies --routing header)", backends: CW },
    {
      flags: "--dns <name>",
      help: `an additional DNS name for the endpoint (repeatable${verb === "update" ? "; replaces the set" : ""})`,
      backends: CW,
      repeatable: true,
    },
    ...waitFlags("is READY (or ERROR/FAILED)"),
  ];
}

const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const DNS_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Flags -> the fields they name, refusing combinations that cannot both hold before anything is sent
 * (a gateway has one auth and one routing, research §3.3): --header-name with --routing body, W&B flags
 * with --auth coreweave, --api-type with header or path routing. The W&B key is read later (stdin).
 */
export function patchFromSpecFlags(flags: SpecFlags): GatewayPatch {
  const patch: GatewayPatch = {};
  if (flags.name !== undefined) patch.name = nonEmpty("--name", flags.name);
  if (flags.zone !== undefined) patch.zones = flags.zone.map((z) => nonEmpty("--zone", z));
  if (flags.auth !== undefined) patch.auth = oneOf("--auth", flags.auth, GATEWAY_AUTHS);
  if (flags.routing !== undefined) patch.routing = oneOf("--routing", flags.routing, GATEWAY_ROUTINGS);

  if (flags.headerName !== undefined) {
    if (patch.routing && patch.routing !== "header") {
      throw new UsageError(`--header-name conflicts with --routing ${patch.routing} (it is for header routing)`);
    }
    patch.headerName = headerName(flags.headerName);
    patch.routing = "header";
  }
  if (flags.apiType !== undefined) {
    if (patch.routing && patch.routing !== "body") {
      throw new UsageError(`--api-type conflicts with --routing ${patch.routing}${flags.headerName !== undefined ? " (implied by --header-name)" : ""} (it is for body routing)`);
    }
    patch.apiType = oneOf("--api-type", flags.apiType, GATEWAY_API_TYPES);
  }

  const wandb: NonNullable<GatewayPatch["wandb"]> = {};
  if (flags.wandbServerUrl !== undefined) wandb.serverUrl = httpUrl("--wandb-server-url", flags.wandbServerUrl);
  if (flags.wandbUsageReports !== undefined) wandb.usageReports = flags.wandbUsageReports;
  if (flags.wandbRateLimiting !== undefined) wandb.rateLimiting = flags.wandbRateLimiting;
  const wandbFlags = wandbFlagsGiven(flags);
  // W&B settings belong to W&B auth alone: any other --auth given conflicts with them.
  if (patch.auth !== undefined && patch.auth !== "wandb" && wandbFlags.length) {
    throw new UsageError(`${wandbFlags.join(", ")} conflict${wandbFlags.length > 1 ? "" : "s"} with --auth ${patch.auth} (W&B settings are for --auth wandb)`);
  }
  if (Object.keys(wandb).length) patch.wandb = wandb;
  if (flags.dns !== undefined) patch.additionalDns = flags.dns.map(dnsName);
  return patch;
}

export function wandbFlagsGiven(flags: SpecFlags): string[] {
  return [
    flags.wandbApiKeyStdin ? "--wandb-api-key-stdin" : "",
    flags.wandbServerUrl !== undefined ? "--wandb-server-url" : "",
    flags.wandbUsageReports !== undefined ? `--${flags.wandbUsageReports ? "" : "no-"}wandb-usage-reports` : "",
    flags.wandbRateLimiting !== undefined ? `--${flags.wandbRateLimiting ? "" : "no-"}wandb-rate-limiting` : "",
  ].filter(Boolean);
}

export function waitTimeoutMs(value: string): number {
  return positiveInt("--wait-timeout", value) * 1000;
}

/** What create and update take besides the spec itself: how to write, wait and print. */
export interface SpecRunOptions {
  wandbApiKeyStdin: boolean;
  wait: boolean;
  waitTimeoutMs: number;
  flags: string[];
  output: OutputChoice;
  dryRun: boolean;
  quiet: boolean;
}

export function specRunOptions(cmd: Command, flags: SpecFlags & OutputFlags & WriteFlags, ctx: Context, specs: readonly FlagSpec<never>[]): SpecRunOptions {
  return {
    wandbApiKeyStdin: Boolean(flags.wandbApiKeyStdin),
    wait: Boolean(flags.wait),
    waitTimeoutMs: waitTimeoutMs(flags.waitTimeout),
    flags: givenFlags(cmd, specs),
    output: outputChoice(flags, ctx.env),
    dryRun: Boolean(flags.dryRun),
    quiet: Boolean(flags.quiet),
  };
}

function headerName(value: string): string {
  if (value.length < 1 || value.length > 100) throw new UsageError(`invalid value for --header-name: 1 to 100 characters (got ${value.length})`);
  if (!HEADER_TOKEN.test(value)) throw new UsageError(`invalid value for --header-name: "${value}" is not a valid HTTP header name`);
  return value;
}

function dnsName(value: string): string {
  const name = value.trim().replace(/\.$/, "");
  if (!DNS_NAME.test(name)) throw new UsageError(`invalid value for --dns: "${value}" is not a DNS name (e.g. llm.example.com)`);
  return name;
}

/**
 * The zones as the control plane spells them, each checked against GET .../gateways/parameters
 * without regard to case (research §3.3), so an unknown zone fails before anything is written.
 */
export function matchZones(given: readonly string[], offered: readonly string[]): string[] {
  return given.map((zone) => {
    const match = offered.find((z) => z.toLowerCase() === zone.toLowerCase());
    if (!match) {
      throw new UsageError(`unknown zone "${zone}" for --zone (offered: ${offered.join(", ") || "none"}; see gw gateways zones)`);
    }
    return match;
  });
}

/** The W&B key from stdin (--wandb-api-key-stdin): one line, never echoed; undefined without the flag. */
export async function wandbKeyFromStdin(flags: { wandbApiKeyStdin?: boolean }, ctx: Context): Promise<string | undefined> {
  if (!flags.wandbApiKeyStdin) return undefined;
  if (ctx.io.isStdinTTY) ctx.note("Reading the W&B API key from stdin (end with Ctrl-D)...");
  const key = (await readAll(ctx.io.stdin)).trim();
  if (!key) throw new UsageError("--wandb-api-key-stdin: stdin was empty");
  if (/\s/.test(key)) throw new UsageError("--wandb-api-key-stdin: the key must be a single line without spaces");
  return key;
}

/** GW_WANDB_API_KEY, trimmed; undefined when unset or blank. */
export function wandbKeyFromEnv(ctx: Context): string | undefined {
  return ctx.env.GW_WANDB_API_KEY?.trim() || undefined;
}
