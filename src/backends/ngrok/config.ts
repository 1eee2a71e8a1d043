import type { ApiSurface, Binding, BindingPatch, BindInput } from "../../domain/binding.js";
import { apiSurface } from "../../domain/validate.js";
import { UsageError } from "../../errors.js";
import { requirePart } from "../capabilities.js";
import type { ResourceKind, ResourceSpec } from "../../config/resource-kind.js";
import { ngrokAccessKeys } from "./config-access-keys.js";
import { ngrokConfigurations } from "./config-configurations.js";

/**
 * ngrok custom providers in a document, named by their immutable providerId:
 *   providers: [{providerId, name, baseUrl, metadata, models: [...], surfaces: [openai/chat-completions]}]
 * Models and surfaces are sets (ngrok replaces the whole list on PATCH, research §1.4).
 */
export const ngrokProviders: ResourceKind = {
  section: "providers",
  noun: "provider",
  keyFields: ["providerId"],
  fields: ["name", "baseUrl", "metadata", "models", "surfaces"],
  unordered: ["models", "surfaces"],

  parse(v, item, path) {
    v.onlyKeys(item, path, ["providerId", "name", "baseUrl", "metadata", "models", "surfaces"]);
    const spec: ResourceSpec = { providerId: v.string(item, "providerId", path, true) ?? "" };
    const name = v.string(item, "name", path, false);
    if (name !== undefined) spec.name = name;
    const baseUrl = v.string(item, "baseUrl", path, false);
    if (baseUrl !== undefined) spec.baseUrl = baseUrl;
    const metadata = v.nullableString(item, "metadata", path);
    if (metadata !== undefined) spec.metadata = metadata;
    const models = v.stringList(item, "models", path, { nullAsEmpty: true });
    if (models !== undefined) spec.models = models;
    const surfaces = v.stringList(item, "surfaces", path, { nullAsEmpty: true });
    if (surfaces !== undefined) {
      for (const s of surfaces) {
        try {
          apiSurface(`${path}.surfaces`, s);
        } catch (err) {
          v.fail(item, (err as Error).message.replace(/^invalid value for /, ""));
        }
      }
      spec.surfaces = surfaces;
    }
    return spec;
  },

  async read(backend) {
    return (await requirePart(backend, "providers list").list()).map((b) => ({ key: b.providerId, id: b.id, spec: specOf(b) }));
  },

  async create(backend, spec) {
    if (typeof spec.name !== "string" || typeof spec.baseUrl !== "string") {
      throw new UsageError(`provider ${String(spec.providerId)}: name and baseUrl are needed to create it`);
    }
    const input: BindInput = { providerId: String(spec.providerId), name: spec.name, baseUrl: spec.baseUrl };
    if (typeof spec.metadata === "string") input.metadata = spec.metadata;
    if (Array.isArray(spec.models)) input.models = spec.models as string[];
    if (Array.isArray(spec.surfaces) && spec.surfaces.length) input.surfaces = surfaces(spec.surfaces as string[]);
    await requirePart(backend, "providers bind").writes.bind(input);
  },

  async update(backend, id, changed) {
    const patch: BindingPatch = {};
    if (changed.name !== undefined) patch.name = String(changed.name);
    if (changed.baseUrl !== undefined) patch.baseUrl = String(changed.baseUrl);
    if (changed.metadata !== undefined) patch.metadata = changed.metadata as string | null;
    if (changed.models !== undefined) patch.models = changed.models as string[];
    if (changed.surfaces !== undefined) {
      const list = changed.surfaces as string[];
      patch.surfaces = list.length ? surfaces(list) : null;
    }
    await requirePart(backend, "providers update").writes.update(id, patch);
  },

  prune: {
    async delete(backend, id) {
      await requirePart(backend, "providers delete").remove(id);
    },
  },

  cannotCreate(spec) {
    const missing = ["name", "baseUrl"].filter((f) => typeof spec[f] !== "string");
    return missing.length ? `a new provider needs ${missing.join(" and ")}` : undefined;
  },
};

function specOf(b: Binding): ResourceSpec {
  const details = (b.details ?? {}) as { metadata?: string | null; surfaces?: string[] };
  return {
    providerId: b.providerId,
    name: b.name,
    baseUrl: b.baseUrl,
    metadata: details.metadata ?? null,
    models: b.models ?? [],
    surfaces: details.surfaces ?? [],
  };
}

function surfaces(list: readonly string[]): ApiSurface[] {
  return list.map((s) => apiSurface("surfaces", s));
}

/**
 * The document sections of a ngrok profile: providers, access key configurations (their rules name
 * providers and provider keys), then access keys, which name configurations and are applied after them.
 */
export const ngrokKinds: readonly ResourceKind[] = [ngrokProviders, ngrokConfigurations, ngrokAccessKeys];
