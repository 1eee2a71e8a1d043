import { describe, expect, it } from "vitest";
import { VERB_PARTS, VERBS, type PartName } from "../../src/backends/backend.js";
import { availableBackends, BACKEND_NAMES } from "../../src/backends/registry.js";
import type { HttpClient } from "../../src/http/client.js";

/** Building the parts sends nothing; a request would mean an adapter reads at construction. */
const noHttp = new Proxy({}, { get: () => () => Promise.reject(new Error("no request expected")) }) as unknown as HttpClient;

describe.each(availableBackends())("backend module $name", (info) => {
  it("never gives a reason against a verb it supports", () => {
    for (const verb of VERBS) {
      const why = (info.unsupported as Partial<Record<string, string>>)[verb];
      if (info.capabilities[verb]) expect(why, `${info.name} ${verb}`).toBeUndefined();
    }
  });

  it("has the part of every verb it supports, and no part no supported verb needs", async () => {
    const parts = (await info.connect())(noHttp);
    const needed = new Set(VERBS.filter((v) => info.capabilities[v]).map((v) => VERB_PARTS[v]));
    for (const part of needed) expect(parts[part], `${info.name}: part ${part}`).toBeDefined();
    // modelProviders serves the bind wizard, not a verb of its own.
    const extra = (Object.keys(parts) as PartName[]).filter((p) => parts[p] && !needed.has(p) && p !== "modelProviders");
    expect(extra).toEqual([]);
  });

  it("brings binding views when it has bindings, its config kinds and its sandbox emulator", async () => {
    expect(Boolean((await info.views()).bindings)).toBe(Boolean(info.capabilities["providers list"]));
    expect(Array.isArray(await info.configKinds())).toBe(true);
    expect(typeof (await info.sandbox.load())).toBe("function");
    expect(info.authModes.length).toBeGreaterThan(0);
  });
});

describe("the registry", () => {
  it("is the one list of backend names, each once", () => {
    expect(BACKEND_NAMES).toEqual(availableBackends().map((b) => b.name));
    expect(new Set(BACKEND_NAMES).size).toBe(BACKEND_NAMES.length);
  });
});
