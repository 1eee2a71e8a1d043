import type { BindInput, BindingPatch, ModelSpec } from "../../domain/binding.js";
import { apiSurface, headerPairs, httpUrl, integer, nonEmpty, nonNegativeInt, oneOf, positiveInt } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import type { FlagSpec } from "../flag-spec.js";

/**
 * The flags of `providers bind` and `providers update`, each declared once. Both verbs write the same
 * binding fields, so a field's flag is one spec used by both (the help of a few says what differs).
 */
type Fields = Partial<BindInput> & BindingPatch;

const LIMIT_BACKENDS = ["langwatch", "bifrost"] as const;
const SETTINGS = ["bifrost"] as const;

const limit = (dim: "rpm" | "tpm" | "rpd", what: string, omit: string): FlagSpec<Fields> => ({
  flags: `--${dim} <n>`,
  help: `${what} (positive integer${omit})`,
  backends: LIMIT_BACKENDS,
  into: (f, v: string) => void (f[dim] = positiveInt(`--${dim}`, v)),
});

const fallbackPriority: FlagSpec<Fields> = {
  flags: "--fallback-priority <n>",
  help: "global fallback priority (integer; lower is tried first)",
  backends: ["langwatch"],
  into: (f, v: string) => void (f.fallbackPriority = integer("--fallback-priority", v)),
};

const setting = (name: "concurrency" | "bufferSize" | "maxRetries" | "requestTimeout", flags: string, help: string, parse: (flag: string, v: string) => number): FlagSpec<Fields> => ({
  flags,
  help,
  backends: SETTINGS,
  into: (f, v: string) => void (f[name] = parse(flags.split(" ")[0]!, v)),
});

const concurrency = setting("concurrency", "--concurrency <n>", "concurrent upstream requests", positiveInt);
const bufferSize = setting("bufferSize", "--buffer-size <n>", "queued requests (at least --concurrency)", positiveInt);
const maxRetries = setting("maxRetries", "--max-retries <n>", "upstream retries", nonNegativeInt);
const requestTimeout = setting("requestTimeout", "--request-timeout <seconds>", "upstream request timeout", positiveInt);

const metadata = (help: string): FlagSpec<Fields> => ({
  flags: "--metadata <text>",
  help,
  backends: ["ngrok"],
  into: (f, v: string) => void (f.metadata = v),
});

const name = (help: string): FlagSpec<Fields> => ({
  flags: "--name <name>",
  help,
  backends: ["ngrok"],
  requiredOn: ["ngrok"],
  into: (f, v: string) => void (f.name = nonEmpty("--name", v)),
});

const baseUrl = (help: string): FlagSpec<Fields> => ({
  flags: "--base-url <url>",
  help,
  backends: ["ngrok", "bifrost"],
  into: (f, v: string) => void (f.baseUrl = httpUrl("--base-url", v)),
});

const slot = (help: string): FlagSpec<Fields> => ({
  flags: "--slot <slot>",
  help,
  backends: ["langwatch"],
  into: (f, v: string) => void (f.slot = nonEmpty("--slot", v)),
});

const header = (help: string): FlagSpec<Fields> => ({
  flags: "--header <name=value>",
  help,
  backends: ["langwatch", "bifrost"],
  repeatable: true,
  into: (f, v: string[]) => void (f.headers = headerPairs("--header", v)),
});

/**
 * `id`, `id=upstream` (ngrok providerModelId) or `id=` (no upstream id). Split at the first `=`: model ids
 * have `/`, `.` and `:` (`llama3.2:8b`) but not `=`, so an upstream id may even contain one.
 */
function modelSpec(value: string): ModelSpec {
  const eq = value.indexOf("=");
  if (eq < 0) return nonEmpty("--model", value);
  const id = value.slice(0, eq).trim();
  if (!id) throw new UsageError(`invalid value for --model: "${value}" (expected MODEL-ID or MODEL-ID=UPSTREAM-ID)`);
  const upstream = value.slice(eq + 1).trim();
  return { id, upstream: upstream || null };
}

const models = (help: string): FlagSpec<Fields> => ({
  flags: "--model <model-id[=upstream-id]>",
  help,
  backends: ["ngrok"],
  repeatable: true,
  into: (f, v: string[]) => void (f.models = v.map(modelSpec)),
});

const surfaces = (help: string): FlagSpec<Fields> => ({
  flags: "--surface <format[/surface]>",
  help,
  backends: ["ngrok"],
  repeatable: true,
  into: (f, v: string[]) => void (f.surfaces = v.map((s) => apiSurface("--surface", s))),
});

