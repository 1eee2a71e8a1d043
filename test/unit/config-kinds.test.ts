import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { langwatchKinds } from "../../src/backends/langwatch/config.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { readActual } from "../../src/commands/config/state.js";
import { documentOf, type ConfigDocument } from "../../src/config/document.js";
import type { KindsByBackend } from "../../src/config/kinds.js";
import { parseConfigDocument } from "../../src/config/parse.js";
import type { BindInput, Binding, BindingPatch } from "../../src/domain/binding.js";
import type { ModelProvider, VirtualKey, VirtualKeyInput, VirtualKeyPatch } from "../../src/domain/virtual-key.js";
import { RejectedError } from "../../src/errors.js";
import { DryRunStop } from "../../src/http/dry-run.js";
import { applyPlan } from "../../src/plan/apply.js";
import { describePlan } from "../../src/plan/describe.js";
import { computePlan } from "../../src/plan/plan.js";
import { fakeBackend, issuedKey, langwatchBinding, virtualKey, type FakeBackend } from "../helpers/fake-backend.js";

/** Config as code on LangWatch through its resource kinds, against a fake backend that keeps state. */
const providers: ModelProvider[] = [
  { id: "mp_openai", provider: "openai", enabled: true, stored: true, models: [] },
  { id: "mp_anthropic", provider: "anthropic", enabled: true, stored: true, models: [] },
  { id: "mp_gemini", provider: "gemini", enabled: false, stored: true, models: [] },
];

interface World {
  backend: FakeBackend;
  bindings: Binding[];
  keys: VirtualKey[];
}

function world(opts: { bindingsGone?: boolean; dryRun?: boolean } = {}): World {
  const bindings: Binding[] = [
    langwatchBinding({ id: "b1", provider: "openai", slot: "primary", rpm: 600, fallbackPriority: 10 }),
    langwatchBinding({ id: "b2", provider: "openai", slot: "batch", rpm: 60, fallbackPriority: null }),
    langwatchBinding({ id: "b3", provider: "anthropic", slot: "primary", rpm: null, fallbackPriority: 20, status: "disabled" }),
  ];
  const keys: VirtualKey[] = [
    virtualKey({ id: "vk1", name: "prod", description: "Production", chain: ["b1", "b3"], rpm: 100 }),
    virtualKey({ id: "vk2", name: "ci", chain: ["b2"] }),
    virtualKey({ id: "vk3", name: "old", chain: null, status: "revoked" }),
  ];
  const stop = () => {
    if (opts.dryRun) throw new DryRunStop();
  };
  const backend = fakeBackend(langwatch, {
    bindings: {
      list: async () => {
        if (opts.bindingsGone) throw new RejectedError("list bindings: 410 gateway_provider_bindings_gone");
        return bindings.map((b) => ({ ...b }));
      },
      writes: {
        bind: async (input: BindInput) => {
          stop();
          const provider = providers.find((p) => p.id === input.providerId);
          const id = `b${bindings.length + 1}`;
          bindings.push(langwatchBinding({ id, provider: provider?.provider ?? "?", providerId: input.providerId, slot: input.slot ?? null, rpm: input.rpm ?? null, fallbackPriority: input.fallbackPriority ?? null }));
          return id;
        },
        update: async (id: string, patch: BindingPatch) => {
          stop();
          Object.assign(bindings.find((b) => b.id === id) ?? {}, patch);
        },
      },
    },
    bindingDisable: {
      disableOnly: async (id: string) => {
        stop();
        Object.assign(bindings.find((b) => b.id === id) ?? {}, { status: "disabled" });
      },
    },
    modelProviders: { list: async () => providers },
    virtualKeys: { list: async () => keys.map((k) => ({ ...k })) },
    virtualKeyWrites: {
      create: async (input: VirtualKeyInput) => {
        stop();
        const key = virtualKey({ id: `vk${keys.length + 1}`, name: input.name, description: input.description ?? null, chain: input.chain, rpm: input.rpm ?? null });
        keys.push(key);
        return issuedKey(key, `secret-of-${input.name}`);
      },
      update: async (id: string, patch: VirtualKeyPatch) => {
        stop();
        const key = keys.find((k) => k.id === id);
        if (!key) throw new Error(`no key ${id}`);
        Object.assign(key, { ...(patch.description !== undefined ? { description: patch.description } : {}), ...(patch.chain ? { chain: patch.chain } : {}), ...(patch.limits ?? {}) });
        return key;
      },
    },
    virtualKeyRevoke: {
      revoke: async (id: string) => {
        stop();
        const key = keys.find((k) => k.id === id);
        if (!key) throw new Error(`no key ${id}`);
        key.status = "revoked";
        return key;
      },
    },
  });
  return { backend, bindings, keys };
}

