import type { BindInput, BindingPatch, ModelSpec } from "../../domain/binding.js";
import { UsageError } from "../../errors.js";

/**
 * The request schema's confirmed bounds (research §1.3 [C]), checked before anything is sent so the error
 * names the flag. Lengths count characters (code points), as a JSON Schema validator does.
 *
 * Not checked here: the documented rule that baseUrl must be https:// except for ngrok `.internal`
 * endpoints. It comes from the docs only [D], so gw leaves it to the server, whose answer is authoritative.
 */
const length = (s: string) => [...s].length;

function bounded(flag: string, value: string, min: number, max: number): void {
  const n = length(value);
  if (n < min) throw new UsageError(`invalid value for ${flag}: must not be empty`);
  if (n > max) throw new UsageError(`invalid value for ${flag}: ${n} characters, at most ${max} allowed`);
}

/** modelId 1-255, providerModelId at most 255 (AIGatewayProviderModelCreate); one upstream id per model. */
function checkModels(models: readonly ModelSpec[] | undefined): void {
  const upstreams = new Map<string, string | null>();
  for (const m of models ?? []) {
    const id = typeof m === "string" ? m : m.id;
    bounded("--model", id, 1, 255);
    if (typeof m === "string") continue;
    const n = m.upstream === null ? 0 : length(m.upstream);
    if (n > 255) throw new UsageError(`invalid value for --model: upstream model id of ${n} characters, at most 255 allowed`);
    if (upstreams.has(id) && upstreams.get(id) !== m.upstream) throw new UsageError(`--model ${id} is given twice with different upstream model ids`);
    upstreams.set(id, m.upstream);
  }
}

const BIND_FIELDS: readonly (keyof BindInput)[] = ["providerId", "name", "baseUrl", "metadata", "models", "surfaces"];
const PATCH_FIELDS: readonly (keyof BindingPatch)[] = ["name", "baseUrl", "metadata", "models", "surfaces"];

/** A field ngrok has no place for is refused, never dropped (callers other than the CLI skip its capability check). */
function refuseOthers(given: object, allowed: readonly string[], verb: string): void {
  const others = Object.keys(given).filter((k) => !allowed.includes(k) && (given as Record<string, unknown>)[k] !== undefined);
  if (others.length) throw new UsageError(`the ngrok backend cannot set ${others.join(", ")} on \`gw providers ${verb}\` (see gw backends)`);
}

export function checkBindInput(input: BindInput): asserts input is BindInput & { name: string; baseUrl: string } {
  refuseOthers(input, BIND_FIELDS, "bind");
  const missing = [input.name === undefined && "--name", input.baseUrl === undefined && "--base-url"].filter(Boolean);
  if (missing.length) throw new UsageError(`missing required flag${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`);
  bounded("--provider-id", input.providerId, 1, 255);
  bounded("--name", input.name!, 1, 255);
  bounded("--base-url", input.baseUrl!, 1, 2048);
  if (input.metadata !== undefined) bounded("--metadata", input.metadata, 0, 4096);
  checkModels(input.models);
}

export function checkPatch(patch: BindingPatch): void {
  refuseOthers(patch, PATCH_FIELDS, "update");
  if (patch.name !== undefined) bounded("--name", patch.name, 1, 255);
  if (patch.baseUrl !== undefined) bounded("--base-url", patch.baseUrl, 1, 2048);
  if (typeof patch.metadata === "string") bounded("--metadata", patch.metadata, 0, 4096);
  checkModels(patch.models);
}
