import { describe, expect, it } from "vitest";
import { rawOf } from "../../src/domain/binding.js";
import { accessKeyPage, toAccessKey, tokenOf } from "../../src/backends/ngrok/access-keys-from-wire.js";
import { createPlan, updatePlan } from "../../src/backends/ngrok/access-keys-to-wire.js";
import { configurationPage, toConfiguration } from "../../src/backends/ngrok/configurations-from-wire.js";
import { parseRouterHops, rulesToWire, scopeFromGrants, scopeToWire } from "../../src/backends/ngrok/configurations-to-wire.js";
import { ruleProvider, ruleTarget, sameTarget } from "../../src/domain/router-chain.js";
import { ExitCode } from "../../src/exit-codes.js";

const ref = { id: "ak_1", uri: "https://api.ngrok.ai/api-keys/ak_1" };
const wireKey = (over: Record<string, unknown> = {}) => ({
  id: "aigk_1",
  uri: "https://api.ngrok.ai/access-keys/aigk_1",
  name: "app",
  createdAt: "2026-06-01T09:00:00Z",
  updatedAt: "2026-06-01T09:00:00Z",
  createdBy: ref,
  lastUpdatedBy: ref,
  keyRedacted: "ng-abcde-g1-****wxyz",
  lastUsed: null,
  accessKeyConfiguration: null,
  ...over,
});
const wireConfig = (over: Record<string, unknown> = {}) => ({
  id: "aigac_1",
  uri: "https://api.ngrok.ai/access-key-configurations/aigac_1",
  name: "Default",
  createdAt: "2026-06-01T09:00:00Z",
  updatedAt: "2026-06-01T09:00:00Z",
  createdBy: ref,
  lastUpdatedBy: ref,
  ...over,
});
const grant = (provider: string, models: string[] | null = null, weight: number | null = null) => ({ provider, weight, models });
const usage = (message: RegExp) => expect.objectContaining({ exitCode: ExitCode.Usage, message: expect.stringMatching(message) });

describe("ngrok access key -> virtual key", () => {
  it("keeps the token out of the record and of the raw body; tokenOf reads it from the create's answer", () => {
    const body = wireKey({ token: "ng-abcde-g1-secretsecretsecret" });
    const key = toAccessKey(body, "create", null);
    expect(JSON.stringify(key)).not.toContain("secretsecret");
    expect(rawOf(key)).not.toHaveProperty("token");
    expect(rawOf(key)).toMatchObject({ id: "aigk_1", keyRedacted: "ng-abcde-g1-****wxyz" });
    expect(tokenOf(body)).toBe("ng-abcde-g1-secretsecretsecret");
    expect(tokenOf(wireKey())).toBe("");
  });

  it("takes the scope from the linked configuration; no link = allow-all; a link it could not read = scope unknown", () => {
    const none = toAccessKey(wireKey(), "get", null);
    expect(none).toMatchObject({ backend: "ngrok", status: "active", configuration: null, providersAllowed: null, modelsAllowed: null, allowAllProviders: true, displayPrefix: "ng-abcde-g1-****wxyz" });
    const link = { accessKeyConfiguration: { id: "aigac_1", uri: "u", name: "Default" } };
    const config = toConfiguration(wireConfig({ access: { providers: { allow: ["openai"] }, models: { allow: ["openai:gpt-4o"] } } }), "get");
    expect(toAccessKey(wireKey(link), "get", config)).toMatchObject({
      configuration: { id: "aigac_1", name: "Default" },
      providersAllowed: ["openai"],
      modelsAllowed: ["openai:gpt-4o"],
      allowAllProviders: false,
    });
    const modelsOnly = toConfiguration(wireConfig({ access: { models: { allow: [] } } }), "get");
    expect(toAccessKey(wireKey(link), "get", modelsOnly)).toMatchObject({ providersAllowed: null, modelsAllowed: [], allowAllProviders: true });
    expect(toAccessKey(wireKey(link), "get", undefined)).toMatchObject({ providersAllowed: null, allowAllProviders: false, configuration: { name: "Default" } });
  });

  it("refuses bodies it cannot read as one line (exit 6)", () => {
    for (const body of [null, [], wireKey({ id: "" }), wireKey({ accessKeyConfiguration: { name: "x" } }), wireKey({ name: 5 })]) {
      expect(() => toAccessKey(body, "get access key", null)).toThrow(expect.objectContaining({ exitCode: ExitCode.Unavailable }));
    }
    expect(() => accessKeyPage({ aiGatewayAccessKeys: [1] }, "list")).toThrow(/unexpected response/);
    expect(accessKeyPage({ aiGatewayAccessKeys: [], uri: "u", nextPageUri: "" }, "list").nextPageUri).toBeNull();
  });
});