const kindsOf = { langwatch: langwatchKinds, bifrost: [], ngrok: [], coreweave: [] } as KindsByBackend;

function parsed(yaml: string): ConfigDocument {
  const result = parseConfigDocument(yaml, kindsOf);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join("\n"));
  return result.document;
}

async function exported(w: World): Promise<ConfigDocument> {
  const actual = await readActual(w.backend, langwatchKinds);
  return documentOf("langwatch", langwatchKinds, (kind) => actual[kind.section]?.read);
}

async function plan(w: World, doc: ConfigDocument, prune = false) {
  return computePlan(doc, await readActual(w.backend, langwatchKinds), prune, {}, langwatchKinds);
}

const progress = { tick: () => undefined, done: () => undefined };
const text = (p: Awaited<ReturnType<typeof plan>>) => describePlan(p, new Chalk({ level: 0 }), langwatchKinds);

describe("LangWatch bindings and virtual keys as resource kinds", () => {
  it("exports bindings named provider/slot and live keys whose chains name them; a plan of the export is empty", async () => {
    const w = world();
    const doc = await exported(w);
    expect(doc.bindings?.map((b) => `${String(b.provider)}/${String(b.slot)} ${String(b.status)}`)).toEqual(["openai/primary active", "openai/batch active", "anthropic/primary disabled"]);
    expect(doc.virtualKeys).toEqual([
      { name: "prod", description: "Production", chain: ["openai/primary", "anthropic/primary"], rpm: 100, tpm: null, rpd: null, status: "active" },
      { name: "ci", description: null, chain: ["openai/batch"], rpm: null, tpm: null, rpd: null, status: "active" },
    ]);
    expect(Object.keys(doc.bindings?.[0] ?? {})).toEqual(["provider", "slot", "rpm", "tpm", "rpd", "fallbackPriority", "status"]);
    expect(await plan(w, doc, true)).toEqual({ items: [], impossible: [] });
  });

  it("creates a binding, then resolves the chains that name it to its new id, and shows the new key's secret once", async () => {
    const w = world();
    const doc = parsed(`version: 1
backend: langwatch
bindings:
  - {provider: anthropic, slot: fallback, rpm: 50, fallbackPriority: 30}
virtualKeys:
  - {name: analytics, description: BI, chain: [openai/batch, anthropic/fallback], rpm: 30}
  - {name: prod, chain: [openai/primary, anthropic/fallback], rpm: 100, description: null}
`);
    const p = await plan(w, doc);
    expect(p.impossible).toEqual([]);
    expect(text(p)).toBe(
      "+ create binding anthropic/fallback (rpm 50, tpm inherit, rpd inherit, priority 30)\n" +
        "+ create virtual-key analytics (rpm 30, tpm inherit, rpd inherit, chain openai/batch -> anthropic/fallback)\n" +
        "~ update virtual-key prod\n    chain: [openai/primary, anthropic/primary] -> [openai/primary, anthropic/fallback]\n" +
        "Plan: 2 to create, 1 to change, 0 to disable/delete/revoke\n",
    );
    expect(p.items[0]).toMatchObject({ action: "create", needs: { providerId: "mp_anthropic" } });

    const results = await applyPlan(p, w.backend, { concurrency: 4, progress, dryRun: false });
    expect(results.map((r) => `${r.status} ${r.item.action} ${r.item.key}${r.secret ? ` ${r.secret}` : ""}`)).toEqual([
      "applied create anthropic/fallback",
      "applied create analytics secret-of-analytics",
      "applied update prod",
    ]);
    // bindings phase, then the bindings read again (b4 is the new one), then the keys
    expect(w.backend.methods().filter((m) => !m.endsWith(".list") || m === "bindings.list")).toEqual([
      "bindings.list", "bindings.writes.bind", "bindings.list", "virtualKeyWrites.create", "virtualKeyWrites.update",
    ]);
    expect(w.keys.find((k) => k.name === "analytics")?.chain).toEqual(["b2", "b4"]);
    expect(w.keys.find((k) => k.name === "prod")?.chain).toEqual(["b1", "b4"]);
    expect(await plan(w, doc)).toEqual({ items: [], impossible: [] });
  });

  it("a dry run names the bindings it would create in the chains that name them", async () => {
    const w = world({ dryRun: true });
    const doc = parsed("version: 1\nbackend: langwatch\nbindings:\n  - {provider: anthropic, slot: fallback}\nvirtualKeys:\n  - {name: analytics, chain: [anthropic/fallback, raw-id]}\n");
    const p = await plan(w, doc);
    let input: VirtualKeyInput | undefined;
    const writes = w.backend.virtualKeyWrites;
    if (!writes) throw new Error("no key writes");
    const create = writes.create.bind(writes);
    writes.create = async (i) => {
      input = i;
      return create(i);
    };
    const results = await applyPlan(p, w.backend, { concurrency: 1, progress, dryRun: true });
    expect(results.map((r) => r.status)).toEqual(["dry-run", "dry-run"]);
    expect(input?.chain).toEqual(["<id of anthropic/fallback>", "raw-id"]);
  });

  it("--prune disables bindings (not those disabled already) and revokes keys; revoked keys stay out of it", async () => {
    const w = world();
    const doc = parsed("version: 1\nbackend: langwatch\nbindings:\n  - {provider: openai, slot: primary, rpm: 600, fallbackPriority: 10}\nvirtualKeys: []\n");
    const p = await plan(w, doc, true);
    expect(p.items.map((i) => `${i.action} ${i.kind} ${i.key}`)).toEqual(["disable binding openai/batch", "revoke virtual-key prod", "revoke virtual-key ci"]);
    const results = await applyPlan(p, w.backend, { concurrency: 2, progress, dryRun: false });
    expect(results.map((r) => r.error?.message ?? r.status)).toEqual(["applied", "applied", "applied"]);
    expect(w.bindings.map((b) => b.status)).toEqual(["active", "disabled", "disabled"]);
    expect(w.keys.map((k) => k.status)).toEqual(["revoked", "revoked", "revoked"]);
    expect(await plan(w, doc, true)).toEqual({ items: [], impossible: [] });
  });

  it("refuses what LangWatch cannot do: re-enabling a binding, reusing a revoked key's name, a provider that is not usable, a new key without a chain", async () => {
    const w = world();
    const doc = parsed(`version: 1
backend: langwatch
bindings:
  - {provider: anthropic, slot: primary, fallbackPriority: 20, status: active}
  - {provider: gemini, slot: primary}
  - {provider: mistral, slot: primary}
  - {provider: openai, slot: later, status: disabled}
  - {provider: openai, slot: batch, rpm: 60, status: disabled}
virtualKeys:
  - {name: old}
  - {name: gone-already, status: revoked}
  - {name: ci, chain: [openai/batch], status: revoked}
  - {name: fresh, rpm: 10}
`);
    const p = await plan(w, doc);
    expect(p.impossible).toEqual([
      "binding anthropic/primary is disabled and this backend cannot re-enable it; set status: disabled, or bind another slot",
      'binding gemini/primary: model provider "gemini" is disabled',
      'binding mistral/primary: no model provider "mistral" is stored in this project',
      "binding openai/later: cannot create a binding as disabled; create it, then disable it",
      "virtual key old is revoked; give the new key another name",
      "virtual-key fresh: a new LangWatch key needs a chain (at least one binding, primary first)",
    ]);
    expect(p.items.map((i) => `${i.action} ${i.kind} ${i.key}`)).toEqual(["disable binding openai/batch", "revoke virtual-key ci"]);
  });

  it("on a server without the bindings API (v3.4+, 410) a bindings section is refused and keys are still managed", async () => {
    const w = world({ bindingsGone: true });
    expect(Object.keys(await exported(w))).toEqual(["version", "backend", "virtualKeys"]);
    const doc = parsed("version: 1\nbackend: langwatch\nbindings: []\nvirtualKeys:\n  - {name: prod, description: Production, chain: [b1, b3], rpm: 120}\n");
    const p = await plan(w, doc);
    expect(p.impossible).toEqual(["this control plane has no provider-binding API; remove `bindings` from the document"]);
    expect(p.items).toMatchObject([{ action: "update", key: "prod", changes: [{ field: "rpm", from: 100, to: 120 }] }]);
    expect(w.backend.methods()).not.toContain("modelProviders.list");
  });

  it("validates both sections with positions, duplicates last", () => {
    const result = parseConfigDocument(
      "version: 1\nbackend: langwatch\nbindings:\n  - provider: openai\n  - {provider: openai, slot: primary, rpm: 0}\nvirtualKeys:\n  - {name: a, chain: [3]}\n  - {name: a}\nproviders: []\n",
      kindsOf,
    );
    expect(result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      "9:1: providers: unknown key (allowed: version, backend, bindings, virtualKeys)",
      "5:44: bindings[1].rpm: must be a positive integer, or null to inherit",
      "7:23: virtualKeys[0].chain[0]: must be a binding name such as openai/primary",
      "5:5: binding openai/primary appears twice",
      "8:5: virtual key a appears twice",
    ]);
  });
});
