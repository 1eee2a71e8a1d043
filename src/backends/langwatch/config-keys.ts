import { isScalar, isSeq } from "yaml";
import type { VirtualKey, VirtualKeyInput, VirtualKeyPatch } from "../../domain/virtual-key.js";
import { GwError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { requirePart } from "../capabilities.js";
import { nodeOf } from "../../config/validator.js";
import type { ApplyContext, ResourceKind, StatusChange } from "../../config/resource-kind.js";
import { limitsText, show } from "./config-bindings.js";

/**
 * LangWatch virtual keys in a document, named by name; items are complete records:
 *   virtualKeys: [{name, description, chain: [provider/slot, ...], rpm, tpm, rpd, status: active | disabled | revoked}]
 * A chain names bindings as the bindings section does (`provider/slot`, primary first): keys depend on that
 * section and are applied after it. A null description or chain is not managed; an empty chain is invalid. A revoked key keeps its
 * name: it is not exported, and a new key cannot take the name. The secret of a new key is shown once.
 */
export type VirtualKeySpec = {
  name: string;
  description: string | null;
  /** Bindings as `provider/slot`, primary first; null where the control plane has no explicit chain. */
  chain: string[] | null;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  status: "active" | "disabled" | "revoked";
};

const LIMITS = ["rpm", "tpm", "rpd"] as const;

const revoke: StatusChange = {
  action: "revoke",
  to: "revoked",
  run: async (backend, id) => {
    await requirePart(backend, "vk revoke").revoke(id);
  },
};

export const langwatchVirtualKeys: ResourceKind = {
  section: "virtualKeys",
  noun: "virtual-key",
  label: "virtual key",
  keyFields: ["name"],
  fields: ["description", "chain", ...LIMITS],
  dependsOn: "bindings",
  status: {
    field: "status",
    changes: [
      { action: "disable", to: "disabled", run: async (backend, id) => void (await requirePart(backend, "vk disable").disable(id)) },
      { action: "enable", to: "active", run: async (backend, id) => void (await requirePart(backend, "vk enable").enable(id)) },
      revoke,
    ],
    cannot: (key, from, to) => `virtual key ${key}: gw cannot change its status from ${String(from)} to ${String(to)}`,
    gone: { status: "revoked", taken: (key) => `virtual key ${key} is revoked; give the new key another name` },
  },
  prune: revoke,
  // LangWatch creates a key with its chain (provider_credential_ids, minItems 1): a new key left without one
  // would be refused by the server, after the plan was shown and confirmed.
  cannotCreate: (spec) => (Array.isArray(spec.chain) ? undefined : "a new LangWatch key needs a chain (at least one binding, primary first)"),
  // A null description or chain leaves the key's own alone.
  same: (field, _current, desired) => ((field === "description" || field === "chain") && desired === null ? true : undefined),
  planValue: (field, value) => (field === "chain" && Array.isArray(value) ? `[${value.join(", ")}]` : value),
  display: {
    value: show,
    summary: (spec) => ` (${limitsText(spec)}${Array.isArray(spec.chain) ? `, chain ${spec.chain.join(" -> ")}` : ""})`,
  },

  parse(v, item, path) {
    v.onlyKeys(item, path, ["name", "description", "chain", "rpm", "tpm", "rpd", "status"]);
    const name = v.string(item, "name", path, true) ?? "";
    if (name.length > 128) v.fail(nodeOf(item, "name"), `${path}.name: at most 128 characters`);
    const chainNode = nodeOf(item, "chain");
    let chain: string[] | null = null;
    if (chainNode !== undefined && !(isScalar(chainNode) && chainNode.value === null)) {
      chain = v.list(chainNode, `${path}.chain`, (_hop, hopPath, hopNode) => {
        if (!isScalar(hopNode) || typeof hopNode.value !== "string" || !hopNode.value) {
          v.fail(hopNode, `${hopPath}: must be a binding name such as openai/primary`);
          return "";
        }
        return hopNode.value;
      }, true);
      // LangWatch writes need at least one binding (provider_credential_ids minItems 1, §3.3): an empty chain
      // is no "key without fallbacks" but a write the server refuses, so the document says so before any request.
      if (isSeq(chainNode) && chainNode.items.length === 0) {
        v.fail(chainNode, `${path}.chain: at least one binding, primary first (null or leaving chain out keeps the key's own)`);
      }
    }
    const spec: VirtualKeySpec = {
      name,
      description: v.string(item, "description", path, false, true) ?? null,
      chain,
      rpm: v.limit(item, "rpm", path),
      tpm: v.limit(item, "tpm", path),
      rpd: v.limit(item, "rpd", path),
      status: v.oneOf(item, "status", path, ["active", "disabled", "revoked"] as const) ?? "active",
    };
    return spec;
  },

  // Revoked keys too: their names stay taken. Chains name bindings as the bindings section read them.
  async read(backend, bindings) {
    const names = new Map(Array.isArray(bindings) ? bindings.map((b) => [b.id, b.key]) : []);
    return (await requirePart(backend, "vk list").list()).map((k) => ({ key: k.name, id: k.id, spec: keySpec(k, names) }));
  },

  async create(backend, spec, ctx) {
    const name = String(spec.name);
    const input: VirtualKeyInput = {
      name,
      ...(typeof spec.description === "string" ? { description: spec.description } : {}),
      chain: Array.isArray(spec.chain) ? resolveChain(name, spec.chain as string[], ctx) : [],
      ...(typeof spec.rpm === "number" ? { rpm: spec.rpm } : {}),
      ...(typeof spec.tpm === "number" ? { tpm: spec.tpm } : {}),
      ...(typeof spec.rpd === "number" ? { rpd: spec.rpd } : {}),
    };
    const issued = await requirePart(backend, "vk create").create(input);
    return { secret: issued.secret };
  },

  async update(backend, id, changed, current, ctx) {
    const patch: VirtualKeyPatch = {};
    if (typeof changed.description === "string") patch.description = changed.description;
    // The API replaces the rateLimits block: all three limits go together.
    if (LIMITS.some((f) => f in changed)) {
      const limit = (f: (typeof LIMITS)[number]) => {
        const value = f in changed ? changed[f] : current[f];
        return typeof value === "number" ? value : null;
      };
      patch.limits = { rpm: limit("rpm"), tpm: limit("tpm"), rpd: limit("rpd") };
    }
    if (Array.isArray(changed.chain)) patch.chain = resolveChain(String(current.name), changed.chain as string[], ctx);
    await requirePart(backend, "vk update").update(id, patch);
  },
};

/** `provider/slot` -> binding id, as read after the bindings were applied; a hop that is no such name is an id already. */
function resolveChain(key: string, chain: string[], ctx: ApplyContext): string[] {
  return chain.map((name) => {
    // A dry run names the bindings it would have created instead of their (unknown) ids.
    const id = ctx.dependency.get(name) ?? (ctx.dryRun && name.includes("/") ? `<id of ${name}>` : undefined);
    if (!id && name.includes("/")) throw new GwError(`virtual key ${key}: chain names binding ${name}, which does not exist`, ExitCode.NotFound);
    return id ?? name;
  });
}

function keySpec(k: VirtualKey, bindingNames: ReadonlyMap<string, string>): VirtualKeySpec {
  return {
    name: k.name,
    description: k.description,
    // A chain hop that is not a known binding keeps its id, so nothing is silently dropped. A key without one
    // (none set, or its bindings gone) exports as null, not managed: `chain: []` is not a valid document.
    chain: k.chain?.length ? k.chain.map((id) => bindingNames.get(id) ?? id) : null,
    rpm: k.rpm,
    tpm: k.tpm,
    rpd: k.rpd,
    status: k.status,
  };
}
