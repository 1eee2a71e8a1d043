import type { BindInput, BindingPatch } from "../../domain/binding.js";
import type { WireBindingCreate, WireBindingUpdate } from "./wire.js";

export function bindBody(input: BindInput): WireBindingCreate {
  const body: WireBindingCreate = { model_provider_id: input.providerId };
  if (input.slot !== undefined) body.slot = input.slot;
  if (input.rpm !== undefined) body.rate_limit_rpm = input.rpm;
  if (input.tpm !== undefined) body.rate_limit_tpm = input.tpm;
  if (input.rpd !== undefined) body.rate_limit_rpd = input.rpd;
  if (input.fallbackPriority !== undefined) body.fallback_priority_global = input.fallbackPriority;
  if (input.headers !== undefined) body.extra_headers = input.headers;
  return body;
}

/** Exactly the fields the patch names: an absent key on the wire means "keep" (§2.4). */
export function patchBody(patch: BindingPatch): WireBindingUpdate {
  const body: WireBindingUpdate = {};
  if (patch.slot !== undefined) body.slot = patch.slot;
  if (patch.rpm !== undefined) body.rate_limit_rpm = patch.rpm;
  if (patch.tpm !== undefined) body.rate_limit_tpm = patch.tpm;
  if (patch.rpd !== undefined) body.rate_limit_rpd = patch.rpd;
  if (patch.fallbackPriority !== undefined) body.fallback_priority_global = patch.fallbackPriority;
  if (patch.rotationPolicy !== undefined) body.rotation_policy = patch.rotationPolicy;
  if (patch.headers !== undefined) body.extra_headers = patch.headers;
  return body;
}
