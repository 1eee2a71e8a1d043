import { withRaw, type Binding, type WithRaw } from "../../domain/binding.js";
import {
  field,
  isId,
  isNullableNumber,
  isNullableString,
  isRecord,
  isString,
  optional,
  unexpected,
} from "../wire-check.js";
import type { WireBinding } from "./wire.js";

/** `{data: [...]}` from GET /providers -> normalized bindings, in the server's order. */
export function bindingsFromListBody(body: unknown, what: string): WithRaw<Binding>[] {
  if (!isRecord(body) || !Array.isArray(body.data)) throw unexpected(what, `expected {"data": [...]}`);
  return body.data.map((item) => toBinding(item, what));
}

export function toBinding(item: unknown, what: string): WithRaw<Binding> {
  if (!isRecord(item)) throw unexpected(what, "a binding is not an object");
  const wire = item as Partial<WireBinding> & Record<string, unknown>;
  const id = field(what, item, "id", isString, "a string");
  const num = (key: string) => field(what, item, key, optional(isNullableNumber), "a number or null") ?? null;
  const str = (key: string) => field(what, item, key, optional(isNullableString), "a string or null") ?? null;
  const disabledAt = str("disabled_at");
  return withRaw(
    {
      id,
      backend: "langwatch",
      provider: str("model_provider_name") ?? "",
      providerId: str("model_provider_id") ?? "",
      slot: str("slot"),
      rpm: num("rate_limit_rpm"),
      tpm: num("rate_limit_tpm"),
      rpd: num("rate_limit_rpd"),
      fallbackPriority: num("fallback_priority_global"),
      rotationPolicy: upper(str("rotation_policy")),
      health: str("health_status"),
      status: disabledAt ? "disabled" : "active",
      disabledAt,
      createdAt: str("created_at"),
      name: null,
      baseUrl: null,
      models: null,
      updatedAt: null, // not in the list body (research §2.2)
      details: null,
    },
    wire,
  );
}

// The wire lower-cases the stored enum ("manual"); gw shows the dashboard's spelling, as --rotation-policy takes it.
function upper(value: string | null): string | null {
  return value === null ? null : value.toUpperCase();
}

/** `{provider_credential: {id}}` from POST/PATCH/DELETE: only the id comes back (§2.3-2.5). */
export function idFromWriteBody(body: unknown, what: string): string {
  if (!isRecord(body) || !isRecord(body.provider_credential)) {
    throw unexpected(what, `expected {"provider_credential": {"id": ...}}`);
  }
  // The id is named in what gw says next ("binding <id> was created, but ..."): a usable id or nothing.
  return field(what, body.provider_credential, "id", isId, "a string without control characters");
}
