/**
 * A few zod-like checkers, enough to mirror the vendor's request schemas (zod safeParse with defaults,
 * unknown keys stripped). A failure throws `Invalid` carrying a zod-style message prefixed by the path.
 */
export class Invalid extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
  }
}

export type Check<T> = (value: unknown, path: string) => T;

const kind = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const expected = (what: string, v: unknown, path: string): never => {
  throw new Invalid(path, v === undefined ? "Required" : `Expected ${what}, received ${kind(v)}`);
};

export const str =
  (o: { min?: number; max?: number } = {}): Check<string> =>
  (v, p) => {
    if (typeof v !== "string") return expected("string", v, p);
    if (o.min !== undefined && v.length < o.min) throw new Invalid(p, `String must contain at least ${o.min} character(s)`);
    if (o.max !== undefined && v.length > o.max) throw new Invalid(p, `String must contain at most ${o.max} character(s)`);
    return v;
  };

export const int =
  (o: { min?: number; gt?: number } = {}): Check<number> =>
  (v, p) => {
    if (typeof v !== "number" || !Number.isFinite(v)) return expected("number", v, p);
    if (!Number.isInteger(v)) throw new Invalid(p, "Expected integer, received float");
    if (o.min !== undefined && v < o.min) throw new Invalid(p, `Number must be greater than or equal to ${o.min}`);
    if (o.gt !== undefined && v <= o.gt) throw new Invalid(p, `Number must be greater than ${o.gt}`);
    return v;
  };

export const bool: Check<boolean> = (v, p) => (typeof v === "boolean" ? v : expected("boolean", v, p));

export const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, p) => {
    if (typeof v === "string" && (values as readonly string[]).includes(v)) return v as T;
    throw new Invalid(p, v === undefined ? "Required" : `Invalid enum value. Expected ${values.map((x) => `'${x}'`).join(" | ")}, received '${String(v)}'`);
  };

export const nullable =
  <T>(c: Check<T>): Check<T | null> =>
  (v, p) => (v === null ? null : c(v, p));

export const arrayOf =
  <T>(c: Check<T>, o: { min?: number; max?: number } = {}): Check<T[]> =>
  (v, p) => {
    if (!Array.isArray(v)) return expected("array", v, p);
    if (o.min !== undefined && v.length < o.min) throw new Invalid(p, `Array must contain at least ${o.min} element(s)`);
    if (o.max !== undefined && v.length > o.max) throw new Invalid(p, `Array must contain at most ${o.max} element(s)`);
    return v.map((x, i) => c(x, `${p}.${i}`));
  };

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export const recordOf =
  <T>(c: Check<T>): Check<Record<string, T>> =>
  (v, p) => {
    if (!isPlainObject(v)) return expected("object", v, p);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, c(x, join(p, k))]));
  };

export const anyJson: Check<unknown> = (v) => v;

export const isoDate: Check<string> = (v, p) => {
  const s = str()(v, p);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(s) || Number.isNaN(Date.parse(s))) {
    throw new Invalid(p, "Invalid datetime");
  }
  return new Date(s).toISOString();
};

export interface Field {
  check: Check<unknown>;
  /** Filled in when the key is absent (zod `.default()`); without it an absent key stays absent. */
  default?: () => unknown;
  required?: boolean;
}

const join = (p: string, k: string): string => (p ? `${p}.${k}` : k);

/** zod `object`: known keys checked, defaults applied, unknown keys stripped. */
export const object =
  (shape: Record<string, Field>): Check<Record<string, unknown>> =>
  (v, p) => {
    if (!isPlainObject(v)) return expected("object", v, p);
    const out: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(shape)) {
      if (v[k] === undefined) {
        if (f.required) throw new Invalid(join(p, k), "Required");
        if (f.default) out[k] = f.default();
        continue;
      }
      out[k] = f.check(v[k], join(p, k));
    }
    return out;
  };

export const opt = (check: Check<unknown>): Field => ({ check });
export const req = (check: Check<unknown>): Field => ({ check, required: true });
export const def = (check: Check<unknown>, value: () => unknown): Field => ({ check, default: value });
