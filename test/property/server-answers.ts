import fc from "fast-check";
import { MockAgent } from "undici";
import { expect } from "vitest";
import type { Backend, BackendInfo, Parts } from "../../src/backends/backend.js";
import type { HttpClient } from "../../src/http/client.js";

/** A backend's descriptor and its adapter. */
export interface AdapterModule {
  info: BackendInfo;
  createBackend(http: HttpClient): Parts;
}
import { GwError } from "../../src/errors.js";
import { createHttpClient } from "../../src/http/client.js";
import type { BackendInit, Reply, SandboxBackendInstance } from "../../src/sandbox/backend.js";
import { Router } from "../../src/sandbox/router.js";

/**
 * Property-based tests of response parsing (issue 6): a control plane may answer anything. Each request an
 * adapter makes gets a fast-check-chosen answer: the real one (from the in-process sandbox, which speaks the
 * backend's contract), the real one mutated (a field removed, a wrong type, null, a huge or negative number,
 * control characters, the key echoed), another status with the real body, arbitrary JSON, an error body,
 * text, an empty body. Whatever comes back, gw must end in a well-typed record or a one-line GwError with a
 * documented exit code that neither moves the terminal nor shows the key.
 */
export const KEY = "sk-property-secret-0123456789abcdef";
/** A secret a command sends in a body (a W&B key): a server may echo it too. */
export const PAYLOAD_SECRET = "wandb-property-key-0123456789abcdef0123";
export const BASE = "https://control.example";

/** The exit codes a failing command may end with (README "Exit codes"); 1 is a bug. */
const FAILURE_CODES = [2, 3, 4, 5, 6, 7];
/** Any C0 or C1 control character, ESC included: a one-line message has none. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const ESC_OR_C1 = /[\u001b\u0080-\u009f]/;

// ---------------------------------------------------------------------------------------------------------
// What a broken or hostile server sends

/** Text a broken server sends: binary junk, terminal controls, odd unicode, huge strings. */
const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.constantFrom(
    "",
    " ",
    "\u001b[31mred\u001b[0m",
    "\u001b]0;title\u0007",
    "\u009b2J",
    "two\nlines\r\n",
    "nul\u0000",
    "ünïcode ☃ 🚀 \u202eevil",
    "x".repeat(5000),
    "2026-13-45T99:99:99Z",
    "*",
  ),
);

/**
 * The same, or a secret echoed back. Servers echo what they were sent in error messages, error details and
 * error pages, so that is where the key is planted; not inside the records gw reads (as an id, say), where
 * gw could not tell it from data.
 */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  nastyText,
  fc.constantFrom(KEY, `invalid key ${KEY}`, `Bearer ${KEY}`, PAYLOAD_SECRET, `apiKey ${PAYLOAD_SECRET} is invalid`),
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 53), 1e21),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/**
 * Field names a server may send: odd, with control characters or named like Object.prototype members.
 */
const fieldName: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("", "\u001b[31mred", "\u009b2J", "__proto__", "constructor", "toString", "valueOf", "id", "name"),
);

/** A value of any JSON type, biased to the awkward ones (what a mutation puts into a record). */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  nastyNumber,
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.array(nastyText, { maxLength: 3 }),
  fc.dictionary(fieldName, nastyText, { maxKeys: 3 }),
  fc.dictionary(fieldName, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** The error bodies of every backend (LangWatch/Bifrost `error`, ngrok `msg`/`details`, CoreWeave `code`/`details`). */
const errorBody: fc.Arbitrary<unknown> = fc.record(
  {
    error: fc.oneof(nastyString, fc.record({ message: nastyString, code: fc.oneof(nastyString, nastyNumber) }, { requiredKeys: [] })),
    message: nastyString,
    msg: nastyString,
    detail: nastyString,
    code: fc.oneof(nastyString, nastyNumber, fc.constantFrom(5, 7, 16, "not_found", "NOT_FOUND")),
    errorCode: nastyString,
    statusCode: nastyNumber,
    is_bifrost_error: fc.boolean(),
    details: fc.oneof(
      fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
      fc.array(fc.record({ fieldViolations: fc.array(fc.record({ field: nastyString, description: nastyString }), { maxLength: 2 }) })),
      nastyValue,
    ),
  },
  { requiredKeys: [] },
);

export const anyStatus: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 405, 409, 410, 412, 422, 429, 500, 502, 503),
  fc.integer({ min: 200, max: 599 }),
);