describe("ngrok access key configuration -> gw's record", () => {
  it("reads scope dimensions (absent = any, [] = none) and rules with their steps and keys in order", () => {
    const c = toConfiguration(
      wireConfig({
        description: "d",
        access: { providers: { allow: ["openai", "my-ollama"] }, models: {} },
        router: {
          rules: [
            { provider: "openai", steps: [{ type: "user", keys: [{ id: "aigpk_2", name: "b", keyRedacted: "sk-...2" }, { id: "aigpk_1", name: "a", keyRedacted: "sk-...1" }], keySelectionStrategy: "ordered" }, { type: "ngrok" }] },
            { model: "my-ollama:llama3.2", steps: [{ type: "user", keys: [{ id: "aigpk_3" }] }] },
          ],
        },
      }),
      "get",
    );
    expect(c).toEqual({
      id: "aigac_1",
      name: "Default",
      description: "d",
      metadata: null,
      scope: { providers: ["openai", "my-ollama"], models: null },
      rules: [
        { provider: "openai", model: null, steps: [{ type: "user", keys: [{ id: "aigpk_2", name: "b", keyRedacted: "sk-...2" }, { id: "aigpk_1", name: "a", keyRedacted: "sk-...1" }] }, { type: "hosted", keys: [] }] },
        { provider: null, model: "my-ollama:llama3.2", steps: [{ type: "user", keys: [{ id: "aigpk_3", name: "", keyRedacted: "" }] }] },
      ],
    });
    expect(toConfiguration(wireConfig(), "get")).toMatchObject({ scope: null, rules: null });
    expect(toConfiguration(wireConfig({ router: {} }), "get").rules).toBeNull();
  });

  it("refuses a step of an unknown type, a scope that is not a list of strings, a page without its list (exit 6)", () => {
    const bad = [
      wireConfig({ router: { rules: [{ provider: "openai", steps: [{ type: "magic" }] }] } }),
      wireConfig({ router: { rules: [{ provider: "openai" }] } }),
      wireConfig({ access: { providers: { allow: "openai" } } }),
      wireConfig({ access: [] }),
      wireConfig({ router: { rules: [{ provider: "openai", steps: [{ type: "user", keys: [{ name: "no id" }] }] }] } }),
    ];
    for (const body of bad) expect(() => toConfiguration(body, "get")).toThrow(expect.objectContaining({ exitCode: ExitCode.Unavailable }));
    expect(() => configurationPage({ items: [] }, "list")).toThrow(/aiGatewayAccessKeyConfigurations/);
  });
});

