import { describe, expect, it } from "vitest";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { coreweave } from "../../src/backends/coreweave/index.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { runGet as runGatewayGet } from "../../src/commands/gateways/get.js";
import { runAvailable } from "../../src/commands/providers/available.js";
import { runBind } from "../../src/commands/providers/bind.js";
import { runGet as runProviderGet } from "../../src/commands/providers/get.js";
import { runUpdate } from "../../src/commands/providers/update.js";
import { byModelProvider, byRef, modelProviderId, resolveRef, type RefLookup } from "../../src/commands/resolve.js";
import { commandsLine } from "../../src/commands/status.js";
import { runVkDelete } from "../../src/commands/vk/delete.js";
import { runGet as runVkGet } from "../../src/commands/vk/read.js";
import { bindingNames } from "../../src/domain/binding.js";
import type { ModelProvider } from "../../src/domain/virtual-key.js";
import { NotFoundError, RejectedError } from "../../src/errors.js";
import { ExitCode } from "../../src/exit-codes.js";
import type { OutputChoice } from "../../src/output/format.js";
import { coreweaveGateway, fakeBackend, langwatchBinding, virtualKey } from "../helpers/fake-backend.js";
import { fakeContext } from "../helpers/fake-context.js";

const json: OutputChoice = { format: "json", raw: false };

interface Rec {
  id: string;
  name: string;
  status?: string;
}

/** A lookup over `records` that counts its reads; `get` answers by id only (NotFound otherwise). */
function lookupOver(records: Rec[], opts: { get?: boolean } = {}) {
  const reads: string[] = [];
  const lookup: RefLookup<Rec> = {
    list: async () => (reads.push("list"), records),
    namesOf: (r) => [r.name],
    noun: "widget",
    listedBy: "gw widgets list",
  };
  if (opts.get !== false) {
    lookup.get = async (id) => {
      reads.push(`get ${id}`);
      const found = records.find((r) => r.id === id);
      if (!found) throw new NotFoundError(`get widget ${id}: not found`);
      return found;
    };
  }
  return { lookup, reads };
}

const widgets: Rec[] = [
  { id: "w1", name: "alpha" },
  { id: "w2", name: "twin" },
  { id: "w3", name: "twin", status: "revoked" },
  { id: "w4", name: "w1" }, // a name that is another widget's id
];

describe("resolveRef", () => {
  it("takes an id as is: one read, no list", async () => {
    const { lookup, reads } = lookupOver(widgets);
    await expect(resolveRef("w2", lookup)).resolves.toBe("w2");
    expect(reads).toEqual(["get w2"]);
  });

  it("an id wins over a name that spells it", async () => {
    const { lookup } = lookupOver(widgets);
    await expect(resolveRef("w1", lookup)).resolves.toBe("w1");
    const listed = lookupOver(widgets, { get: false });
    await expect(resolveRef("w1", listed.lookup)).resolves.toBe("w1");
  });

  it("a name: the id read finds nothing, the list finds one record", async () => {
    const { lookup, reads } = lookupOver(widgets);
    await expect(resolveRef("alpha", lookup)).resolves.toBe("w1");
    expect(reads).toEqual(["get alpha", "list"]);
  });

  it("where the part only lists, finds ids and names in the list", async () => {
    const { lookup, reads } = lookupOver(widgets, { get: false });
    await expect(resolveRef("w3", lookup)).resolves.toBe("w3");
    await expect(resolveRef("alpha", lookup)).resolves.toBe("w1");
    expect(reads).toEqual(["list", "list"]);
  });

  it("an ambiguous name is exit 2 listing every candidate with its id", async () => {
    const { lookup } = lookupOver(widgets);
    await expect(resolveRef("twin", lookup)).rejects.toEqual(
      expect.objectContaining({
        exitCode: ExitCode.Usage,
        message: 'widget name "twin" is ambiguous: twin (w2), twin (w3, revoked); give the id',
      }),
    );
  });

  it("nothing by that id or name is exit 4 naming the ref", async () => {
    const { lookup } = lookupOver(widgets);
    await expect(resolveRef("nope", lookup)).rejects.toEqual(
      expect.objectContaining({ exitCode: ExitCode.NotFound, message: 'no widget has the id or name "nope" (see gw widgets list)' }),
    );
  });

  it("a refusal of the id's form (a 400) still tries the names; with no match it is rethrown", async () => {
    const refused = new RejectedError("get widget alpha: HTTP 400: not a UUID");
    const { lookup } = lookupOver(widgets);
    lookup.get = async () => Promise.reject(refused);
    await expect(resolveRef("alpha", lookup)).resolves.toBe("w1");
    await expect(resolveRef("nope", lookup)).rejects.toBe(refused);
  });

  it("other failures of the read by id are not a reason to list", async () => {
    const { lookup, reads } = lookupOver(widgets);
    const down = new Error("boom");
    lookup.get = async () => Promise.reject(down);
    await expect(resolveRef("alpha", lookup)).rejects.toBe(down);
    expect(reads).toEqual([]);
  });
});