/** One change to a real body: the `at`-th node (depth first, modulo the node count) removed or replaced. */
export type Mutation = { at: number; op: "remove" } | { at: number; op: "set"; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), op: fc.constant("remove" as const) }),
  fc.record({ at: fc.nat(), op: fc.constant("set" as const), value: nastyValue }),
);

/** How the server answers one request. */
export type Plan =
  | { kind: "real" }
  | { kind: "mutant"; mutations: Mutation[] }
  | { kind: "restatus"; status: number }
  | { kind: "json"; status: number; value: unknown }
  | { kind: "error"; status: number; value: unknown }
  | { kind: "text"; status: number; text: string }
  | { kind: "overflow" }
  | { kind: "truncated"; at: number }
  | { kind: "empty"; status: number };

const htmlPage = nastyString.map((s) => `<html><head><title>${s}</title></head><body>${s}</body></html>`);

export const plan: fc.Arbitrary<Plan> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: "real" as const }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("mutant" as const), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restatus" as const), status: anyStatus }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("json" as const), status: anyStatus, value: fc.oneof(nastyValue, nastyString, fc.jsonValue()) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("error" as const), status: fc.integer({ min: 400, max: 599 }), value: errorBody }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("text" as const), status: anyStatus, text: fc.oneof(nastyString, htmlPage) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "overflow" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncated" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("empty" as const), status: anyStatus }) },
);

/** Answers for the first requests of a command; the requests after those get real answers. */
export const scenario: fc.Arbitrary<Plan[]> = fc.array(plan, { minLength: 1, maxLength: 6 });

/**
 * Answers that once broke gw, replayed for every operation before the random ones (fast-check `examples`):
 * a 4xx outside the usual ones (exit 1), a 2xx HTML page quoting the key (the key in the message), error
 * codes with terminal controls (in the message), the key in an error's code, details or field violations
 * (in the message), a C1 control in a JSON string (in the trace).
 */
export const REGRESSIONS: Plan[][] = [
  [{ kind: "error", status: 405, value: {} }],
  [{ kind: "empty", status: 413 }],
  [{ kind: "text", status: 200, text: `<html><head><title>invalid key ${KEY}</title></head></html>` }],
  [{ kind: "error", status: 400, value: { error: { code: "\u001b]0;title\u0007" } } }],
  [{ kind: "error", status: 403, value: { error: { code: "\u0000" } } }],
  [{ kind: "error", status: 400, value: { errorCode: `Bearer ${KEY}`, details: { key: KEY } } }],
  [{ kind: "error", status: 400, value: { code: 3, details: [{ fieldViolations: [{ field: "apiKey", description: `bad key ${KEY}` }] }] } }],
  [{ kind: "mutant", mutations: [{ at: 1, op: "set", value: "\u009b2J" }] }],
];

// ---------------------------------------------------------------------------------------------------------
// Applying a plan

/** Every place in a JSON value, as key paths; [] is the value itself. */
function places(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...path, i], out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) places(v, [...path, k], out);
  return out;
}

export function mutate(body: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
  for (const m of mutations) {
    const all = places(root);
    const path = all[m.at % all.length]!;
    if (path.length === 0) {
      root = m.op === "set" ? m.value : undefined;
      continue;
    }
    const parent = path.slice(0, -1).reduce<any>((node, k) => node[k], root);
    const last = path[path.length - 1]!;
    if (m.op === "set") parent[last] = m.value;
    else if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  }
  return root;
}

interface Wire {
  status: number;
  text: string;
  contentType: string;
}

const json = (status: number, value: unknown): Wire => ({
  status,
  text: value === undefined ? "" : JSON.stringify(value),
  contentType: "application/json",
});

