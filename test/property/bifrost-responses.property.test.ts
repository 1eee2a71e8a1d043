import { describe, it } from "vitest";
import type { ChainView } from "../../src/backends/backend.js";
import { requirePart } from "../../src/backends/capabilities.js";
import type { VirtualKey } from "../../src/domain/virtual-key.js";
import { createBifrostSandbox } from "../../src/sandbox/bifrost/index.js";
import * as records from "./record-checks.js";
import { checkOperation, sandboxAnswers, type Operation, type RealAnswers } from "./server-answers.js";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { createBackend } from "../../src/backends/bifrost/adapter.js";

const adapter = { info: bifrost, createBackend };

/**
 * Bifrost v1.4, v1.5 and v2: every read and write of the adapter (including the multi-request ones: update
 * reads twice before it writes, list reads governance and key counts, vk update reads the key, chain set reads
 * the key, the rules and the providers, then writes and reads the rules again) against arbitrary server answers.
 */
type Version = "1.4" | "1.5" | "2";

interface Seeded {
  real: RealAnswers;
  provider: string;
  key: VirtualKey;
}

function seeded(version: Version): Seeded {
  const real = sandboxAnswers(createBifrostSandbox, { bifrostVersion: version });
  const get = (path: string) => real("GET", path, new URLSearchParams(), undefined, {}).body as Record<string, any>;
  const wireKey = get("/api/governance/virtual-keys").virtual_keys[0];
  return {
    real,
    provider: get("/api/providers").providers[0].name,
    // routingRules reads only the key's id and owners.
    key: { id: wireKey.id, teamId: wireKey.team_id ?? null, customerId: wireKey.customer_id ?? null } as VirtualKey,
  };
}

const ops = (ids: Seeded): Operation<any>[] => [
  { name: "providers list", run: (b) => requirePart(b, "providers list").list(), check: records.checkBindings },
  { name: "providers get", run: (b) => requirePart(b, "providers get").get(ids.provider), check: records.checkBinding },
  { name: "providers bind", run: (b) => requirePart(b, "providers bind").bind({ providerId: "mistral", baseUrl: "https://m.example" }), check: records.checkBinding },
  {
    name: "providers bind with limits",
    run: (b) => requirePart(b, "providers bind").bind({ providerId: "mistral", rpm: 60, tpm: 1000 }),
    check: records.checkBinding,
    // gw's own 409 message quoted the server's error code with its control characters.
    regressions: [[{ kind: "error", status: 409, value: { error: { message: "exists", code: "\u001b[31m" } } }]],
  },
  {
    name: "providers update",
    run: (b) => requirePart(b, "providers update").update(ids.provider, { maxRetries: 2, headers: { "X-A": "1" }, rpm: 30 }),
    check: records.checkBinding,
    // A field that appeared between the two reads is named in the refusal, control characters and all.
    regressions: [[{ kind: "real" }, { kind: "real" }, { kind: "real" }, { kind: "mutant", mutations: [{ at: 2, op: "set", value: { "\u001b[31mred": 1 } }] }]],
  },
  { name: "providers update limits only", run: (b) => requirePart(b, "providers update").update(ids.provider, { rpd: 500, tpm: null }), check: records.checkBinding },
  {
    name: "providers update --force",
    run: (b) => requirePart(b, "providers update").update(ids.provider, { concurrency: 2, bufferSize: 10 }, { force: true }),
    check: records.checkBinding,
  },
  { name: "providers delete", run: (b) => requirePart(b, "providers delete").remove(ids.provider), check: records.checkNothing },
  { name: "vk list", run: (b) => requirePart(b, "vk list").list(), check: records.checkVirtualKeys },
  { name: "vk get", run: (b) => requirePart(b, "vk get").get(ids.key.id), check: records.checkVirtualKey },
  { name: "chain (routing rules)", run: (b) => requirePart(b, "chain").show(ids.key.id).then((v) => (v.kind === "rules" ? v.rules : null)), check: records.checkRoutingRules },
  {
    name: "vk create",
    run: (b) =>
      requirePart(b, "vk create").create({
        name: "prop",
        chain: [],
        providers: [{ provider: ids.provider, weight: 1, models: null }],
        budgets: [{ maxLimit: 5, resetDuration: "1M" }],
        rpm: 10,
        teamId: "team-prop",
      }),
    check: records.checkIssuedKey,
  },
  // A usage error before anything is sent on v1.x; on v2 a create.
  { name: "vk create --allow-all-providers", run: (b) => requirePart(b, "vk create").create({ name: "prop-all", chain: [], allowAllProviders: true }), check: records.checkIssuedKey },
  {
    name: "vk update",
    run: (b) =>
      requirePart(b, "vk update").update(ids.key.id, {
        description: "d",
        providers: [{ provider: "openai", weight: 0.5, models: ["gpt-4o"] }, { provider: "groq", weight: 0.5, models: null }],
        budgets: [{ maxLimit: 150, resetDuration: "1M" }],
        limits: { rpm: null, tpm: 100, rpd: 5000 },
        teamId: "team-prop",
      }),
    check: records.checkVirtualKey,
  },
  { name: "vk rotate", run: (b) => requirePart(b, "vk rotate").rotate(ids.key.id), check: records.checkIssuedKey },
  { name: "vk disable", run: (b) => requirePart(b, "vk disable").disable(ids.key.id), check: records.checkVirtualKey },
  { name: "vk enable", run: (b) => requirePart(b, "vk enable").enable(ids.key.id), check: records.checkVirtualKey },
  { name: "vk delete", run: (b) => requirePart(b, "vk delete").remove(ids.key.id), check: records.checkNothing },
  {
    name: "chain set",
    run: (b) => requirePart(b, "chain set").set(ids.key.id, ["openai/gpt-4o", "anthropic/claude-3-5-haiku-20241022"]),
    check: (v: ChainView) => {
      records.checkVirtualKey(v.key);
      if (v.kind === "rules") records.checkRoutingRules(v.rules);
    },
  },
];