describe("the names of a record come from the domain", () => {
  it("a binding: provider/slot where it has a slot, its label, its provider credential", () => {
    expect(bindingNames(langwatchBinding())).toEqual(["openai/primary", "mp_1"]);
    expect(bindingNames(langwatchBinding({ slot: null, name: "Acme", provider: "acme", providerId: "acme" }))).toEqual(["Acme", "acme"]);
  });
});

describe("byRef: ids cost nothing, names are resolved only when the id is unknown", () => {
  const keyA = virtualKey({ id: "vk_a", name: "checkout" });
  const keyB = virtualKey({ id: "vk_b", name: "ci" });
  const keys = () => {
    const backend = fakeBackend(langwatch, {
      virtualKeys: {
        list: async () => [keyA, keyB],
        get: async (id) => {
          const found = [keyA, keyB].find((k) => k.id === id);
          if (!found) throw new NotFoundError(`get virtual key ${id}: virtual key not found`);
          return found;
        },
      },
    });
    return backend;
  };

  it("an id: the command's own call only", async () => {
    const backend = keys();
    await expect(byRef(backend, "virtualKey", "vk_b", (id) => backend.virtualKeys!.get(id))).resolves.toEqual(keyB);
    expect(backend.methods()).toEqual(["virtualKeys.get"]);
  });

  it("a name: the call fails not found, the list matches the name, the call runs on the id", async () => {
    const backend = keys();
    await expect(byRef(backend, "virtualKey", "checkout", (id) => backend.virtualKeys!.get(id))).resolves.toEqual(keyA);
    expect(backend.calls.map((c) => `${c.method}(${c.args.join(",")})`)).toEqual(["virtualKeys.get(checkout)", "virtualKeys.list()", "virtualKeys.get(vk_a)"]);
  });

  it("a not-found about something else (the ref is an id) is rethrown, and the call is not repeated", async () => {
    const backend = keys();
    const other = new NotFoundError("binding b9 does not exist in this project");
    let calls = 0;
    await expect(byRef(backend, "virtualKey", "vk_a", async () => (calls++, Promise.reject(other)))).rejects.toBe(other);
    expect(calls).toBe(1);
  });

  it("a name nothing has: the control plane's own not-found, which names the ref", async () => {
    const backend = keys();
    await expect(byRef(backend, "virtualKey", "nope", (id) => backend.virtualKeys!.get(id))).rejects.toThrow("get virtual key nope: virtual key not found");
  });

  it("a command naming the record twice (confirm, then write) lists once", async () => {
    const backend = keys();
    const seen: string[] = [];
    await byRef(backend, "virtualKey", "ci", (id) => backend.virtualKeys!.get(id));
    await byRef(backend, "virtualKey", "ci", async (id) => void seen.push(id));
    expect(seen).toEqual(["vk_b"]);
    expect(backend.methods().filter((m) => m === "virtualKeys.list")).toHaveLength(1);
  });

  it("a dry run resolves before the call, so the printed write names the id", async () => {
    const backend = keys();
    const seen: string[] = [];
    await byRef(backend, "virtualKey", "checkout", async (id) => void seen.push(id), { dryRun: true });
    expect(seen).toEqual(["vk_a"]);
  });

  it("a backend without such records: the call as given (the verb says why it cannot)", async () => {
    const backend = fakeBackend(coreweave, {});
    await expect(byRef(backend, "virtualKey", "checkout", async (id) => id)).resolves.toBe("checkout");
  });
});

