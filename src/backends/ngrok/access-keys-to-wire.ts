import type { AccessScope } from "../../domain/router-chain.js";
import type { VirtualKeyInput, VirtualKeyPatch } from "../../domain/virtual-key.js";
import { UsageError } from "../../errors.js";
import type { WireAccessKeyCreate, WireAccessKeyUpdate } from "./access-keys-from-wire.js";
import { scopeFromGrants } from "./configurations-to-wire.js";

const NO_LIMITS = "ngrok access keys have no rate limits, budgets, teams or customers";

/** The schema's bounds (maxLength 255 for name and description), said before anything is sent. */
function checkText(flag: string, value: string): void {
  const n = [...value].length;
  if (n > 255) throw new UsageError(`invalid value for ${flag}: ${n} characters, at most 255 allowed`);
}

/**
 * What `vk create` asks of ngrok, checked: a name and description, and a scope (--provider) or none
 * (allow-all). Fields ngrok keys do not have are refused, never dropped (the config kinds call this too).
 */
export function createPlan(input: VirtualKeyInput): { body: WireAccessKeyCreate; scope: AccessScope | null } {
  if (input.chain.length) throw new UsageError("ngrok access keys have no chain of bindings: route with gw chain set <key> <provider[/model]> <step>...");
  if ([input.rpm, input.tpm, input.rpd, input.budgets, input.teamId, input.customerId].some((v) => v !== undefined)) throw new UsageError(NO_LIMITS);
  if (input.allowAllProviders && input.providers) throw new UsageError("--allow-all-providers and --provider exclude each other");
  checkText("--name", input.name);
  if (input.description !== undefined) checkText("--description", input.description);
  if (input.configurationId !== undefined && (input.providers || input.allowAllProviders)) throw new UsageError("a key links a configuration or gets a scope of its own, not both");
  const body: WireAccessKeyCreate = {
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.configurationId !== undefined ? { accessKeyConfigurationId: input.configurationId } : {}),
  };
  return { body, scope: input.providers ? scopeFromGrants("--provider", input.providers) : null };
}

/**
 * What `vk update` asks: the key's own fields, and the scope when --provider (replace) or
 * --allow-all-providers (clear) is given (`scope` undefined: leave it alone).
 */
export function updatePlan(patch: VirtualKeyPatch): { body: WireAccessKeyUpdate; scope: AccessScope | null | undefined } {
  if (patch.chain !== undefined) throw new UsageError("ngrok access keys have no chain of bindings: route with gw chain set <key> <provider[/model]> <step>...");
  if ([patch.limits, patch.budgets, patch.teamId, patch.customerId].some((v) => v !== undefined)) throw new UsageError(NO_LIMITS);
  if (patch.allowAllProviders === true && patch.providers) throw new UsageError("--allow-all-providers and --provider exclude each other");
  if (patch.allowAllProviders === false && !patch.providers) {
    throw new UsageError("--no-allow-all-providers: name the providers the key may use with --provider (ngrok's scope is a list of them)");
  }
  const body: WireAccessKeyUpdate = {};
  if (patch.name !== undefined) {
    checkText("--name", patch.name);
    body.name = patch.name;
  }
  if (patch.description !== undefined) {
    checkText("--description", patch.description);
    // "" clears it (the API's null), so that it reads back as none.
    body.description = patch.description === "" ? null : patch.description;
  }
  if (patch.configurationId !== undefined) {
    if (patch.providers || patch.allowAllProviders !== undefined) throw new UsageError("a key links a configuration or gets a scope of its own, not both");
    body.accessKeyConfigurationId = patch.configurationId;
  }
  const scope = patch.providers ? scopeFromGrants("--provider", patch.providers) : patch.allowAllProviders ? null : undefined;
  return { body, scope };
}
