import { maskSecret } from "../../redact.js";
import { isRecord } from "../wire-check.js";

/**
 * Fields that hold a credential: provider key values, cloud key configs, proxy credentials and a virtual
 * key's own `value`. Bifrost redacts them on read (§2.4), but `--raw` must not leak one a server sent in
 * clear, so the kept raw body is masked too.
 */
const SECRET_FIELDS = new Set([
  "value",
  "password",
  "username",
  "client_secret",
  "secret_key",
  "session_token",
  "access_key",
  "auth_credentials",
  "api_key",
]);

const looksRedacted = (s: string): boolean => s === "" || /\*{4}|<REDACTED>/.test(s);

function maskString(s: string): string {
  return looksRedacted(s) ? s : maskSecret(s);
}

/** A deep copy with every secret field masked; an EnvVar object `{value, env_var}` keeps its env_var name. */
export function maskSecrets(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(maskSecrets);
  if (!isRecord(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (SECRET_FIELDS.has(key) && typeof value === "string") out[key] = maskString(value);
    else if (SECRET_FIELDS.has(key) && isRecord(value) && typeof value.value === "string") out[key] = { ...value, value: maskString(value.value) };
    else out[key] = maskSecrets(value);
  }
  return out;
}

/** A credential as people may see it: the server's redacted form as is, else masked (`sk-b****abcd`). */
export function displaySecret(value: unknown): string | null {
  const text = isRecord(value) ? value.value : value;
  return typeof text === "string" && text !== "" ? maskString(text) : null;
}
