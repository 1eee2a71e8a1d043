import { describe, it } from "vitest";
import { requirePart } from "../../src/backends/capabilities.js";
import { cryptoBytes } from "../../src/sandbox/ids.js";
import { ngrokErrors } from "../../src/sandbox/ngrok/errors.js";
import { providerRoutes } from "../../src/sandbox/ngrok/providers.js";
import { seedState } from "../../src/sandbox/ngrok/seed.js";
import { deserialize, serialize } from "../../src/sandbox/ngrok/state.js";
import * as records from "./record-checks.js";
import { checkOperation, KEY, sandboxAnswers, type Operation, type PartsFactory, type RealAnswers } from "./server-answers.js";
import { ngrok } from "../../src/backends/ngrok/index.js";
import { createBackend } from "../../src/backends/ngrok/adapter.js";
import { expect } from "vitest";
import type { ChainView } from "../../src/backends/backend.js";
import { accessKeyRoutes } from "../../src/sandbox/ngrok/access-keys.js";
import { configurationRoutes } from "../../src/sandbox/ngrok/configurations.js";
import { providerKeyRoutes } from "../../src/sandbox/ngrok/provider-keys.js";

const adapter = { info: ngrok, createBackend };

/**
 * ngrok: every read and write of the adapter against arbitrary server answers, paging (nextPageUri) and
 * the providerId lookup (GET by id, 404, then the whole list) included.
 */
/** The ngrok sandbox without its contract check (compiled per instance, too slow for hundreds of runs). */
const ngrokSandbox: PartsFactory = (init) => {
  const state = init.saved ? deserialize(init.saved.state) : seedState(init.seed);
  return { routes: providerRoutes(state, cryptoBytes), errors: ngrokErrors, stateHeader: () => ({}), snapshot: () => serialize(state) };
};

function seeded(): { real: RealAnswers; id: string; providerId: string } {
  const real = sandboxAnswers(ngrokSandbox);
  const list = real("GET", "/providers", new URLSearchParams(), undefined, {}).body as { aiGatewayProviders: { id: string; providerId: string }[] };
  const first = list.aiGatewayProviders[0]!;
  return { real, id: first.id, providerId: first.providerId };
}

const ops = (ids: ReturnType<typeof seeded>): Operation<any>[] => [
  {
    name: "providers list",
    run: (b) => requirePart(b, "providers list").list(),
    check: records.checkBindings,
    // A cursor that is not a /providers URI was quoted in the message, with whatever token it carried.
    regressions: [[{ kind: "json", status: 200, value: { aiGatewayProviders: [], nextPageUri: `Bearer ${KEY}` } }]],
  },
  { name: "providers get by id", run: (b) => requirePart(b, "providers get").get(ids.id), check: records.checkBinding },
  { name: "providers get by providerId", run: (b) => requirePart(b, "providers get").get(ids.providerId), check: records.checkBinding },
  {
    name: "providers bind",
    run: (b) =>
      requirePart(b, "providers bind").bind({
        providerId: "prop-test",
        name: "Prop",
        baseUrl: "https://prop.example/v1",
        models: ["m1"],
        surfaces: [{ format: "openai", surface: "chat-completions" }],
      }),
    check: records.checkBinding,
  },
  {
    name: "providers update",
    run: (b) => requirePart(b, "providers update").update(ids.providerId, { name: "Renamed", models: ["a", "b"], surfaces: [{ format: "openai" }], metadata: null }),
    check: records.checkBinding,
  },
  {
    name: "providers delete",
    run: (b) => requirePart(b, "providers delete").remove(ids.providerId),
    check: records.checkNothing,
    // The 409 message names the provider by the ids the server listed: their control characters came along.
    regressions: [
      [
        { kind: "error", status: 404, value: {} },
        { kind: "json", status: 200, value: { aiGatewayProviders: [{ id: "\u001b[2Jid", providerId: ids.providerId, name: "n", baseUrl: "https://b" }], nextPageUri: null } },
        { kind: "error", status: 409, value: { msg: "in use", details: { providerKeys: "pk_1" } } },
      ],
    ],
  },
];

