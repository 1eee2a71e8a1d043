import { describe, expect, it } from "vitest";
import { rawOf } from "../../src/domain/binding.js";
import { addKeyBody, patchedKey, valueSecrets, wireModels } from "../../src/backends/bifrost/provider-keys.js";
import { keysFromListBody, toProviderKey } from "../../src/backends/bifrost/provider-keys-from-wire.js";
import { ExitCode } from "../../src/exit-codes.js";

const REDACTED = "sk-p************************0001";

/** A Key as GET /api/providers/{p}/keys/{id} answers it (research §2.4), value redacted. */
const wire = (over: Record<string, unknown> = {}) => ({
  id: "k-1",
  name: "openai-prod",
  value: { value: REDACTED, env_var: "", from_env: false },
  models: ["gpt-4o", "gpt-4o-mini"],
  blacklisted_models: ["o1"],
  weight: 0.7,
  enabled: true,
  use_for_batch_api: false,
  config_hash: "abc",
  ...over,
});

describe("Bifrost provider key from the wire", () => {
  it("maps a key to gw's record, without the value in any form", () => {
    const key = toProviderKey(wire(), "openai", "1.5", "list keys");
    expect(key).toEqual({
      id: "k-1",
      backend: "bifrost",
      provider: "openai",
      name: "openai-prod",
      weight: 0.7,
      models: ["gpt-4o", "gpt-4o-mini"],
      enabled: true,
      createdAt: null,
      updatedAt: null,
      details: { blockedModels: ["o1"], aliases: {}, envVar: null, config: null, useForBatchApi: false, modelDiscovery: null },
    });
    expect(JSON.stringify(key)).not.toContain("sk-p");
    // --raw: the server's body, with its (already redacted) secret kept as is.
    expect((rawOf(key) as { value: { value: string } }).value.value).toBe(REDACTED);
  });

  it("reads the allow-list per generation: v1.5 [] = none and [\"*\"] = all; v1.4 [] = all", () => {
    expect(toProviderKey(wire({ models: [] }), "openai", "1.5", "w").models).toEqual([]);
    expect(toProviderKey(wire({ models: ["*"] }), "openai", "2", "w").models).toBeNull();
    expect(toProviderKey(wire({ models: [] }), "openai", "1.4", "w").models).toBeNull();
  });

  it("disabled, the env variable's name, a cloud config, aliases, failed discovery and timestamps", () => {
    const key = toProviderKey(
      wire({
        enabled: false,
        value: { value: "", env_var: "env.OPENAI_BACKUP_KEY", from_env: true },
        azure_key_config: { endpoint: { value: "https://x.openai.azure.com", env_var: "", from_env: false } },
        aliases: { fast: "gpt-4o-mini", bad: 3 },
        status: "list_models_failed",
        description: "401 Invalid API Key",
        created_at: "2026-05-01T10:00:00Z",
        updated_at: "2026-05-02T10:00:00Z",
      }),
      "azure",
      "1.5",
      "w",
    );
    expect(key).toMatchObject({ enabled: false, createdAt: "2026-05-01T10:00:00Z", updatedAt: "2026-05-02T10:00:00Z" });
    expect(key.details).toMatchObject({
      envVar: "env.OPENAI_BACKUP_KEY",
      config: "azure",
      aliases: { fast: "gpt-4o-mini" },
      modelDiscovery: "list_models_failed: 401 Invalid API Key",
    });
  });

  it("takes absent or odd fields as unknown (weight null, name empty), and refuses a key without an id (exit 6)", () => {
    const key = toProviderKey({ id: "k-2" }, "groq", "1.5", "w");
    expect(key).toMatchObject({ name: "", weight: null, models: null, enabled: true });
    expect(toProviderKey(wire({ weight: Infinity }), "openai", "1.5", "w").weight).toBeNull();
    for (const bad of [null, "x", { name: "no id" }, { id: "" }, { id: "a\u001b[31m" }]) {
      expect(() => toProviderKey(bad, "openai", "1.5", "list keys")).toThrow(expect.objectContaining({ exitCode: ExitCode.Unavailable }));
    }
  });

  it("reads the list body {keys, total}", () => {
    expect(keysFromListBody({ keys: [wire()], total: 1 }, "openai", "1.5", "w").map((k) => k.id)).toEqual(["k-1"]);
    expect(() => keysFromListBody({ providers: [] }, "openai", "1.5", "list keys")).toThrow(/expected \{"keys": \[\.\.\.\]\}/);
  });
});

describe("Bifrost provider key to the wire", () => {
  it("a new key: all models by default (v1.5+: [\"*\"], v1.4: []), weight 1 by default, the value as a plain string", () => {
    expect(addKeyBody({ name: "n", value: "sk-secret-value-1234" }, "1.5")).toEqual({ name: "n", value: "sk-secret-value-1234", models: ["*"], weight: 1 });
    expect(addKeyBody({ name: "n", value: "v", weight: 0.2, models: ["gpt-4o"] }, "2")).toMatchObject({ models: ["gpt-4o"], weight: 0.2 });
    expect(addKeyBody({ name: "n", value: "v" }, "1.4").models).toEqual([]);
    expect(wireModels(["gpt-4o", "*"], "1.5")).toEqual(["*"]);
  });

  it("an update is the whole key as read with only the named fields changed; the redacted value goes back unchanged", () => {
    const body = patchedKey(wire(), { weight: 0.1, enabled: false }, "1.5");
    expect(body).toEqual({ ...wire(), config_hash: undefined, weight: 0.1, enabled: false });
    expect("config_hash" in body).toBe(false);
    expect(body.value).toEqual({ value: REDACTED, env_var: "", from_env: false });
  });

  it("a new value replaces the redacted one; models '*' is all; an object value without env_var goes back as its string", () => {
    expect(patchedKey(wire(), { value: "sk-new-secret-0099", models: ["*"] }, "1.5")).toMatchObject({ value: "sk-new-secret-0099", models: ["*"] });
    expect(patchedKey(wire({ value: { value: REDACTED } }), { name: "x" }, "1.5")).toMatchObject({ name: "x", value: REDACTED });
    expect("value" in patchedKey(wire({ value: null }), { name: "x" }, "1.5")).toBe(false);
    expect(patchedKey(wire(), { models: ["*"] }, "1.4").models).toEqual([]);
  });

  it("masks the value as given and as JSON prints it", () => {
    expect(valueSecrets(undefined)).toEqual([]);
    expect(valueSecrets("sk-plain-0000")).toEqual(["sk-plain-0000"]);
    expect(valueSecrets('sk-"quoted"\\x')).toEqual(['sk-"quoted"\\x', 'sk-\\"quoted\\"\\\\x']);
  });
});
