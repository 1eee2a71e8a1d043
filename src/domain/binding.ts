/**
 * gw's normalized provider binding: the stable JSON contract of `-o json` (README "JSON records").
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
}

export type BindingStatus = "active" | "disabled";

/** What `bind` creates; limits left out inherit. */
export interface BindInput {
  providerId: string;
  slot?: string;
  rpm?: number;
  tpm?: number;
  rpd?: number;
  fallbackPriority?: number;
  headers?: Record<string, string>;
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