describe("ngrok: any server answer ends in a record or a documented error", () => {
  for (const { name } of ops(seeded())) {
    it(name, async () => {
      await checkOperation(adapter, () => {
        const ids = seeded();
        return { real: ids.real, op: ops(ids).find((o) => o.name === name)! };
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Provider keys (/provider-keys): every read and write of the providerKeys and providerKeyRotate parts,
// paging, the provider lookup (a custom provider's server id) and the key's value sent in a write.

import { expect } from "vitest";
import type { ProviderKey } from "../../src/domain/provider-key.js";
import { providerKeyRoutes } from "../../src/sandbox/ngrok/provider-keys.js";
import { PAYLOAD_SECRET } from "./server-answers.js";

/** The ngrok sandbox with its provider keys, without the contract check (see ngrokSandbox). */
const keysSandbox: PartsFactory = (init) => {
  const state = init.saved ? deserialize(init.saved.state) : seedState(init.seed);
  return {
    routes: [...providerRoutes(state, cryptoBytes), ...providerKeyRoutes(state, cryptoBytes)],
    errors: ngrokErrors,
    stateHeader: () => ({}),
    snapshot: () => serialize(state),
  };
};

function seededKeys(): { real: RealAnswers; keyId: string; providerId: string; providerServerId: string } {
  const real = sandboxAnswers(keysSandbox);
  const keys = (real("GET", "/provider-keys", new URLSearchParams(), undefined, {}).body as { aiGatewayProviderKeys: { id: string; providerId: string }[] })
    .aiGatewayProviderKeys;
  const key = keys.find((k) => k.providerId === "my-ollama")!;
  const providers = (real("GET", "/providers", new URLSearchParams(), undefined, {}).body as { aiGatewayProviders: { id: string; providerId: string }[] })
    .aiGatewayProviders;
  return { real, keyId: key.id, providerId: key.providerId, providerServerId: providers.find((p) => p.providerId === key.providerId)!.id };
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** gw's provider-key record: every field of its type; ids and the provider printable; never the value sent. */
function checkProviderKey(k: ProviderKey): void {
  expect(typeof k.id === "string" && k.id !== "" && !CONTROL_CHARS.test(k.id), `id ${JSON.stringify(k.id)}`).toBe(true);
  expect(typeof k.provider === "string" && k.provider !== "" && !CONTROL_CHARS.test(k.provider), `provider ${JSON.stringify(k.provider)}`).toBe(true);
  expect(typeof k.name).toBe("string");
  expect(k).toMatchObject({ backend: "ngrok", weight: null, models: null, enabled: true });
  for (const at of [k.createdAt, k.updatedAt]) expect(at === null || typeof at === "string").toBe(true);
  expect(typeof k.details === "object" && k.details !== null).toBe(true);
  for (const [field, value] of Object.entries(k.details)) expect(value === null || typeof value === "string", `details.${field}`).toBe(true);
  expect(JSON.stringify(k)).not.toContain(PAYLOAD_SECRET);
}

const checkProviderKeys = (keys: ProviderKey[]): void => {
  expect(Array.isArray(keys)).toBe(true);
  keys.forEach(checkProviderKey);
};

const keyOps = (ids: ReturnType<typeof seededKeys>): Operation<any>[] => [
  { name: "providers keys list", run: (b) => requirePart(b, "providers keys list").list(), check: checkProviderKeys },
  { name: "providers keys list <providerId>", run: (b) => requirePart(b, "providers keys list").list(ids.providerId), check: checkProviderKeys },
  {
    name: "providers keys list <provider server id>",
    run: (b) => requirePart(b, "providers keys list").list(ids.providerServerId),
    check: checkProviderKeys,
  },
  {
    name: "providers keys add",
    run: (b) => requirePart(b, "providers keys add").add(ids.providerServerId, { name: "prop", value: PAYLOAD_SECRET }),
    check: checkProviderKey,
    secrets: [PAYLOAD_SECRET],
    // A server that echoes the value in the created record: masked in the record and its raw body alike.
    regressions: [[{ kind: "error", status: 404, value: {} }, { kind: "json", status: 201, value: { id: "k", providerId: "p", name: PAYLOAD_SECRET } }]],
  },
  { name: "providers keys update --name", run: (b) => requirePart(b, "providers keys update").update(ids.providerId, ids.keyId, { name: "renamed" }), check: checkProviderKey },
  {
    name: "providers keys update --value-stdin",
    run: (b) => requirePart(b, "providers keys update").update(ids.providerId, ids.keyId, { value: PAYLOAD_SECRET }),
    check: checkProviderKey,
    secrets: [PAYLOAD_SECRET],
  },
  {
    name: "providers keys rotate",
    run: (b) => requirePart(b, "providers keys rotate").rotate(ids.providerServerId, ids.keyId, PAYLOAD_SECRET),
    check: checkProviderKey,
    secrets: [PAYLOAD_SECRET],
  },
  {
    name: "providers keys remove",
    run: (b) => requirePart(b, "providers keys remove").remove(ids.providerId, ids.keyId),
    check: records.checkNothing,
    // A 409 names what refers to the key from details the server chose: their control characters came along.
    regressions: [[{ kind: "real" }, { kind: "error", status: 409, value: { msg: "in use", details: { "access\u001b[2JKeyConfigurations": "akc_1,\u009b2J" } } }]],
  },
];

describe("ngrok provider keys: any server answer ends in a record or a documented error", () => {
  for (const { name } of keyOps(seededKeys())) {
    it(name, async () => {
      await checkOperation(adapter, () => {
        const ids = seededKeys();
        return { real: ids.real, op: keyOps(ids).find((o) => o.name === name)! };
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Access keys (vk), their configurations and router rules (chain): every read and write, the configuration
// reads behind a key, paging of both lists, the name lookups of chain set's provider keys and the
// multi-request writes (a configuration, then the key) included.

/** The whole ngrok sandbox (providers, provider keys, access keys, configurations) without its contract check. */
const accessSandbox: PartsFactory = (init) => {
  const state = init.saved ? deserialize(init.saved.state) : seedState(init.seed);
  return {
    routes: [...providerRoutes(state, cryptoBytes), ...providerKeyRoutes(state, cryptoBytes), ...accessKeyRoutes(state, cryptoBytes), ...configurationRoutes(state, cryptoBytes)],
    errors: ngrokErrors,
    stateHeader: () => ({}),
    snapshot: () => serialize(state),
  };
};

interface AccessIds {
  real: RealAnswers;
  /** A key whose configuration no other key links, one without a configuration, one sharing Default. */
  own: string;
  bare: string;
  shared: string;
}

function accessSeeded(): AccessIds {
  const real = sandboxAnswers(accessSandbox);
  const keys = (real("GET", "/access-keys", new URLSearchParams(), undefined, {}).body as { aiGatewayAccessKeys: { id: string; name: string }[] })
    .aiGatewayAccessKeys;
  const id = (name: string) => keys.find((k) => k.name === name)!.id;
  return { real, own: id("Batch jobs"), bare: id("CI smoke tests"), shared: id("Production web app") };
}

function checkRouterView(view: ChainView): void {
  expect(view.kind).toBe("router");
  if (view.kind !== "router") return;
  records.checkVirtualKey(view.key);
  expect(Array.isArray(view.sharedWith) && view.sharedWith.every((s) => typeof s === "string")).toBe(true);
  if (view.rules === null) return;
  for (const rule of view.rules) {
    expect(rule.provider === null || typeof rule.provider === "string").toBe(true);
    expect(rule.model === null || typeof rule.model === "string").toBe(true);
    for (const step of rule.steps) {
      expect(["user", "hosted"]).toContain(step.type);
      for (const k of step.keys) expect([typeof k.id, typeof k.name, typeof k.keyRedacted]).toEqual(["string", "string", "string"]);
    }
  }
}

const accessOps = (ids: AccessIds): Operation<any>[] => [
  { name: "vk list", run: (b) => requirePart(b, "vk list").list(), check: records.checkVirtualKeys },
  { name: "vk get (with a configuration)", run: (b) => requirePart(b, "vk get").get(ids.shared), check: records.checkVirtualKey },
  { name: "vk get (allow-all)", run: (b) => requirePart(b, "vk get").get(ids.bare), check: records.checkVirtualKey },
  { name: "vk create --name", run: (b) => requirePart(b, "vk create").create({ name: "prop", chain: [] }), check: records.checkIssuedKey },
  {
    name: "vk create --provider (configuration, then key)",
    run: (b) => requirePart(b, "vk create").create({ name: "prop", chain: [], providers: [{ provider: "openai", weight: null, models: ["gpt-4o"] }] }),
    check: records.checkIssuedKey,
  },
  {
    name: "vk update (scope of its own configuration, and name)",
    run: (b) => requirePart(b, "vk update").update(ids.own, { name: "renamed", providers: [{ provider: "anthropic", weight: null, models: null }] }),
    check: records.checkVirtualKey,
  },
  {
    name: "vk update (a scope for a key without one)",
    run: (b) => requirePart(b, "vk update").update(ids.bare, { providers: [{ provider: "openai", weight: null, models: null }] }),
    check: records.checkVirtualKey,
  },
  { name: "vk delete", run: (b) => requirePart(b, "vk delete").remove(ids.own), check: records.checkNothing },
  { name: "chain", run: (b) => requirePart(b, "chain").show(ids.shared), check: checkRouterView },
  { name: "chain set (its own configuration)", run: (b) => requirePart(b, "chain set").set(ids.own, ["anthropic", "ngrok"]), check: checkRouterView },
  { name: "chain set (a key without one; a key by name)", run: (b) => requirePart(b, "chain set").set(ids.bare, ["my-ollama", "ollama-bearer"]), check: checkRouterView },
];

describe("ngrok access keys and chains: any server answer ends in a record or a documented error", () => {
  for (const { name } of accessOps(accessSeeded())) {
    it(name, async () => {
      await checkOperation(adapter, () => {
        const ids = accessSeeded();
        return { real: ids.real, op: accessOps(ids).find((o) => o.name === name)! };
      });
    });
  }
});
