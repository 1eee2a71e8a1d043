import { describe, expect, it } from "vitest";
import { pageFromListBody, toBinding } from "../../src/backends/ngrok/from-wire.js";
import { checkBindInput, checkPatch } from "../../src/backends/ngrok/input-rules.js";
import { createBody, patchBody } from "../../src/backends/ngrok/to-wire.js";
import { rawOf, type BindInput } from "../../src/domain/binding.js";
import { GwError } from "../../src/errors.js";
import { ExitCode } from "../../src/exit-codes.js";

const wire = {
  id: "aigp_01",
  uri: "https://api.ngrok.ai/providers/aigp_01",
  providerId: "my-ollama",
  name: "Local Ollama",
  baseUrl: "https://my-ollama.internal",
  metadata: "team=ml",
  createdAt: "2026-06-01T09:00:00Z",
  updatedAt: "2026-06-02T10:00:00Z",
  createdBy: { id: "ak_1", uri: "https://api.ngrok.ai/api-keys/ak_1" },
  lastUpdatedBy: { id: "ak_2", uri: "https://api.ngrok.ai/api-keys/ak_2" },
  supportedApiSurfaces: [
    { format: "openai", surface: "chat-completions", baseUrl: "https://chat.my-ollama.internal", supportedParams: [{ name: "temperature" }] },
    { format: "anthropic" },
  ],
  models: [
    { id: "m1", modelId: "llama3.2", providerModelId: "meta-llama/Llama-3.2-3B", unsupportedParams: ["logprobs", "seed"] },
    { id: "m2", modelId: "qwen2.5", unsupportedParams: [] },
  ],
};

function exitCodeOf(fn: () => unknown): number {
  try {
    fn();
  } catch (err) {
    if (err instanceof GwError) return err.exitCode;
    throw err;
  }
  throw new Error("expected a GwError");
}

describe("ngrok wire -> normalized binding", () => {
  it("maps every field, with the ngrok-only ones in details, and keeps the raw body", () => {
    const b = toBinding(wire, "get");
    expect(b).toEqual({
      id: "aigp_01", backend: "ngrok", provider: "my-ollama", providerId: "my-ollama", slot: null,
      rpm: null, tpm: null, rpd: null, fallbackPriority: null, rotationPolicy: null, health: null,
      status: "active", disabledAt: null, createdAt: "2026-06-01T09:00:00Z",
      name: "Local Ollama", baseUrl: "https://my-ollama.internal", models: ["llama3.2", "qwen2.5"],
      updatedAt: "2026-06-02T10:00:00Z",
      details: {
        uri: "https://api.ngrok.ai/providers/aigp_01", metadata: "team=ml",
        surfaces: ["openai/chat-completions", "anthropic"],
        surfaceSettings: [
          { surface: "openai/chat-completions", baseUrl: "https://chat.my-ollama.internal", supportedParams: ["temperature"] },
          { surface: "anthropic", baseUrl: null, supportedParams: [] },
        ],
        models: [
          { modelId: "llama3.2", providerModelId: "meta-llama/Llama-3.2-3B", unsupportedParams: ["logprobs", "seed"] },
          { modelId: "qwen2.5", providerModelId: null, unsupportedParams: [] },
        ],
        createdBy: "ak_1", lastUpdatedBy: "ak_2",
      },
    });
    expect(rawOf(b)).toBe(wire);
  });

  it("reads model entries from a server older than providerModelId/unsupportedParams as having none", () => {
    const b = toBinding({ ...wire, models: [{ id: "m1", modelId: "llama3.2" }] }, "get");
    expect(b.models).toEqual(["llama3.2"]);
    expect(b.details).toMatchObject({ models: [{ modelId: "llama3.2", providerModelId: null, unsupportedParams: [] }] });
  });

  it("reads absent optional fields as empty (models, surfaces) or null (metadata)", () => {
    const { metadata: _m, supportedApiSurfaces: _s, models: _x, ...minimal } = wire;
    const b = toBinding(minimal, "get");
    expect(b.models).toEqual([]);
    expect(b.details).toMatchObject({ metadata: null, surfaces: [], surfaceSettings: [], models: [] });
  });

  it("reports a body without the fields gw reads as an unexpected response (exit 6)", () => {
    expect(exitCodeOf(() => toBinding({ ...wire, providerId: 7 }, "get"))).toBe(ExitCode.Unavailable);
    expect(exitCodeOf(() => toBinding({ ...wire, models: [{ id: "m" }] }, "get"))).toBe(ExitCode.Unavailable);
    expect(exitCodeOf(() => toBinding({ ...wire, models: [{ id: "m", modelId: "a", providerModelId: 7 }] }, "get"))).toBe(ExitCode.Unavailable);
    expect(exitCodeOf(() => toBinding({ ...wire, models: [{ id: "m", modelId: "a", unsupportedParams: "seed" }] }, "get"))).toBe(ExitCode.Unavailable);
    expect(exitCodeOf(() => toBinding({ ...wire, supportedApiSurfaces: [{ format: "openai", baseUrl: 1 }] }, "get"))).toBe(ExitCode.Unavailable);
    expect(exitCodeOf(() => pageFromListBody({ data: [] }, "list"))).toBe(ExitCode.Unavailable);
  });

  it("reads a list page and its cursor; an empty or null nextPageUri ends the list", () => {
    const page = pageFromListBody({ aiGatewayProviders: [wire], uri: "/providers", nextPageUri: "/providers?beforeId=aigp_01" }, "list");
    expect(page.bindings.map((b) => b.id)).toEqual(["aigp_01"]);
    expect(page.nextPageUri).toBe("/providers?beforeId=aigp_01");
    expect(pageFromListBody({ aiGatewayProviders: [], uri: "/providers", nextPageUri: null }, "list").nextPageUri).toBeNull();
    expect(pageFromListBody({ aiGatewayProviders: [], uri: "/providers", nextPageUri: "" }, "list").nextPageUri).toBeNull();
    expect(pageFromListBody({ aiGatewayProviders: [], uri: "/providers" }, "list").nextPageUri).toBeNull();
  });
});

