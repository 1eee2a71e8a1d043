import type { Binding, BindingPatch, BindInput } from "../../domain/binding.js";
import { RejectedError, UsageError } from "../../errors.js";
import { requirePart } from "../capabilities.js";
import type { KindDisplay, ResourceKind, ResourceSpec, StatusChange } from "../../config/resource-kind.js";

/**
 * LangWatch provider bindings in a document, named `provider/slot` (the server's own unique key, research
 * §2.1); items are complete records, `null` limits inherit:
 *   bindings: [{provider, slot, rpm, tpm, rpd, fallbackPriority, status: active | disabled}]
 * A binding cannot be deleted or re-enabled: --prune disables it, and re-enabling one is refused.
 */
export type BindingSpec = {
  provider: string;
  slot: string;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  fallbackPriority: number | null;
  status: "active" | "disabled";
};

const FIELDS = ["rpm", "tpm", "rpd", "fallbackPriority"] as const;

/** A LangWatch field for people: null inherits. */
export function show(value: unknown): string {
  return value === null || value === undefined ? "inherit" : String(value);
}

/** `rpm 600, tpm inherit, rpd 10000` */
export function limitsText(spec: ResourceSpec): string {
  return [`rpm ${show(spec.rpm)}`, `tpm ${show(spec.tpm)}`, `rpd ${show(spec.rpd)}`].join(", ");
}

export function bindingKey(b: { provider: string; slot: string | null }): string {
  return `${b.provider}/${b.slot ?? "primary"}`;
}

const display: KindDisplay = {
  value: show,
  summary: (spec) => ` (${limitsText(spec)}, priority ${String(spec.fallbackPriority ?? "none")})`,
};

const disable: StatusChange = {
  action: "disable",
  to: "disabled",
  run: (backend, id) => requirePart(backend, "providers disable").disableOnly(id),
};

export const langwatchBindings: ResourceKind = {
  section: "bindings",
  noun: "binding",
  keyFields: ["provider", "slot"],
  fields: FIELDS,
  status: {
    field: "status",
    changes: [disable],
    cannot: (key) => `binding ${key} is disabled and this backend cannot re-enable it; set status: disabled, or bind another slot`,
  },
  prune: disable,
  display,

  parse(v, item, path) {
    v.onlyKeys(item, path, ["provider", "slot", "rpm", "tpm", "rpd", "fallbackPriority", "status"]);
    const spec: BindingSpec = {
      provider: v.string(item, "provider", path, true) ?? "",
      slot: v.string(item, "slot", path, false) ?? "primary",
      rpm: v.limit(item, "rpm", path),
      tpm: v.limit(item, "tpm", path),
      rpd: v.limit(item, "rpd", path),
      fallbackPriority: v.integer(item, "fallbackPriority", path),
      status: v.oneOf(item, "status", path, ["active", "disabled"] as const) ?? "active",
    };
    return spec;
  },

  async read(backend) {
    try {
      return (await requirePart(backend, "providers list").list()).map((b) => ({ key: bindingKey(b), id: b.id, spec: bindingSpec(b) }));
    } catch (err) {
      // LangWatch v3.4+ has no bindings API (410): the document can still manage its keys.
      if (!(err instanceof RejectedError)) throw err;
      return { unavailable: "this control plane has no provider-binding API; remove `bindings` from the document" };
    }
  },

  // A binding wraps a model provider the project stores and has enabled (the bind wizard's choices).
  async creation(backend) {
    const providers = backend.modelProviders ? await backend.modelProviders.list() : [];
    return (spec) => {
      const provider = providers.find((p) => p.provider === spec.provider && p.stored);
      if (!provider?.id) return { cannot: `no model provider "${String(spec.provider)}" is stored in this project` };
      if (!provider.enabled) return { cannot: `model provider "${String(spec.provider)}" is disabled` };
      return { needs: { providerId: provider.id } };
    };
  },

  cannotCreate: (spec) => (spec.status === "disabled" ? "cannot create a binding as disabled; create it, then disable it" : undefined),

  async create(backend, spec, _ctx, needs) {
    const providerId = needs.providerId;
    if (!providerId) throw new UsageError(`binding ${bindingKey({ provider: String(spec.provider), slot: String(spec.slot) })}: no model provider to bind`);
    const input: BindInput = { providerId, slot: String(spec.slot) };
    if (typeof spec.rpm === "number") input.rpm = spec.rpm;
    if (typeof spec.tpm === "number") input.tpm = spec.tpm;
    if (typeof spec.rpd === "number") input.rpd = spec.rpd;
    if (typeof spec.fallbackPriority === "number") input.fallbackPriority = spec.fallbackPriority;
    await requirePart(backend, "providers bind").writes.bind(input);
  },

  async update(backend, id, changed) {
    const patch: BindingPatch = {};
    for (const field of FIELDS) if (field in changed) patch[field] = typeof changed[field] === "number" ? changed[field] : null;
    await requirePart(backend, "providers update").writes.update(id, patch);
  },
};

function bindingSpec(b: Binding): BindingSpec {
  return {
    provider: b.provider,
    slot: b.slot ?? "primary",
    rpm: b.rpm,
    tpm: b.tpm,
    rpd: b.rpd,
    fallbackPriority: b.fallbackPriority,
    status: b.status,
  };
}