describe("commands take ids and names", () => {
  const primary = langwatchBinding();
  const batch = langwatchBinding({ id: "b5", slot: "batch" });

  it("gw providers get openai/primary", async () => {
    const backend = fakeBackend(langwatch, {
      bindings: {
        list: async () => [primary, batch],
        get: async (id) => {
          if (id === "b1") return primary;
          throw new NotFoundError(`get binding ${id}: binding not found`);
        },
      },
    });
    const ctx = fakeContext({ backend });
    await runProviderGet({ id: "openai/primary", output: json }, ctx);
    expect(JSON.parse(ctx.io.out())).toEqual(primary);
  });

  it("gw providers update <model provider id>: two slots share it, exit 2 with both", async () => {
    const backend = fakeBackend(langwatch, {
      bindings: { list: async () => [primary, batch], update: async (id) => Promise.reject(new NotFoundError(`update binding ${id}: binding not found`)) },
    });
    await expect(
      runUpdate({ id: "mp_1", patch: { rpm: 5 }, flags: ["rpm"], output: json, force: false, dryRun: false, quiet: false }, fakeContext({ backend })),
    ).rejects.toEqual(
      expect.objectContaining({ exitCode: ExitCode.Usage, message: 'binding name "mp_1" is ambiguous: openai/primary (b1), openai/batch (b5); give the id' }),
    );
    expect(backend.methods()).toEqual(["bindings.update", "bindings.list"]);
  });

  it("gw vk get checkout; gw vk delete checkout --yes -q prints the id", async () => {
    const key = virtualKey({ id: "vk_a", name: "checkout" });
    const missing = (id: string) => new NotFoundError(`virtual key ${id} not found`);
    const backend = fakeBackend(bifrost, {
      virtualKeys: { list: async () => [key], get: async (id) => (id === "vk_a" ? key : Promise.reject(missing(id))) },
      virtualKeyDelete: { remove: async (id) => (id === "vk_a" ? undefined : Promise.reject(missing(id))) },
    });
    const read = fakeContext({ backend });
    await runVkGet({ id: "checkout", output: json }, read);
    expect(JSON.parse(read.io.out()).id).toBe("vk_a");
    const del = fakeContext({ backend });
    await runVkDelete({ id: "checkout", yes: true, dryRun: false, quiet: true }, del);
    expect(del.io.out()).toBe("vk_a\n");
  });

  it("gw gateways get chat (CoreWeave answers a name with 400: the names are still tried)", async () => {
    const gw = coreweaveGateway({ id: "9b2f", name: "chat" });
    const backend = fakeBackend(coreweave, {
      gateways: { list: async () => [gw], get: async (id) => (id === "9b2f" ? gw : Promise.reject(new RejectedError("HTTP 400: id must be a UUID"))) },
    });
    const ctx = fakeContext({ backend });
    await runGatewayGet({ id: "chat", output: json }, ctx);
    expect(JSON.parse(ctx.io.out()).id).toBe("9b2f");
  });
});