function wireFor(p: Plan, real: () => Reply): Wire {
  switch (p.kind) {
    case "real": {
      const r = real();
      return json(r.status, r.body);
    }
    case "mutant": {
      const r = real();
      return json(r.status, mutate(r.body, p.mutations));
    }
    case "restatus":
      return json(p.status, real().body);
    case "json":
    case "error":
      return json(p.status, p.value);
    case "text":
      return { status: p.status, text: p.text, contentType: "text/html" };
    case "overflow": {
      // 1e999 is valid JSON that parses to Infinity.
      const r = real();
      return { ...json(r.status, r.body), text: JSON.stringify(r.body ?? {}).replace(/(:\s*)-?\d+(\.\d+)?/g, "$11e999") };
    }
    case "truncated": {
      const r = real();
      const text = JSON.stringify(r.body ?? {});
      return { ...json(r.status, r.body), text: text.slice(0, p.at % Math.max(1, text.length - 1)) };
    }
    case "empty":
      return { status: p.status, text: "", contentType: "application/json" };
  }
}

// ---------------------------------------------------------------------------------------------------------
// The server: the sandbox's handlers, in process, behind undici's MockAgent

export type RealAnswers = (method: string, path: string, query: URLSearchParams, body: unknown, headers: Record<string, string>) => Reply;

/** What the answers need of a sandbox backend: a factory may leave out the contract (compiling it is slow, and requests are not checked here). */
export type SandboxParts = Pick<SandboxBackendInstance, "routes" | "errors" | "snapshot" | "stateHeader">;
export type PartsFactory = (init: BackendInit) => SandboxParts;

const seeds = new Map<PartsFactory, Map<string, BackendInit["saved"]>>();

/**
 * Real answers from a fresh sandbox instance (no auth, no contract check: gw's requests are taken as they
 * come). The seed is built once and then loaded from its snapshot: seeding hashes keys, loading does not.
 */
export function sandboxAnswers(factory: PartsFactory, options: Partial<BackendInit> = {}): RealAnswers {
  const init: BackendInit = {
    apiKey: KEY,
    seed: "demo",
    langwatchEra: "a",
    bifrostVersion: "1.5",
    bifrostAuth: "bearer",
    transitionMs: 0,
    ...options,
  };
  const byInit = seeds.get(factory) ?? new Map<string, BackendInit["saved"]>();
  seeds.set(factory, byInit);
  const key = JSON.stringify(init);
  let saved = byInit.get(key);
  if (!saved) {
    const seeded = factory(init);
    saved = JSON.parse(JSON.stringify({ header: seeded.stateHeader(), state: seeded.snapshot() })) as NonNullable<BackendInit["saved"]>;
    byInit.set(key, saved);
  }
  const instance = factory({ ...init, saved: JSON.parse(JSON.stringify(saved)) });
  const router = new Router(instance.routes);
  return (method, path, query, body, headers) => {
    const match = router.match(method, path);
    if (!match) return instance.errors.routeNotFound(method, path);
    try {
      return match.route.handle({ method, path, params: match.params, query, headers, body });
    } catch (err) {
      return instance.errors.internal(err);
    }
  };
}

export interface Rig {
  backend: Backend;
  /** "GET /path?query" for every request gw made. */
  requests: string[];
  /** The --debug trace. */
  trace: string[];
  close(): Promise<void>;
}

