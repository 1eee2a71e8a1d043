import { describe, expect, it } from "vitest";
import { requirePart } from "../../src/backends/capabilities.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { fakeBackend, langwatchBinding } from "../helpers/fake-backend.js";

/** The helper the command tests stand on: what it records and how it fails. */
describe("fakeBackend", () => {
  it("records each call with its arguments, nested method groups included", async () => {
    const backend = fakeBackend(langwatch, {
      bindings: { get: async () => langwatchBinding(), writes: { update: async () => undefined } },
    });
    await backend.bindings!.get("b1");
    await backend.bindings!.writes.update("b1", { rpm: 5 });
    expect(backend.calls).toEqual([
      { method: "bindings.get", args: ["b1"] },
      { method: "bindings.writes.update", args: ["b1", { rpm: 5 }] },
    ]);
    expect(backend.methods()).toEqual(["bindings.get", "bindings.writes.update"]);
  });

  it("a method the test did not provide throws, naming it and its arguments", async () => {
    const backend = fakeBackend(langwatch, { bindings: { writes: {} } });
    expect(() => backend.bindings!.update("b1", { rpm: 900 })).toThrow(
      'fakeBackend: unexpected call bindings.update("b1", {"rpm":900}); the test did not provide bindings.update',
    );
    expect(() => backend.bindings!.writes.bind({ providerId: "mp_1" })).toThrow("unexpected call bindings.writes.bind");
    expect(backend.methods()).toEqual(["bindings.update", "bindings.writes.bind"]);
  });

  it("a part that is not given is absent, so requirePart answers as for a real backend without it", () => {
    const backend = fakeBackend(langwatch, {});
    expect(backend.bindings).toBeUndefined();
    expect(() => requirePart(backend, "providers list")).toThrow("the langwatch backend does not support `gw providers list` (see gw backends)");
  });

  it("plain values of a part pass through untouched", () => {
    const semantics = { bindingUnset: "inherit" as const, unenforced: ["tpm" as const] };
    const backend = fakeBackend(langwatch, { limits: { semantics } });
    expect(backend.limits!.semantics).toBe(semantics);
    expect(backend.calls).toEqual([]);
  });
});
