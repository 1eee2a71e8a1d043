import { arrayOf, bool, def, int, isPlainObject, Invalid, nullable, object, oneOf, recordOf, str, type Check } from "./schema.js";

/**
 * VirtualKeyConfig, camelCase inside the snake_case envelope. Era A: `virtualKey.config.ts` @ 61a306c
 * (research §2.7); Era B: HEAD (research §3.3), where `fallback.on/timeoutMs` and `modelAliases` are gone and
 * `providersAllowed`, `guardrailAttachments`, `realtime` arrived.
 */
const cache = object({
  mode: def(oneOf(["respect", "force", "disable"]), () => "respect"),
  ttlS: def(int({ min: 0 }), () => 3600),
});
const rateLimits = object({
  rpm: def(nullable(int()), () => null),
  tpm: def(nullable(int()), () => null),
  rpd: def(nullable(int()), () => null),
});
const strings = arrayOf(str());

const metadataA = object({ label: { check: str() }, tags: def(strings, () => []) });

// HEAD normalises tags: trimmed, empty dropped, duplicates removed; at most 32 of at most 128 chars.
const tagsB: Check<string[]> = (v, p) => {
  const tags = arrayOf(str({ max: 128 }), { max: 32 })(v, p);
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ""))];
};
const metadataB = object({ label: { check: str() }, tags: def(tagsB, () => []) });

const guardrailRef = object({ id: { check: str({ min: 1 }), required: true }, evaluator: { check: str({ min: 1 }), required: true } });
const rule = object({ deny: def(strings, () => []), allow: def(nullable(strings), () => null) });

const FALLBACK_ON = ["5xx", "timeout", "rate_limit_exceeded", "network_error", "circuit_breaker"] as const;

const configA = {
  modelAliases: def(recordOf(str()), () => ({})),
  modelsAllowed: def(nullable(strings), () => null),
  cache: def(cache, () => cache({}, "cache")),
  fallback: def(
    object({
      on: def(arrayOf(oneOf(FALLBACK_ON)), () => ["5xx", "timeout", "rate_limit_exceeded"]),
      timeoutMs: def(int({ gt: 0 }), () => 30000),
      maxAttempts: def(int({ gt: 0 }), () => 3),
    }),
    () => ({ on: ["5xx", "timeout", "rate_limit_exceeded"], timeoutMs: 30000, maxAttempts: 3 }),
  ),
  guardrails: def(
    object({
      pre: def(arrayOf(guardrailRef), () => []),
      post: def(arrayOf(guardrailRef), () => []),
      streamChunk: def(arrayOf(guardrailRef), () => []),
      requestFailOpen: def(bool, () => false),
      responseFailOpen: def(bool, () => false),
    }),
    () => ({ pre: [], post: [], streamChunk: [], requestFailOpen: false, responseFailOpen: false }),
  ),
  policyRules: def(
    object({ tools: def(rule, () => rule({}, "")), mcp: def(rule, () => rule({}, "")), urls: def(rule, () => rule({}, "")), models: def(rule, () => rule({}, "")) }),
    () => ({ tools: rule({}, ""), mcp: rule({}, ""), urls: rule({}, ""), models: rule({}, "") }),
  ),
  rateLimits: def(rateLimits, () => rateLimits({}, "")),
  metadata: def(metadataA, () => ({ tags: [] })),
};

// An explicit providersAllowed list must be non-empty on write (research §3.3).
const providersAllowed = nullable(arrayOf(str({ min: 1 }), { min: 1 }));

const configB = {
  modelsAllowed: def(nullable(strings), () => null),
  providersAllowed: def(providersAllowed, () => null),
  cache: def(cache, () => cache({}, "cache")),
  fallback: def(object({ maxAttempts: def(int({ gt: 0 }), () => 3) }), () => ({ maxAttempts: 3 })),
  guardrailAttachments: def(
    arrayOf(object({ direction: { check: oneOf(["pre", "post", "stream_chunk"]), required: true }, guardrailIds: def(strings, () => []) })),
    () => [],
  ),
  rateLimits: def(rateLimits, () => rateLimits({}, "")),
  realtime: def(object({ maxOpenSessions: def(nullable(int({ gt: 0 })), () => null) }), () => ({ maxOpenSessions: null })),
  metadata: def(metadataB, () => ({ tags: [] })),
};

type Era = "a" | "b";
const SHAPES = { a: configA, b: configB };

/** The full default config of a new key. */
export const defaultConfig = (era: Era): Record<string, unknown> => object(SHAPES[era])({}, "config");

/**
 * Parses a partial config: only the top-level keys sent are returned, each nested object completed with
 * schema defaults (not with stored values), which is what the vendor's shallow merge then applies.
 */
export function parsePartialConfig(era: Era, value: unknown, path = "config"): Record<string, unknown> {
  if (!isPlainObject(value)) throw new Invalid(path, value === undefined ? "Required" : "Expected object");
  const shape = SHAPES[era] as Record<string, { check: Check<unknown> }>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const field = shape[k];
    if (field && v !== undefined) out[k] = field.check(v, `${path}.${k}`);
  }
  return out;
}

/** Top-level shallow merge, as the update path does (research §2.7: the docs' "deep-merged" is inaccurate). */
export const mergeConfig = (stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> => ({
  ...stored,
  ...patch,
});