/** The adapter on the real HTTP client (retries off), its server answering by `plans`. */
export function rig(adapter: AdapterModule, real: RealAnswers, plans: readonly Plan[]): Rig {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const requests: string[] = [];
  const trace: string[] = [];
  agent
    .get(BASE)
    .intercept({ path: () => true, method: () => true })
    .reply((opts) => {
      const url = new URL(opts.path, BASE);
      const p = plans[requests.length] ?? { kind: "real" };
      requests.push(`${opts.method} ${url.pathname}${url.search}`);
      const headers = Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      const wire = wireFor(p, () => real(opts.method, url.pathname, url.searchParams, parseBody(opts.body), headers));
      return { statusCode: wire.status, data: wire.text, responseOptions: { headers: { "content-type": wire.contentType } } };
    })
    .persist();
  const http = createHttpClient({
    baseUrl: BASE,
    headers: adapter.info.authHeaders(KEY, "bearer"),
    secrets: [KEY],
    userAgent: "gw/property",
    timeoutMs: 2000,
    retries: 0,
    dispatcher: agent,
    trace: (line) => trace.push(line),
  });
  return { backend: { ...adapter.createBackend(http), info: adapter.info }, requests, trace, close: () => agent.close() };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== "string" || body === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The property

/** What one operation returns, checked against gw's normalized record types. */
export interface Operation<T = unknown> {
  name: string;
  /** Answers that once broke this operation, replayed first (see REGRESSIONS). */
  regressions?: Plan[][];
  /** Secrets the operation sends besides the profile's key (a W&B key): never shown either. */
  secrets?: string[];
  run(backend: Backend): Promise<T>;
  check(value: T): void;
}

/**
 * Runs `op` against a server following `plans` and asserts the outcome: a value `check` accepts (and that
 * `-o json` can print), or a GwError with a documented exit code and a clean one-line message. The trace
 * (--debug) must not show a secret or move the terminal either. An operation's own secrets (a W&B key) are
 * gw's to protect from the write that sends them on: before it, a server "echoing" one is just data.
 */
export async function expectWellBehaved<T>(adapter: AdapterModule, real: RealAnswers, plans: readonly Plan[], op: Operation<T>): Promise<void> {
  const r = rig(adapter, real, plans);
  let outcome: { ok: true; value: T } | { ok: false; err: unknown };
  try {
    outcome = { ok: true, value: await op.run(r.backend) };
  } catch (err) {
    outcome = { ok: false, err };
  } finally {
    await r.close();
  }
  const sentFrom = r.trace.findIndex((line) => /^> (POST|PUT|PATCH|DELETE) /.test(line));
  r.trace.forEach((line, i) => {
    const secrets = sentFrom >= 0 && i >= sentFrom ? [KEY, ...(op.secrets ?? [])] : [KEY];
    for (const secret of secrets) expect(line, "the --debug trace shows a secret").not.toContain(secret);
    expect(line, "the --debug trace passes terminal controls through").not.toMatch(ESC_OR_C1);
  });
  if (!outcome.ok) {
    expectDocumentedFailure(outcome.err, r.requests, sentFrom >= 0 ? op.secrets : []);
    return;
  }
  op.check(outcome.value);
  expect(() => JSON.stringify(outcome.value)).not.toThrow();
}

export function expectDocumentedFailure(err: unknown, requests: readonly string[] = [], secrets: readonly string[] = []): void {
  const where = `after ${requests.join(", ")}`;
  if (!(err instanceof GwError)) {
    const e = err as Error;
    throw new Error(`not a GwError (${where}): ${e?.name}: ${e?.message}\n${e?.stack ?? ""}`);
  }
  expect(FAILURE_CODES, `exit ${err.exitCode} for "${err.message}" ${where}`).toContain(err.exitCode);
  expect(err.message, `control characters in the message ${where}`).not.toMatch(CONTROL);
  for (const secret of [KEY, ...secrets]) {
    expect(err.message, `a secret in the message ${where}`).not.toContain(secret);
  }
}

/**
 * Runs per operation: enough to find shape bugs, few enough that each file stays well under 30 s.
 * PROPERTY_RUNS=2000 digs deeper locally (the rarer bugs below were found that way).
 */
export const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS) || 100 } as const;

/** Checks `op` against the regressions, then against `RUNS.numRuns` random scenarios; `fresh` builds a new server each run. */
export async function checkOperation(adapter: AdapterModule, fresh: () => { real: RealAnswers; op: Operation<any> }): Promise<void> {
  const regressions = fresh().op.regressions ?? [];
  await fc.assert(
    fc.asyncProperty(scenario, async (plans) => {
      const { real, op } = fresh();
      await expectWellBehaved(adapter, real, plans, op);
    }),
    { ...RUNS, examples: [...REGRESSIONS, ...regressions].map((plans) => [plans] as [Plan[]]) },
  );
}
