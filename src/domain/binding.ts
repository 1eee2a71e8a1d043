/**
 * gw's normalized provider binding: the stable JSON contract of `-o json` (docs/output.md).
 * Fields are only ever added. Limits are numbers, or null when the binding inherits them.
 */
export interface Binding {
  id: string;
  backend: string;
  /** Provider key or type, e.g. "openai". */
  provider: string;
  /** The control plane's id of the provider credential this binding wraps. */
  providerId: string;
  slot: string | null;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  fallbackPriority: number | null;
  rotationPolicy: string | null;
  health: string | null;
  status: BindingStatus;
  disabledAt: string | null;
  createdAt: string | null;
  /** Label of the provider where the control plane has one (ngrok `name`); null elsewhere. */
  name: string | null;
  /** Upstream base URL where the control plane stores one (ngrok, Bifrost); null for LangWatch. */
  baseUrl: string | null;
  /** Model ids the provider exposes, where the control plane lists them (ngrok; per-model settings in details); null elsewhere. */
  models: string[] | null;
  updatedAt: string | null;
  /**
   * Backend-specific settings with no common meaning, documented per backend in docs/backends/
   * (Bifrost: concurrency, rate-limit windows, ...; ngrok: surfaces, metadata). null when there are none.
   */
  details: Record<string, unknown> | null;
}

export type BindingStatus = "active" | "disabled";

/**
 * The names people give a binding in documents and dashboards, for commands that take "<id|name>":
 * `provider/slot` where the control plane has slots (LangWatch `openai/primary`), its label (ngrok `name`)
 * and the provider credential it wraps (ngrok's providerId, Bifrost's provider name, LangWatch's model
 * provider id, which several slots may share). An id is matched apart from these and wins.
 */
export function bindingNames(b: Binding): string[] {
  return distinct([b.slot ? `${b.provider}/${b.slot}` : null, b.name, b.providerId]);
}

/** Non-empty strings, each once, in order. */
export function distinct(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v !== ""))];
}

/** An API surface a provider speaks (ngrok `supportedApiSurfaces`): `openai/chat-completions`. */
export interface ApiSurface {
  format: string;
  surface?: string;
}

/**
 * A model a provider exposes (ngrok `models[]`). A bare id says nothing about the upstream model id, so an
 * update keeps the one the model already has; `{id, upstream}` sets it (`--model id=upstream`), and
 * `upstream: null` drops it (`--model id=`: the gateway then sends the id as-is).
 */
export type ModelSpec = string | { id: string; upstream: string | null };

/**
 * What `bind` creates; limits left out inherit. `providerId` is what the backend binds: LangWatch's model
 * provider id, Bifrost's provider name, ngrok's immutable providerId. Fields a backend cannot honour are
 * refused by the capability check before they get here.
 */
export interface BindInput {
  providerId: string;
  slot?: string;
  rpm?: number;
  tpm?: number;
  rpd?: number;
  fallbackPriority?: number;
  headers?: Record<string, string>;
  name?: string;
  baseUrl?: string;
  metadata?: string;
  models?: ModelSpec[];
  surfaces?: ApiSurface[];
  /** Bifrost: a custom provider's base provider type (custom_provider_config.base_provider_type). */
  baseProvider?: string;
  concurrency?: number;
  bufferSize?: number;
  maxRetries?: number;
  /** Bifrost: seconds before an upstream request times out (network_config). */
  requestTimeout?: number;
}

/**
 * A partial update. A key that is absent is left alone; `null` clears the field.
 * Only the fields the user named are present, so adapters can send exactly those.
 */
export interface BindingPatch {
  slot?: string;
  rpm?: number | null;
  tpm?: number | null;
  rpd?: number | null;
  fallbackPriority?: number | null;
  rotationPolicy?: "MANUAL";
  headers?: Record<string, string> | null;
  name?: string;
  baseUrl?: string;
  metadata?: string | null;
  /** The full replacement set; [] clears every model (ngrok PATCH-array semantics). */
  models?: ModelSpec[];
  surfaces?: ApiSurface[] | null;
  concurrency?: number;
  bufferSize?: number;
  maxRetries?: number;
  requestTimeout?: number;
}

/** How a write is made; `force` skips Bifrost's changed-since-read check. */
export interface WriteOptions {
  force?: boolean;
  /** Where an adapter says something the user should know that is not an error (adapters never print). */
  warn?: (message: string) => void;
}

/** The control plane's own body for a record, kept for `--raw`; symbol-keyed so JSON.stringify skips it. */
export const RAW: unique symbol = Symbol("raw");

export type WithRaw<T> = T & { [RAW]?: unknown };

export function withRaw<T extends object>(record: T, raw: unknown): WithRaw<T> {
  Object.defineProperty(record, RAW, { value: raw, enumerable: false });
  return record as WithRaw<T>;
}

export function rawOf(record: object): unknown {
  return (record as { [RAW]?: unknown })[RAW];
}
