import { expect } from "vitest";
import type { Binding } from "../../src/domain/binding.js";
import type { RoutingRule } from "../../src/domain/chain.js";
import type { Gateway } from "../../src/domain/gateway.js";
import type { Budget, IssuedKey, ModelProvider, RateLimitWindows, VirtualKey, VkProviderConfig } from "../../src/domain/virtual-key.js";

/**
 * gw's normalized records (the `-o json` contract, docs/output.md, "The JSON record") checked at run time: what an
 * adapter returns must have every field, each of its declared type, whatever the server sent.
 */
type Kind = "string" | "string?" | "number" | "number?" | "boolean" | "strings" | "strings?" | "object?";

function is(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "string?":
      return value === null || typeof value === "string";
    case "number":
      return typeof value === "number";
    case "number?":
      return value === null || typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "strings":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "strings?":
      return value === null || (Array.isArray(value) && value.every((v) => typeof v === "string"));
    case "object?":
      return value === null || (typeof value === "object" && !Array.isArray(value));
  }
}

function shape(what: string, record: unknown, fields: Record<string, Kind>): Record<string, unknown> {
  expect(typeof record === "object" && record !== null, `${what} is an object`).toBe(true);
  const r = record as Record<string, unknown>;
  for (const [key, kind] of Object.entries(fields)) {
    expect(is(r[key], kind), `${what}.${key} should be ${kind}, is ${JSON.stringify(r[key])}`).toBe(true);
  }
  return r;
}

function oneOf(what: string, value: unknown, allowed: readonly unknown[]): void {
  expect(allowed, `${what} = ${JSON.stringify(value)}`).toContain(value);
}

export function checkBinding(b: Binding): void {
  shape("binding", b, {
    id: "string",
    backend: "string",
    provider: "string",
    providerId: "string",
    slot: "string?",
    rpm: "number?",
    tpm: "number?",
    rpd: "number?",
    fallbackPriority: "number?",
    rotationPolicy: "string?",
    health: "string?",
    disabledAt: "string?",
    createdAt: "string?",
    name: "string?",
    baseUrl: "string?",
    models: "strings?",
    updatedAt: "string?",
    details: "object?",
  });
  oneOf("binding.status", b.status, ["active", "disabled"]);
}

export const checkBindings = (list: Binding[]): void => {
  expect(Array.isArray(list)).toBe(true);
  list.forEach(checkBinding);
};

function checkBudget(b: Budget): void {
  shape("budget", b, { maxLimit: "number", resetDuration: "string", currentUsage: "number?", calendarAligned: "boolean" });
}

function checkWindows(w: RateLimitWindows | null): void {
  if (w === null) return;
  for (const win of [w.requests, w.tokens]) if (win !== null) shape("rate window", win, { limit: "number", window: "string", used: "number?" });
}

function checkProviderConfig(c: VkProviderConfig): void {
  shape("provider config", c, {
    provider: "string",
    weight: "number?",
    allowedModels: "strings?",
    blockedModels: "strings",
    keyIds: "strings?",
    rpm: "number?",
    tpm: "number?",
    rpd: "number?",
  });
  c.budgets.forEach(checkBudget);
  checkWindows(c.rateLimit);
}

export function checkVirtualKey(k: VirtualKey): void {
  shape("virtual key", k, {
    id: "string",
    backend: "string",
    name: "string",
    description: "string?",
    environment: "string?",
    displayPrefix: "string?",
    chain: "strings?",
    routingMode: "string?",
    routingPolicyId: "string?",
    providersAllowed: "strings?",
    maxAttempts: "number?",
    fallbackOn: "strings?",
    rpm: "number?",
    tpm: "number?",
    rpd: "number?",
    createdAt: "string?",
    lastUsedAt: "string?",
    revokedAt: "string?",
    teamId: "string?",
    customerId: "string?",
    allowAllProviders: "boolean",
  });
  oneOf("virtual key.status", k.status, ["active", "disabled", "revoked"]);
  expect(k.providerConfigs === null || Array.isArray(k.providerConfigs)).toBe(true);
  k.providerConfigs?.forEach(checkProviderConfig);
  expect(k.budgets === null || Array.isArray(k.budgets)).toBe(true);
  k.budgets?.forEach(checkBudget);
  checkWindows(k.rateLimit);
}

export const checkVirtualKeys = (list: VirtualKey[]): void => {
  expect(Array.isArray(list)).toBe(true);
  list.forEach(checkVirtualKey);
};

export function checkIssuedKey(issued: IssuedKey<VirtualKey>): void {
  checkVirtualKey(issued.key);
  expect(typeof issued.secret).toBe("string");
}

export const checkModelProviders = (list: ModelProvider[]): void => {
  expect(Array.isArray(list)).toBe(true);
  for (const p of list) shape("model provider", p, { id: "string?", provider: "string", enabled: "boolean", stored: "boolean", models: "strings" });
};

export function checkRoutingRules(rules: RoutingRule[] | null): void {
  if (rules === null) return;
  for (const r of rules) {
    shape("routing rule", r, {
      id: "string",
      name: "string",
      description: "string?",
      enabled: "boolean",
      chainRule: "boolean",
      condition: "string",
      scopeId: "string?",
      priority: "number",
    });
    oneOf("routing rule.scope", r.scope, ["global", "team", "customer", "virtual_key"]);
    for (const t of r.targets) shape("route target", t, { provider: "string?", model: "string?", keyId: "string?", weight: "number" });
    for (const f of r.fallbacks) shape("route fallback", f, { provider: "string?", model: "string?" });
  }
}

export function checkGateway(g: Gateway): void {
  shape("gateway", g, {
    id: "string",
    backend: "string",
    name: "string",
    zones: "strings",
    apiType: "string?",
    headerName: "string?",
    additionalDns: "strings",
    endpoints: "strings",
    organizationId: "string?",
    createdAt: "string?",
    updatedAt: "string?",
  });
  oneOf("gateway.auth", g.auth, ["coreweave", "wandb", null]);
  oneOf("gateway.routing", g.routing, ["body", "header", "path", null]);
  oneOf("gateway.status", g.status, ["unspecified", "creating", "ready", "updating", "deleting", "error", "failed"]);
  if (g.wandb !== null) shape("gateway.wandb", g.wandb, { serverUrl: "string?", usageReports: "boolean", rateLimiting: "boolean" });
  for (const c of g.conditions) {
    shape("gateway condition", c, { type: "string", status: "string", reason: "string?", message: "string?", zone: "string?", lastUpdateTime: "string?" });
  }
}

export const checkGateways = (list: Gateway[]): void => {
  expect(Array.isArray(list)).toBe(true);
  list.forEach(checkGateway);
};

export const checkStrings = (list: string[]): void => {
  expect(Array.isArray(list) && list.every((s) => typeof s === "string"), JSON.stringify(list)).toBe(true);
};

export const checkNothing = (value: unknown): void => {
  expect(value).toBeUndefined();
};
