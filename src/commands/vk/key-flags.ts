import type { BudgetInput, ProviderGrant, VirtualKey, VirtualKeyInput, VirtualKeyPatch } from "../../domain/virtual-key.js";
import { nonEmpty, nonNegativeNumber, oneOf, positiveInt } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import type { FlagSpec } from "../flag-spec.js";

/**
 * The flags of `vk create` and `vk update`, each declared once. Both write the same key fields; a few
 * flags exist on one verb only (`--unset` on update).
 */
type Limit = "rpm" | "tpm" | "rpd";
interface KeyFields {
  name?: string;
  description?: string;
  chain?: string[];
  /** Only the limits the flags name; null = --unset. */
  limits?: Partial<Record<Limit, number | null>>;
  providers?: ProviderGrant[];
  allowAllProviders?: boolean;
  budgets?: BudgetInput[];
  teamId?: string | null;
  customerId?: string | null;
}

const BIFROST = ["bifrost"] as const;
/** Flags ngrok access keys honour too (its scope: --provider, --allow-all-providers; a new --name). */
const BIFROST_NGROK = ["bifrost", "ngrok"] as const;
/** Key limits: ngrok access keys have none. */
const LIMITED = ["langwatch", "bifrost"] as const;
const PROVIDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const DURATION = /^\d+[smhdwMY]$/;

/**
 * `--provider NAME[:WEIGHT][:MODEL,MODEL...]`: `openai`, `openai:0.7`, `openai:0.7:gpt-4o,gpt-4o-mini`,
 * `openai::gpt-4o` (no weight). Without models the provider's every model is allowed.
 */
export function providerGrant(flag: string, value: string): ProviderGrant {
  const [name = "", weight = "", models, ...rest] = value.trim().split(":");
  if (rest.length > 0 || !PROVIDER_NAME.test(name)) {
    throw new UsageError(`invalid value for ${flag}: "${value}" (expected NAME[:WEIGHT][:MODEL,MODEL...], e.g. openai:0.7:gpt-4o)`);
  }
  const list = models === undefined ? null : models.split(",").map((m) => nonEmpty(flag, m));
  return { provider: name, weight: weight === "" ? null : nonNegativeNumber(flag, weight), models: list };
}

/** `--budget USD/WINDOW`: `100/1M` is $100 a month (windows 30s, 5m, 1h, 1d, 1w, 1M, 1Y). */
export function budget(flag: string, value: string): BudgetInput {
  const [amount = "", window = "", ...rest] = value.trim().split("/");
  if (rest.length > 0 || !DURATION.test(window)) {
    throw new UsageError(`invalid value for ${flag}: "${value}" (expected USD/WINDOW, e.g. 100/1M; windows like 30s, 1h, 1d, 1w, 1M, 1Y)`);
  }
  return { maxLimit: nonNegativeNumber(flag, amount), resetDuration: window };
}

const grants = (help: string): FlagSpec<KeyFields> => ({
  flags: "--provider <name[:weight][:models]>",
  help,
  backends: BIFROST_NGROK,
  repeatable: true,
  into(f, v: string[]) {
    const list = v.map((x) => providerGrant("--provider", x));
    const twice = list.find((g, i) => list.findIndex((o) => o.provider === g.provider) !== i);
    if (twice) throw new UsageError(`--provider ${twice.provider} is given twice`);
    f.providers = list;
  },
});

const budgets = (help: string): FlagSpec<KeyFields> => ({
  flags: "--budget <usd/window>",
  help,
  backends: BIFROST,
  repeatable: true,
  into: (f, v: string[]) => void (f.budgets = v.map((x) => budget("--budget", x))),
});

const limit = (dim: Limit, what: string): FlagSpec<KeyFields> => ({
  flags: `--${dim} <n>`,
  help: `${what} for this key`,
  backends: LIMITED,
  into: (f, v: string) => void (f.limits = { ...f.limits, [dim]: positiveInt(`--${dim}`, v) }),
});

const owner = (field: "teamId" | "customerId", flag: string, help: string): FlagSpec<KeyFields> => ({
  flags: `--${flag} <id>`,
  help,
  backends: BIFROST,
  into(f, v: string) {
    if (field === "customerId" && f.teamId) throw new UsageError("--team and --customer exclude each other (a key belongs to one)");
    f[field] = nonEmpty(`--${flag}`, v);
  },
});

const name = (required: boolean): FlagSpec<KeyFields> => ({
  flags: "--name <name>",
  help: required ? "key name (1-128 characters)" : "a new name (1-128 characters)",
  backends: required ? "all" : BIFROST_NGROK,
  required,
  into(f, v: string) {
    const n = nonEmpty("--name", v);
    if (n.length > 128) throw new UsageError("invalid value for --name: at most 128 characters");
    f.name = n;
  },
});