describe.each(["1.4", "1.5", "2"] as const)("Bifrost v%s: any server answer ends in a record or a documented error", (version) => {
  for (const { name } of ops(seeded(version))) {
    it(name, async () => {
      await checkOperation(adapter, () => {
        const ids = seeded(version);
        return { real: ids.real, op: ops(ids).find((o) => o.name === name)! };
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Provider keys (issue 11): list, add, update (GET + PUT on v1.5+, a provider PUT with the key set on v1.4),
// remove; the key's value is the operation's secret: never in a trace after the write, nor in an error.

import { expect as expectKey } from "vitest";
import type { ProviderKey } from "../../src/domain/provider-key.js";
import { PAYLOAD_SECRET as KEY_VALUE } from "./server-answers.js";

function checkProviderKey(k: ProviderKey): void {
  expectKey(typeof k.id === "string" && k.id !== "", `key.id ${JSON.stringify(k.id)}`).toBe(true);
  expectKey(k.backend).toBe("bifrost");
  for (const f of ["provider", "name"] as const) expectKey(typeof k[f], `key.${f}`).toBe("string");
  expectKey(k.weight === null || Number.isFinite(k.weight), `key.weight ${k.weight}`).toBe(true);
  expectKey(k.models === null || (Array.isArray(k.models) && k.models.every((m) => typeof m === "string")), "key.models").toBe(true);
  expectKey(typeof k.enabled, "key.enabled").toBe("boolean");
  for (const f of ["createdAt", "updatedAt"] as const) expectKey(k[f] === null || typeof k[f] === "string", `key.${f}`).toBe(true);
  expectKey(typeof k.details === "object" && k.details !== null, "key.details").toBe(true);
  // The value never enters the record, in any form.
  expectKey(JSON.stringify(k)).not.toContain(KEY_VALUE);
}

const checkProviderKeys = (keys: ProviderKey[]): void => {
  expectKey(Array.isArray(keys)).toBe(true);
  keys.forEach(checkProviderKey);
};

/** A provider with a key, and that key's id, from the seed. */
function seededKey(version: Version): { real: RealAnswers; provider: string; keyId: string } {
  const real = sandboxAnswers(createBifrostSandbox, { bifrostVersion: version });
  const get = (path: string) => real("GET", path, new URLSearchParams(), undefined, {}).body as Record<string, any>;
  const provider = "openai";
  const keys = version === "1.4" ? get(`/api/providers/${provider}`).keys : get(`/api/providers/${provider}/keys`).keys;
  return { real, provider, keyId: keys[0].id };
}

const keyOps = (ids: ReturnType<typeof seededKey>): Operation<any>[] => [
  { name: "providers keys list", run: (b) => requirePart(b, "providers keys list").list(ids.provider), check: checkProviderKeys },
  {
    name: "providers keys add",
    secrets: [KEY_VALUE],
    run: (b) => requirePart(b, "providers keys add").add(ids.provider, { name: "prop-key", value: KEY_VALUE, weight: 0.5, models: ["gpt-4o"] }),
    check: checkProviderKey,
    // A server quoting the value back in its refusal: masked in the message.
    regressions: [[{ kind: "real" }, { kind: "error", status: 400, value: { error: { message: `invalid key ${KEY_VALUE}` } } }]],
  },
  { name: "providers keys add (a clashing name)", run: (b) => requirePart(b, "providers keys add").add(ids.provider, { name: "openai-prod", value: KEY_VALUE }), secrets: [KEY_VALUE], check: checkProviderKey },
  {
    name: "providers keys update",
    secrets: [KEY_VALUE],
    run: (b) => requirePart(b, "providers keys update").update(ids.provider, ids.keyId, { value: KEY_VALUE, weight: 0.2, models: ["*"], enabled: false }),
    check: checkProviderKey,
  },
  { name: "providers keys update (unknown key)", run: (b) => requirePart(b, "providers keys update").update(ids.provider, "nope", { weight: 1 }), check: checkProviderKey },
  { name: "providers keys remove", run: (b) => requirePart(b, "providers keys remove").remove(ids.provider, ids.keyId), check: records.checkNothing },
];

describe.each(["1.4", "1.5", "2"] as const)("Bifrost v%s provider keys: any server answer ends in a record or a documented error", (version) => {
  for (const { name } of keyOps(seededKey(version))) {
    it(name, async () => {
      await checkOperation(adapter, () => {
        const ids = seededKey(version);
        return { real: ids.real, op: keyOps(ids).find((o) => o.name === name)! };
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Routing rules of every scope (issue 11: gw apply's routingRules section): list, create, update, delete,
// at /api/routing/rules on v2 and /api/governance/routing-rules on v1.x, the path found by reading first.

import { routingRulesBehind, type BifrostRoutingRules } from "../../src/backends/bifrost/rule-writes.js";
import type { Backend } from "../../src/backends/backend.js";

const rulesOf = (b: Backend): BifrostRoutingRules => {
  const api = routingRulesBehind(b.chainWrites);
  if (!api) throw new Error("no routing rules registered behind chainWrites");
  return api;
};

function seededRule(version: Version): { real: RealAnswers; ruleId: string; keyId: string } {
  const real = sandboxAnswers(createBifrostSandbox, { bifrostVersion: version });
  const get = (path: string) => real("GET", path, new URLSearchParams(), undefined, {}).body as Record<string, any>;
  return { real, ruleId: get("/api/governance/routing-rules").rules[0].id, keyId: get("/api/governance/virtual-keys").virtual_keys[0].id };
}

const ruleOps = (ids: ReturnType<typeof seededRule>): Operation<any>[] => [
  { name: "routing rules list", run: (b) => rulesOf(b).list(), check: records.checkRoutingRules },
  {
    name: "routing rule create",
    run: (b) =>
      rulesOf(b).create({
        name: "prop-rule",
        cel_expression: "true",
        targets: [{ provider: "openai", model: "gpt-4o", weight: 1 }],
        fallbacks: ["anthropic/claude-3-5-haiku-20241022"],
        scope: "virtual_key",
        scope_id: ids.keyId,
        priority: 3,
      }),
    check: records.checkNothing,
  },
  {
    name: "routing rule update",
    run: (b) => rulesOf(b).update(ids.ruleId, { enabled: false, fallbacks: [], targets: [{ provider: "groq", weight: 1 }], scope: "global", scope_id: null }),
    check: records.checkNothing,
  },
  { name: "routing rule update (unknown rule)", run: (b) => rulesOf(b).update("nope", { priority: 1 }), check: records.checkNothing },
  { name: "routing rule delete", run: (b) => rulesOf(b).remove(ids.ruleId), check: records.checkNothing },
];

describe.each(["1.4", "1.5", "2"] as const)("Bifrost v%s routing rules: any server answer ends in a record or a documented error", (version) => {
  for (const { name } of ruleOps(seededRule(version))) {
    it(name, async () => {
      await checkOperation(adapter, () => {
        const ids = seededRule(version);
        return { real: ids.real, op: ruleOps(ids).find((o) => o.name === name)! };
      });
    });
  }
});
