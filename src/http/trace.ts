import { maskSecret, redactSecrets, stripControl } from "../redact.js";

const MAX_BODY = 4096;

/**
 * --debug lines: `> METHOD url`, headers (auth masked), body; `< status (ms)`, body. Secrets never appear:
 * the values gw knows (the profile's key, a W&B key it sends) are masked wherever they occur, and in JSON
 * bodies so are the values of fields named as secrets (see isSecretField), which covers a secret a server
 * echoes that gw could not know in advance. Terminal control characters a server sent are stripped.
 */
export function traceRequest(
  trace: (line: string) => void,
  secrets: readonly string[],
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
): void {
  trace(redactSecrets(stripControl(`> ${method} ${url}`), secrets));
  for (const [name, value] of Object.entries(headers)) {
    trace(redactSecrets(`> ${name}: ${isSecretHeader(name, value, secrets) ? maskSecret(value) : value}`, secrets));
  }
  if (body) trace(traceableBody(body, secrets));
}

export function traceResponse(trace: (line: string) => void, secrets: readonly string[], status: number, ms: number, body: string): void {
  trace(`< ${status} (${Math.round(ms)} ms)`);
  if (body) trace(traceableBody(body, secrets));
}

export function traceFailure(trace: (line: string) => void, secrets: readonly string[], message: string, ms: number): void {
  trace(redactSecrets(stripControl(`< ${message} (${Math.round(ms)} ms)`), secrets));
}

function isSecretHeader(name: string, value: string, secrets: readonly string[]): boolean {
  return /^(authorization|x-auth-token|x-api-key|api-key|cookie)$/i.test(name) || secrets.some((s) => s && value.includes(s));
}

/**
 * A body as the trace shows it. Order matters: controls are stripped before the known secrets are masked
 * (a control character inside a key must not hide it from the match), and the text is cut only after
 * masking (a key straddling the cut must not leave its first half behind).
 */
function traceableBody(body: string, secrets: readonly string[]): string {
  return truncate(redactSecrets(stripControl(maskSecretFields(body)), secrets));
}

/**
 * Field names whose values are credentials, compared lower-cased without `_` and `-`: one of SECRET_NAMES,
 * or ending in one of SECRET_SUFFIXES (`apiKey`, `wandbApiKey`, `OPENAI_API_KEY`, `secret`, `admin_password`,
 * `client_secret`, `session_token`, `auth_credentials`), except pagination cursors (`nextPageToken`).
 * Counters and settings that only mention a secret (`token_max_limit`, `max_tokens`, `secret_name`) do not.
 */
const SECRET_NAMES = new Set(["passwd", "authorization", "cookie"]);
const SECRET_SUFFIXES = ["apikey", "secret", "secretkey", "privatekey", "accesskey", "password", "token", "credentials"];
const NOT_SECRET_SUFFIXES = ["pagetoken"];

/** Bifrost keeps a credential in a field named `value`: a provider key's or a virtual key's, or an EnvVar `{value, env_var}`. */
const VALUE_HOLDERS = new Set(["keys", "key", "virtualkeys", "virtualkey"]);

/** Every secret field name (and `value`) contains one of these, whatever its case and separators. */
const MAYBE_SECRET = /key|secret|passw|token|authorization|cookie|credential|value/i;

const normalize = (name: string): string => name.toLowerCase().replace(/[_-]/g, "");

export function isSecretField(name: string): boolean {
  const n = normalize(name);
  if (NOT_SECRET_SUFFIXES.some((s) => n.endsWith(s))) return false;
  return SECRET_NAMES.has(n) || SECRET_SUFFIXES.some((s) => n.endsWith(s));
}

/**
 * A JSON body with the string values of secret fields masked (`abcd****wxyz`; empty strings stay empty,
 * so "no key" still reads as such). Every string inside a secret field is masked, so an object-valued
 * one (`"api_key": {"value": ..., "env_var": ...}`) is covered too. `value` is a secret field in an object
 * that holds a key (an entry of `keys` / `virtual_keys`, or `key` / `virtual_key` itself) or in an EnvVar
 * (an object with `env_var` or `from_env`). A body that is not JSON, or has no such field, is returned as
 * sent; a masked one is re-serialized compactly.
 */
export function maskSecretFields(body: string): string {
  // Most bodies name no secret at all: skip parsing them (a list can be megabytes).
  if (!MAYBE_SECRET.test(body)) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  let masked = false;
  const maskAll = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (value === "") return value;
      masked = true;
      return maskSecret(value);
    }
    if (Array.isArray(value)) return value.map(maskAll);
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskAll(v)]));
    return value;
  };
  const walk = (value: unknown, holder: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, holder));
    if (!isObject(value)) return value;
    const valueIsSecret = holder || "env_var" in value || "from_env" in value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (isSecretField(k) || (k === "value" && valueIsSecret)) return [k, maskAll(v)];
        return [k, walk(v, VALUE_HOLDERS.has(normalize(k)))];
      }),
    );
  };
  const out = walk(parsed, false);
  return masked ? JSON.stringify(out) : body;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function truncate(text: string): string {
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}... (${text.length} bytes)` : text;
}
