import type { VirtualKeyInput, VirtualKeyPatch } from "../../domain/virtual-key.js";
import { GwError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { nodeOf } from "../../config/validator.js";
import type { ApplyContext, ResourceKind, ResourceSpec } from "../../config/resource-kind.js";
import { requirePart } from "../capabilities.js";

/**
 * ngrok access keys in a document, named by name:
 *   accessKeys: [{name, description, configuration: <configuration name> | null}]
 * `configuration` names an item of the configurations section (null: none, allow-all): keys depend on that
 * section and are applied after it. The token of a new key is shown once by gw apply and never written to a
 * document. Keys without a name cannot be named in a document: they are neither exported nor pruned.
 */
export const ngrokAccessKeys: ResourceKind = {
  section: "accessKeys",
  noun: "access-key",
  label: "access key",
  keyFields: ["name"],
  fields: ["description", "configuration"],
  dependsOn: "configurations",

  parse(v, item, path) {
    v.onlyKeys(item, path, ["name", "description", "configuration"]);
    const name = v.string(item, "name", path, true) ?? "";
    if ([...name].length > 255) v.fail(nodeOf(item, "name"), `${path}.name: at most 255 characters`);
    const spec: ResourceSpec = { name };
    const description = v.nullableString(item, "description", path);
    if (description !== undefined) spec.description = description;
    const configuration = v.nullableString(item, "configuration", path);
    if (configuration !== undefined) spec.configuration = configuration;
    return spec;
  },

  // Configurations by the names the configurations section read them under.
  async read(backend, configurations) {
    const names = new Map(Array.isArray(configurations) ? configurations.map((c) => [c.id, c.key]) : []);
    return (await requirePart(backend, "vk list").list())
      .filter((k) => k.name !== "")
      .map((k) => ({
        key: k.name,
        id: k.id,
        spec: { name: k.name, description: k.description, configuration: k.configuration ? (names.get(k.configuration.id) ?? k.configuration.name) : null },
      }));
  },

  async create(backend, spec, ctx) {
    const name = String(spec.name);
    const input: VirtualKeyInput = { name, chain: [] };
    if (typeof spec.description === "string") input.description = spec.description;
    if (typeof spec.configuration === "string") input.configurationId = configurationId(name, spec.configuration, ctx);
    const issued = await requirePart(backend, "vk create").create(input);
    return { secret: issued.secret };
  },

  async update(backend, id, changed, current, ctx) {
    const patch: VirtualKeyPatch = {};
    // "" clears it on ngrok (sent as null).
    if ("description" in changed) patch.description = typeof changed.description === "string" ? changed.description : "";
    if ("configuration" in changed) {
      patch.configurationId = typeof changed.configuration === "string" ? configurationId(String(current.name), changed.configuration, ctx) : null;
    }
    await requirePart(backend, "vk update").update(id, patch);
  },

  prune: {
    async delete(backend, id) {
      await requirePart(backend, "vk delete").remove(id);
    },
  },
};

/** A configuration's name -> its id, as read after the configurations were applied (a dry run names what it would create). */
function configurationId(key: string, name: string, ctx: ApplyContext): string {
  const id = ctx.dependency.get(name) ?? (ctx.dryRun ? `<id of ${name}>` : undefined);
  if (!id) throw new GwError(`access key ${key}: configuration ${name} does not exist`, ExitCode.NotFound);
  return id;
}