describe("gw's input -> ngrok's write bodies", () => {
  it("--provider NAME[::MODEL,...] -> a scope of provider-qualified models; weights and half model lists are refused", () => {
    expect(scopeFromGrants("--provider", [grant("openai", ["gpt-4o", "openai/gpt-4.1"]), grant("anthropic", ["claude"])])).toEqual({
      providers: ["openai", "anthropic"],
      models: ["openai:gpt-4o", "openai:openai/gpt-4.1", "anthropic:claude"],
    });
    expect(scopeFromGrants("--provider", [grant("openai"), grant("my-ollama")])).toEqual({ providers: ["openai", "my-ollama"], models: null });
    expect(() => scopeFromGrants("--provider", [grant("openai", null, 0.7)])).toThrow(usage(/ngrok does not weight providers/));
    expect(() => scopeFromGrants("--provider", [grant("openai"), grant("anthropic", ["x"])])).toThrow(usage(/so openai would be allowed no model/));
    expect(scopeToWire({ providers: ["openai"], models: null })).toEqual({ providers: { allow: ["openai"] } });
    expect(scopeToWire({ providers: null, models: [] })).toEqual({ models: { allow: [] } });
  });

  it("rules -> RouterWrite: keys by id only, ordered; an ngrok step carries nothing else", () => {
    expect(
      rulesToWire([
        { provider: "openai", model: null, steps: [{ type: "user", keys: [{ id: "aigpk_1", name: "a", keyRedacted: "x" }] }, { type: "hosted", keys: [] }] },
        { provider: null, model: "openai:gpt-4o", steps: [{ type: "hosted", keys: [] }] },
      ]),
    ).toEqual({
      rules: [
        { provider: "openai", steps: [{ type: "user", keys: [{ id: "aigpk_1" }], keySelectionStrategy: "ordered" }, { type: "ngrok" }] },
        { model: "openai:gpt-4o", steps: [{ type: "ngrok" }] },
      ],
    });
  });

  it("create and update plans: allow-all by default, fields ngrok keys lack refused, never dropped", () => {
    expect(createPlan({ name: "a", chain: [] })).toEqual({ body: { name: "a" }, scope: null });
    expect(createPlan({ name: "a", chain: [], description: "d", configurationId: "aigac_1" }).body).toEqual({ name: "a", description: "d", accessKeyConfigurationId: "aigac_1" });
    expect(() => createPlan({ name: "a", chain: ["b1"] })).toThrow(usage(/no chain of bindings/));
    expect(() => createPlan({ name: "a", chain: [], rpm: 5 })).toThrow(usage(/no rate limits/));
    expect(() => createPlan({ name: "a", chain: [], providers: [grant("openai")], configurationId: "aigac_1" })).toThrow(usage(/not both/));
    expect(() => createPlan({ name: "n".repeat(256), chain: [] })).toThrow(usage(/256 characters, at most 255/));
    expect(updatePlan({ name: "b", description: "" })).toEqual({ body: { name: "b", description: null }, scope: undefined });
    expect(updatePlan({ allowAllProviders: true }).scope).toBeNull();
    expect(updatePlan({ providers: [grant("openai")], allowAllProviders: false }).scope).toEqual({ providers: ["openai"], models: null });
    expect(updatePlan({ configurationId: null }).body).toEqual({ accessKeyConfigurationId: null });
    expect(() => updatePlan({ allowAllProviders: false })).toThrow(usage(/name the providers/));
    expect(() => updatePlan({ limits: { rpm: 1, tpm: null, rpd: null } })).toThrow(usage(/no rate limits/));
  });
});

describe("gw chain set hops on ngrok", () => {
  it("<provider[/model]> then steps: keys in a row, ngrok; a model is provider-qualified and may hold slashes", () => {
    expect(parseRouterHops(["openai", "k1", "k2", "ngrok"])).toEqual({
      target: { provider: "openai", model: null },
      steps: [{ type: "key", ref: "k1" }, { type: "key", ref: "k2" }, { type: "ngrok" }],
    });
    expect(parseRouterHops(["openai/gpt-4o", "ngrok"]).target).toEqual({ provider: null, model: "openai:gpt-4o" });
    expect(parseRouterHops(["openai:gpt-4o", "ngrok"]).target).toEqual({ provider: null, model: "openai:gpt-4o" });
    expect(parseRouterHops(["together/Qwen/Qwen2.5-72B", "k"]).target).toEqual({ provider: null, model: "together:Qwen/Qwen2.5-72B" });
    expect(() => parseRouterHops(["openai"])).toThrow(usage(/name the rule's steps/));
    for (const bad of ["", "open ai", "openai/", "/gpt-4o", "-x"]) expect(() => parseRouterHops([bad, "ngrok"]), bad).toThrow(usage(/invalid rule target/));
  });

  it("rules are the same target by model, else by provider; a model rule's provider is its prefix", () => {
    const p = { provider: "openai", model: null };
    const m = { provider: null, model: "openai:gpt-4o" };
    expect(sameTarget(p, { provider: "openai", model: null })).toBe(true);
    expect(sameTarget(p, m)).toBe(false);
    expect(sameTarget(m, { provider: "openai", model: "openai:gpt-4o" })).toBe(true);
    expect(ruleProvider(m)).toBe("openai");
    expect(ruleTarget(m)).toBe("model openai:gpt-4o");
    expect(ruleTarget({ provider: "openai", model: "openai:gpt-4o" })).toBe("model openai:gpt-4o (provider openai)");
  });
});
