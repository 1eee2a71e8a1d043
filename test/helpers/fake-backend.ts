import type { Backend, BackendInfo, PartName, Parts } from "../../src/backends/backend.js";
import type { Binding } from "../../src/domain/binding.js";
import type { Gateway } from "../../src/domain/gateway.js";
import type { IssuedKey, VirtualKey } from "../../src/domain/virtual-key.js";

/** One call a command made on a part, e.g. { method: "bindings.update", args: ["b1", { rpm: 900 }, {...}] }. */
export interface Call {
  method: string;
  args: unknown[];
}

/** A part with only the members a test needs; a nested group of methods (`bindings.writes`) may be partial too. */
export type FakePart<P> = { [M in keyof P]?: P[M] extends (...args: never[]) => unknown ? P[M] : Partial<P[M]> };
export type FakeParts = { [K in PartName]?: FakePart<NonNullable<Parts[K]>> };

export interface FakeBackend extends Backend {
  /** Every part call, in order, unexpected ones included. */
  readonly calls: Call[];
  /** The method names of `calls`, e.g. ["gateways.zones", "gateways.create"]. */
  methods(): string[];
}

/**
 * A Backend from a real descriptor and the parts a test gives (gh's httpmock). A part that is not given is
 * absent, as on a backend without it, so requirePart answers as it would for real; a method of a given
 * part that the test did not provide throws "unexpected call", naming it and its arguments.
 */
export function fakeBackend(info: BackendInfo, parts: FakeParts = {}): FakeBackend {
  const calls: Call[] = [];
  const backend: Record<string, unknown> = { info, calls, methods: () => calls.map((c) => c.method) };
  for (const [name, impl] of Object.entries(parts)) {
    if (impl) backend[name] = recording(name, impl as object, calls);
  }
  return backend as unknown as FakeBackend;
}

// Keys that runtimes and matchers probe on any object (await, JSON, vitest): never a part method.
const PROBED = new Set(["then", "toJSON", "asymmetricMatch", "$$typeof", "nodeType", "constructor"]);

function recording(path: string, impl: object, calls: Call[]): object {
  return new Proxy(impl, {
    get(target, key, receiver) {
      if (typeof key === "symbol" || PROBED.has(key)) return Reflect.get(target, key, receiver);
      const method = `${path}.${key}`;
      const value: unknown = Reflect.get(target, key, receiver);
      if (value === undefined) {
        return (...args: unknown[]) => {
          calls.push({ method, args });
          throw new Error(`fakeBackend: unexpected call ${method}(${show(args)}); the test did not provide ${method}`);
        };
      }
      if (typeof value === "function") {
        return (...args: unknown[]) => {
          calls.push({ method, args });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (isMethodGroup(value)) return recording(method, value, calls);
      return value;
    },
  });
}

/** `bindings.writes`: a plain object of methods (LimitsPart.semantics, a plain value, is returned as is). */
function isMethodGroup(value: unknown): value is object {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === "function");
}

function show(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === "function") return "[function]";
      try {
        return JSON.stringify(a) ?? String(a);
      } catch {
        return String(a);
      }
    })
    .join(", ");
}

// ---------------------------------------------------------------------------------------------------------
// Records, complete and valid, to override field by field.

/** A LangWatch binding: openai in slot primary, 600 rpm, the rest inherited. */
export function langwatchBinding(over: Partial<Binding> = {}): Binding {
  return {
    id: "b1", backend: "langwatch", provider: "openai", providerId: "mp_1", slot: "primary", rpm: 600, tpm: null, rpd: null,
    fallbackPriority: 10, rotationPolicy: "MANUAL", health: "healthy", status: "active", disabledAt: null,
    createdAt: "2026-05-01T10:00:00.000Z", name: null, baseUrl: null, models: null, updatedAt: null, details: null, ...over,
  };
}

/** A LangWatch (era a) virtual key with an explicit chain of bindings. */
export function virtualKey(over: Partial<VirtualKey> = {}): VirtualKey {
  return {
    id: "vk1", backend: "langwatch", name: "checkout", description: null, status: "active", environment: "live",
    displayPrefix: "sk-lw-ab", chain: ["b1"], routingMode: null, routingPolicyId: null, providersAllowed: null, maxAttempts: null,
    fallbackOn: null, rpm: null, tpm: null, rpd: null, createdAt: "2026-05-02T09:00:00.000Z", lastUsedAt: null, revokedAt: null,
    providerConfigs: null, budgets: null, rateLimit: null, teamId: null, customerId: null, ...over,
  };
}

/** A CoreWeave gateway being created: CoreWeave auth, body routing in the OpenAI format, no endpoint yet. */
export function coreweaveGateway(over: Partial<Gateway> = {}): Gateway {
  return {
    id: "gw-1", backend: "coreweave", name: "chat", zones: ["US-EAST-04A"], auth: "coreweave", wandb: null, routing: "body",
    apiType: "openai", headerName: null, additionalDns: [], endpoints: [], status: "creating", conditions: [],
    organizationId: "org-1", createdAt: "2026-11-01T08:00:00Z", updatedAt: "2026-11-01T08:00:00Z", ...over,
  };
}

/** What vk create / rotate answer: the key and its one-time secret. */
export function issuedKey(key: VirtualKey = virtualKey(), secret = "sk-lw-ab-0123456789secret"): IssuedKey<VirtualKey> {
  return { key, secret };
}