export const BIND_FLAGS: readonly FlagSpec<Fields>[] = [
  {
    flags: "--provider <id>",
    help: "the model provider id (without it, a terminal starts the wizard; Bifrost: the provider name)",
    backends: ["langwatch", "bifrost"],
    requiredOn: ["langwatch", "bifrost"],
    into: (f, v: string) => void (f.providerId = nonEmpty("--provider", v)),
  },
  {
    flags: "--provider-id <id>",
    help: "the provider's immutable id, used in model strings (provider-id:model)",
    backends: ["ngrok"],
    requiredOn: ["ngrok"],
    into(f, v: string) {
      if (f.providerId !== undefined) throw new UsageError("--provider and --provider-id name the same thing; give one");
      f.providerId = nonEmpty("--provider-id", v);
    },
  },
  slot('slot in fallback chains (server default: "primary")'),
  limit("rpm", "requests per minute", "; omit to inherit"),
  limit("tpm", "tokens per minute", "; omit to inherit"),
  limit("rpd", "requests per day", "; omit to inherit"),
  fallbackPriority,
  header("extra header sent to the provider (repeatable)"),
  name("a label for the provider"),
  { ...baseUrl("the provider's API base URL"), requiredOn: ["ngrok"] },
  metadata("free-form metadata"),
  models("a model the provider exposes (repeatable); =UPSTREAM-ID sends the provider that model id instead"),
  surfaces("an API surface it speaks, e.g. openai/chat-completions (repeatable)"),
  {
    flags: "--base-provider <type>",
    help: "base provider type of a custom provider, e.g. openai",
    backends: SETTINGS,
    into: (f, v: string) => void (f.baseProvider = nonEmpty("--base-provider", v)),
  },
  concurrency,
  bufferSize,
  maxRetries,
  requestTimeout,
];

/** Fields `--unset` clears, and the flag that sets each: a backend can unset what it can set. */
export const UNSETTABLE = {
  rpm: { key: "rpm", setBy: "--rpm" },
  tpm: { key: "tpm", setBy: "--tpm" },
  rpd: { key: "rpd", setBy: "--rpd" },
  "fallback-priority": { key: "fallbackPriority", setBy: "--fallback-priority" },
  headers: { key: "headers", setBy: "--header" },
  metadata: { key: "metadata", setBy: "--metadata" },
  surfaces: { key: "surfaces", setBy: "--surface" },
} as const satisfies Record<string, { key: keyof BindingPatch; setBy: string }>;
export type Unsettable = keyof typeof UNSETTABLE;
const UNSETTABLE_NAMES = Object.keys(UNSETTABLE) as Unsettable[];

export const UPDATE_FLAGS: readonly FlagSpec<Fields>[] = [
  limit("rpm", "requests per minute", ""),
  limit("tpm", "tokens per minute", ""),
  limit("rpd", "requests per day", ""),
  slot("move the binding to another slot"),
  fallbackPriority,
  {
    flags: "--rotation-policy <policy>",
    help: "key rotation policy (MANUAL)",
    backends: ["langwatch"],
    into: (f, v: string) => void (f.rotationPolicy = oneOf("--rotation-policy", v, ["MANUAL"] as const)),
  },
  header("extra provider header (repeatable); REPLACES the binding's whole header set, as the API does"),
  { ...name("a new label"), requiredOn: [] },
  baseUrl("a new API base URL"),
  metadata("new metadata"),
  models("REPLACE the model set with these (repeatable); =UPSTREAM-ID sets a model's upstream id, = drops it, a bare id keeps it"),
  {
    flags: "--clear-models",
    help: "remove every model",
    backends: ["ngrok"],
    into(f) {
      if (f.models !== undefined) throw new UsageError("--model conflicts with --clear-models");
      f.models = [];
    },
  },
  surfaces("REPLACE the API surfaces with these (repeatable)"),
  concurrency,
  bufferSize,
  maxRetries,
  requestTimeout,
  {
    flags: "--unset <field>",
    help: `clear a field (repeatable): ${UNSETTABLE_NAMES.join("|")}; limits then inherit`,
    backends: "all",
    repeatable: true,
    // Last, so a field both set and cleared is caught.
    into(f, v: string[]) {
      for (const field of v.flatMap((x) => x.split(",")).map((x) => oneOf("--unset", x, UNSETTABLE_NAMES))) {
        const { key, setBy } = UNSETTABLE[field];
        if (f[key] !== undefined) throw new UsageError(`--unset ${field} conflicts with ${setBy}`);
        (f as Record<string, unknown>)[key] = null;
      }
    },
  },
  {
    flags: "--force",
    help: "write even if the provider changed since gw read it",
    backends: SETTINGS,
  },
];