describe("gw input -> ngrok wire", () => {
  it("create: the required fields, then only the optional ones given; a repeated model is sent once", () => {
    expect(createBody({ providerId: "p", name: "P", baseUrl: "https://p.example" })).toEqual({ providerId: "p", name: "P", baseUrl: "https://p.example" });
    expect(
      createBody({
        providerId: "p", name: "P", baseUrl: "https://p.example", metadata: "",
        models: ["a", "b", "a"], surfaces: [{ format: "openai", surface: "chat-completions" }, { format: "anthropic" }],
      }),
    ).toEqual({
      providerId: "p", name: "P", baseUrl: "https://p.example", metadata: "",
      supportedApiSurfaces: [{ format: "openai", surface: "chat-completions" }, { format: "anthropic" }],
      models: [{ modelId: "a" }, { modelId: "b" }],
    });
  });

  it("patch: models absent = keep, [] = clear, a list = replace; never providerId, never null name/models", () => {
    expect(patchBody({ name: "N" })).toEqual({ name: "N" });
    expect(patchBody({ models: [] })).toEqual({ models: [] });
    expect(patchBody({ models: ["x", "y"] })).toEqual({ models: [{ modelId: "x" }, { modelId: "y" }] });
    expect(patchBody({ metadata: null, surfaces: null })).toEqual({ metadata: null, supportedApiSurfaces: null });
    expect(patchBody({ baseUrl: "https://b.example" })).toEqual({ baseUrl: "https://b.example" });
    expect(Object.keys(patchBody({ name: "N", models: ["x"] }))).not.toContain("providerId");
  });

  it("patch: replacing surfaces keeps the baseUrl and supportedParams a surface already had", () => {
    expect(patchBody({ surfaces: [{ format: "openai", surface: "chat-completions" }, { format: "openai", surface: "responses" }] }, wire)).toEqual({
      supportedApiSurfaces: [
        { format: "openai", surface: "chat-completions", baseUrl: "https://chat.my-ollama.internal", supportedParams: [{ name: "temperature" }] },
        { format: "openai", surface: "responses" },
      ],
    });
  });

  it("patch: a model that stays keeps providerModelId and unsupportedParams; id=upstream sets, id= drops the upstream id", () => {
    expect(patchBody({ models: ["llama3.2", "new"] }, wire)).toEqual({
      models: [{ modelId: "llama3.2", providerModelId: "meta-llama/Llama-3.2-3B", unsupportedParams: ["logprobs", "seed"] }, { modelId: "new" }],
    });
    expect(patchBody({ models: [{ id: "llama3.2", upstream: "org/other" }, { id: "qwen2.5", upstream: "Qwen/Qwen2.5-7B" }] }, wire)).toEqual({
      models: [
        { modelId: "llama3.2", providerModelId: "org/other", unsupportedParams: ["logprobs", "seed"] },
        { modelId: "qwen2.5", providerModelId: "Qwen/Qwen2.5-7B" },
      ],
    });
    expect(patchBody({ models: [{ id: "llama3.2", upstream: null }] }, wire)).toEqual({
      models: [{ modelId: "llama3.2", unsupportedParams: ["logprobs", "seed"] }],
    });
    // A repeated model is one entry; an explicit upstream id wins over a bare mention.
    expect(patchBody({ models: ["x", { id: "x", upstream: "up" }, "x"] })).toEqual({ models: [{ modelId: "x", providerModelId: "up" }] });
  });

  it("create: id=upstream sends providerModelId", () => {
    expect(createBody({ providerId: "p", name: "P", baseUrl: "https://p.example", models: [{ id: "llama3", upstream: "meta-llama/Llama-3-8B" }, "plain"] }).models).toEqual([
      { modelId: "llama3", providerModelId: "meta-llama/Llama-3-8B" },
      { modelId: "plain" },
    ]);
  });
});