describe("gw providers bind --provider <id|name> and gw providers available (LangWatch model providers)", () => {
  const providers: ModelProvider[] = [
    { id: "mp_1", provider: "openai", enabled: true, stored: true, models: ["gpt-4o", "gpt-4o-mini"] },
    { id: "mp_2", provider: "gemini", enabled: false, stored: true, models: [] },
    { id: null, provider: "mistral", enabled: false, stored: false, models: ["mistral-large"] },
  ];
  const part = { list: async () => providers };

  it("an id as is, a stored provider's name as its id, an unknown value as given", async () => {
    await expect(modelProviderId(part, "mp_2")).resolves.toBe("mp_2");
    await expect(modelProviderId(part, "openai")).resolves.toBe("mp_1");
    await expect(modelProviderId(part, "mp_elsewhere")).resolves.toBe("mp_elsewhere");
  });

  it("a provider only the registry knows says where to store it (exit 2)", async () => {
    await expect(modelProviderId(part, "mistral")).rejects.toEqual(
      expect.objectContaining({ exitCode: ExitCode.Usage, message: expect.stringMatching(/model provider "mistral" is not stored in this project/) }),
    );
  });

  it("two stored providers of one name are ambiguous", async () => {
    const twice = { list: async () => [...providers, { ...providers[0]!, id: "mp_9" }] };
    await expect(modelProviderId(twice, "openai")).rejects.toEqual(
      expect.objectContaining({ exitCode: ExitCode.Usage, message: 'model provider name "openai" is ambiguous: openai (mp_1), openai (mp_9); give the id' }),
    );
  });

  it("bind tries the value as an id first and resolves the name only when the server knows no such id", async () => {
    const bound: string[] = [];
    const bind = async (input: { providerId: string }) => {
      bound.push(input.providerId);
      if (input.providerId !== "mp_1") throw new NotFoundError(`bind provider ${input.providerId}: model provider not found`);
      return input.providerId;
    };
    await expect(byModelProvider(part, { providerId: "openai" }, bind)).resolves.toBe("mp_1");
    expect(bound).toEqual(["openai", "mp_1"]);
    await expect(byModelProvider(part, { providerId: "mp_elsewhere" }, bind)).rejects.toThrow("model provider not found");
  });

  it("runBind --provider openai --dry-run resolves first, so the printed POST carries the id", async () => {
    const created = langwatchBinding({ id: "b9" });
    const backend = fakeBackend(langwatch, { bindings: { bind: async () => created }, modelProviders: { list: async () => providers } });
    await runBind({ input: { providerId: "openai", slot: "x" }, flags: ["provider", "slot"], output: json, dryRun: true, quiet: true }, fakeContext({ backend }));
    expect(backend.calls.at(-1)).toEqual({ method: "bindings.bind", args: [{ providerId: "mp_1", slot: "x" }] });
  });

  it("lists the stored providers with their bound slots (--all adds registry defaults)", async () => {
    const backend = fakeBackend(langwatch, {
      modelProviders: { list: async () => providers },
      bindings: { list: async () => [langwatchBinding(), langwatchBinding({ id: "b5", slot: "batch" })] },
    });
    const ctx = fakeContext({ backend });
    await runAvailable({ all: false, output: json }, ctx);
    expect(JSON.parse(ctx.io.out())).toEqual([
      { id: "mp_1", provider: "openai", enabled: true, stored: true, models: ["gpt-4o", "gpt-4o-mini"], boundSlots: ["primary", "batch"] },
      { id: "mp_2", provider: "gemini", enabled: false, stored: true, models: [], boundSlots: [] },
    ]);
    const all = fakeContext({ backend });
    await runAvailable({ all: true, output: json }, all);
    expect(JSON.parse(all.io.out())).toHaveLength(3);
  });

  it("is LangWatch's: elsewhere exit 2 with the backend's reason", async () => {
    await expect(runAvailable({ all: false, output: json }, fakeContext({ backend: fakeBackend(bifrost, {}) }))).rejects.toEqual(
      expect.objectContaining({ exitCode: ExitCode.Usage, message: expect.stringMatching(/^the bifrost backend does not support `gw providers available`: Bifrost binds a provider by its name/) }),
    );
  });
});

describe("gw status", () => {
  it("names the supported commands by noun", () => {
    expect(commandsLine(["providers list", "providers get", "vk list", "chain", "chain set", "limits"])).toBe(
      "providers (list, get), vk (list), chain (show, set), limits",
    );
  });
});
