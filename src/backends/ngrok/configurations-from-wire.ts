import { withRaw, type WithRaw } from "../../domain/binding.js";
import type { AccessConfiguration, AccessScope, HostedStepNames, RouterChain, RouterStep } from "../../domain/router-chain.js";
import { field, isId, isNullableString, isRecord, isString, optional, unexpected } from "../wire-check.js";
import type { WireRef } from "./wire.js";

/**
 * ngrok access key configurations on the wire (../shared/specs/ngrok-ai-gateway.openapi.yaml,
 * AIGatewayAccessKeyConfiguration, AccessScope/AccessDimension, Router/RouterRule/RouterStep/RouterStepKey).
 */
export interface WireAccessDimension {
  allow?: string[];
}

export interface WireAccessScope {
  providers?: WireAccessDimension;
  models?: WireAccessDimension;
}

export interface WireRouterStepKey {
  id: string;
  name: string;
  keyRedacted: string;
}

export interface WireRouterStep {
  type: "user" | "ngrok";
  keys?: WireRouterStepKey[];
  keySelectionStrategy?: "ordered";
}

export interface WireRouterRule {
  provider?: string;
  model?: string;
  steps: WireRouterStep[];
}

export interface WireConfiguration {
  id: string;
  uri: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  createdBy: WireRef;
  lastUpdatedBy: WireRef;
  description?: string;
  metadata?: string;
  access?: WireAccessScope;
  router?: { rules?: WireRouterRule[] };
}

export const CONFIGURATIONS_PATH = "/access-key-configurations";
export const configurationPath = (id: string): string => `${CONFIGURATIONS_PATH}/${encodeURIComponent(id)}`;

/** One AIGatewayAccessKeyConfiguration -> gw's record. Only id and name are insisted on. */
export function toConfiguration(item: unknown, what: string): WithRaw<AccessConfiguration> {
  if (!isRecord(item)) throw unexpected(what, "an access key configuration is not an object");
  const optStr = (key: string) => field(what, item, key, optional(isNullableString), "a string") ?? null;
  const record: AccessConfiguration = {
    id: field(what, item, "id", isId, "an id"),
    name: field(what, item, "name", isString, "a string"),
    description: optStr("description"),
    metadata: optStr("metadata"),
    scope: scopeOf(item.access, what),
    rules: rulesOf(item.router, what),
  };
  return withRaw(record, item as unknown as WireConfiguration);
}

/** `{aiGatewayAccessKeyConfigurations, uri, nextPageUri}` -> this page's records and the cursor, if any. */
export function configurationPage(body: unknown, what: string): { items: WithRaw<AccessConfiguration>[]; nextPageUri: string | null } {
  if (!isRecord(body) || !Array.isArray(body.aiGatewayAccessKeyConfigurations)) {
    throw unexpected(what, `expected {"aiGatewayAccessKeyConfigurations": [...]}`);
  }
  const next = field(what, body, "nextPageUri", optional(isNullableString), "a string or null");
  return { items: body.aiGatewayAccessKeyConfigurations.map((item) => toConfiguration(item, what)), nextPageUri: next ? next : null };
}

/** Absent scope = allow-all (null); an absent dimension imposes nothing (null); `allow: []` allows nothing. */
function scopeOf(value: unknown, what: string): AccessScope | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw unexpected(what, `"access" is not an object`);
  return { providers: dimension(value.providers, what, "providers"), models: dimension(value.models, what, "models") };
}

function dimension(value: unknown, what: string, name: string): string[] | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw unexpected(what, `"access.${name}" is not an object`);
  if (value.allow === undefined || value.allow === null) return null;
  if (!Array.isArray(value.allow) || !value.allow.every(isString)) throw unexpected(what, `"access.${name}.allow" is not a list of strings`);
  return value.allow;
}

/** Absent router (or no rules) = none set: null, ngrok's defaults apply. */
function rulesOf(value: unknown, what: string): RouterChain[] | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw unexpected(what, `"router" is not an object`);
  if (value.rules === undefined || value.rules === null) return null;
  if (!Array.isArray(value.rules)) throw unexpected(what, `"router.rules" is not an array`);
  return value.rules.map((rule, i) => {
    if (!isRecord(rule) || !Array.isArray(rule.steps)) throw unexpected(what, `router rule ${i + 1} has no "steps"`);
    const provider = field(what, rule, "provider", optional(isNullableString), "a string") ?? null;
    const model = field(what, rule, "model", optional(isNullableString), "a string") ?? null;
    return { provider: provider || null, model: model || null, steps: rule.steps.map((step) => stepOf(step, what, i)) };
  });
}

/** ngrok's hosted step: `{"type": "ngrok"}` on the wire and in gw's JSON, "ngrok.ai inference" for people. */
export const HOSTED_STEP: HostedStepNames = { type: "ngrok", label: "ngrok.ai inference" };

function stepOf(step: unknown, what: string, rule: number): RouterStep {
  if (!isRecord(step) || (step.type !== "user" && step.type !== "ngrok")) throw unexpected(what, `a step of router rule ${rule + 1} is not of type user or ngrok`);
  const keys = step.keys ?? [];
  if (!Array.isArray(keys)) throw unexpected(what, `"keys" of a step of router rule ${rule + 1} is not an array`);
  return {
    type: step.type === "ngrok" ? "hosted" : "user",
    keys: keys.map((k) => {
      if (!isRecord(k) || !isId(k.id)) throw unexpected(what, `a key of router rule ${rule + 1} has no "id"`);
      return { id: k.id, name: typeof k.name === "string" ? k.name : "", keyRedacted: typeof k.keyRedacted === "string" ? k.keyRedacted : "" };
    }),
  };
}