describe("ngrok input rules (research §1.3 bounds)", () => {
  const ok: BindInput = { providerId: "p", name: "P", baseUrl: "https://p.example" };

  it("accepts values at the bounds, counting characters rather than UTF-16 units", () => {
    expect(() => checkBindInput({ ...ok, providerId: "x".repeat(255), name: "😀".repeat(255), metadata: "m".repeat(4096), models: ["m".repeat(255)] })).not.toThrow();
    expect(() => checkBindInput({ ...ok, baseUrl: `https://e.example/${"a".repeat(2048 - 18)}` })).not.toThrow();
  });

  it("refuses values past them with a usage error naming the flag", () => {
    const cases: [Partial<BindInput>, RegExp][] = [
      [{ providerId: "x".repeat(256) }, /--provider-id: 256 characters, at most 255/],
      [{ name: "n".repeat(256) }, /--name/],
      [{ baseUrl: `https://e.example/${"a".repeat(2048)}` }, /--base-url/],
      [{ metadata: "m".repeat(4097) }, /--metadata: 4097 characters, at most 4096/],
      [{ models: ["ok", ""] }, /--model: must not be empty/],
    ];
    for (const [over, message] of cases) {
      expect(() => checkBindInput({ ...ok, ...over })).toThrow(message);
      expect(exitCodeOf(() => checkBindInput({ ...ok, ...over }))).toBe(ExitCode.Usage);
    }
    expect(() => checkPatch({ models: ["m".repeat(256)] })).toThrow(/--model/);
    expect(() => checkPatch({ models: [{ id: "m", upstream: "u".repeat(255) }] })).not.toThrow();
    expect(() => checkPatch({ models: [{ id: "m", upstream: "u".repeat(256) }] })).toThrow(/--model: upstream model id of 256 characters, at most 255/);
    expect(() => checkPatch({ models: [{ id: "", upstream: "u" }] })).toThrow(/--model: must not be empty/);
    expect(() => checkPatch({ models: [{ id: "m", upstream: "a" }, { id: "m", upstream: "b" }] })).toThrow(/--model m is given twice with different upstream model ids/);
    expect(() => checkPatch({ models: [{ id: "m", upstream: "a" }, "m", { id: "m", upstream: "a" }] })).not.toThrow();
    expect(() => checkPatch({ metadata: "m".repeat(4097) })).toThrow(/--metadata/);
  });

  it("refuses fields ngrok has no place for instead of dropping them, and a bind without name or base URL", () => {
    expect(() => checkBindInput({ ...ok, rpm: 5 })).toThrow(/cannot set rpm/);
    expect(() => checkPatch({ slot: "primary", name: "n" })).toThrow(/cannot set slot/);
    expect(() => checkBindInput({ providerId: "p" })).toThrow(/missing required flags: --name, --base-url/);
  });
});