const description: FlagSpec<KeyFields> = {
  flags: "--description <text>",
  help: "what the key is for",
  backends: "all",
  into: (f, v: string) => void (f.description = v),
};

const chain = (help: string): FlagSpec<KeyFields> => ({
  flags: "--chain <binding-id...>",
  help,
  backends: ["langwatch"],
  into: (f, v: string[]) => void (f.chain = v.map((id) => nonEmpty("--chain", id))),
});

export const CREATE_FLAGS: readonly FlagSpec<KeyFields>[] = [
  name(true),
  description,
  chain("fallback chain in order: primary first (v3.2-v3.3)"),
  limit("rpm", "requests per minute"),
  limit("tpm", "tokens per minute"),
  limit("rpd", "requests per day"),
  grants("a provider the key may use, with its weight and models (repeatable; none = no provider)"),
  { flags: "--allow-all-providers", help: "every provider, including ones added later (v2.1+)", backends: BIFROST_NGROK, into: (f) => void (f.allowAllProviders = true) },
  budgets("a spending cap, e.g. 100/1M for $100 a month (repeatable)"),
  owner("teamId", "team", "the team the key belongs to"),
  owner("customerId", "customer", "the customer the key belongs to"),
];

const UNSETTABLE = ["rpm", "tpm", "rpd", "budgets", "team", "customer"] as const;

export const UPDATE_FLAGS: readonly FlagSpec<KeyFields>[] = [
  name(false),
  description,
  chain("REPLACE the fallback chain with these bindings, primary first (v3.2-v3.3)"),
  limit("rpm", "requests per minute"),
  limit("tpm", "tokens per minute"),
  limit("rpd", "requests per day"),
  grants("REPLACE the key's providers with these (repeatable)"),
  // One value, two switches: --no-... gives false to the first one's `into`.
  {
    flags: "--allow-all-providers",
    help: "allow every provider, including ones added later (v2.1+)",
    backends: BIFROST_NGROK,
    into: (f, v: boolean) => void (f.allowAllProviders = v),
  },
  { flags: "--no-allow-all-providers", help: "allow only the key's own providers", backends: BIFROST_NGROK },
  budgets("REPLACE the key's budgets with these (repeatable)"),
  owner("teamId", "team", "move the key to this team"),
  owner("customerId", "customer", "move the key to this customer"),
  {
    flags: "--unset <field>",
    help: `clear a field (repeatable): ${UNSETTABLE.join("|")}`,
    backends: LIMITED,
    repeatable: true,
    // Last, so a field both set and cleared is caught.
    into(f, v: string[]) {
      for (const field of v.flatMap((x) => x.split(",")).map((x) => oneOf("--unset", x, UNSETTABLE))) {
        if (field === "budgets") {
          if (f.budgets) throw new UsageError("--unset budgets conflicts with --budget");
          f.budgets = [];
        } else if (field === "team" || field === "customer") {
          const key = field === "team" ? "teamId" : "customerId";
          if (f[key]) throw new UsageError(`--unset ${field} conflicts with --${field}`);
          f[key] = null;
        } else {
          if (typeof f.limits?.[field] === "number") throw new UsageError(`--unset ${field} conflicts with --${field}`);
          f.limits = { ...f.limits, [field]: null };
        }
      }
    },
  },
];

/** Which --unset values a backend honours: the ones whose setting flag it honours. */
export const UNSET_SETTERS: Record<(typeof UNSETTABLE)[number], string> = {
  rpm: "--rpm", tpm: "--tpm", rpd: "--rpd", budgets: "--budget", team: "--team", customer: "--customer",
};

/** The create input from the flags' fields (limits flattened into rpm/tpm/rpd). */
export function createInput(f: KeyFields): VirtualKeyInput {
  const input: VirtualKeyInput = { name: f.name ?? "", chain: f.chain ?? [] };
  if (f.description !== undefined) input.description = f.description;
  for (const dim of ["rpm", "tpm", "rpd"] as const) {
    const value = f.limits?.[dim];
    if (typeof value === "number") input[dim] = value;
  }
  if (f.providers) input.providers = f.providers;
  if (f.allowAllProviders) input.allowAllProviders = true;
  if (f.budgets) input.budgets = f.budgets;
  if (f.teamId) input.teamId = f.teamId;
  if (f.customerId) input.customerId = f.customerId;
  return input;
}

/**
 * The patch from the flags' fields. Limits travel as a whole (the control planes replace the block), so
 * the ones not named keep the key's current values.
 */
export function updatePatch(f: KeyFields, current: Pick<VirtualKey, Limit>): VirtualKeyPatch {
  const { limits, ...rest } = f;
  const patch: VirtualKeyPatch = { ...rest } as VirtualKeyPatch;
  if (limits) patch.limits = { rpm: current.rpm, tpm: current.tpm, rpd: current.rpd, ...limits };
  return patch;
}

export type { KeyFields };
