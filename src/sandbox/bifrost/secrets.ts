import { isRecord } from "./values.js";
import type { Json } from "./state.js";

/**
 * Secrets are EnvVars (research §2.4): written as a plain string (a literal, or "env.NAME") or as
 * `{value, env_var, from_env}`; stored in clear; read back redacted (first 4 + 24 "*" + last 4 chars, or
 * "<REDACTED>" when too short to show any). A redacted value sent back unchanged keeps the stored secret.
 */
export function redact(secret: string): string {
  if (secret === "") return "";
  return secret.length > 8 ? `${secret.slice(0, 4)}${"*".repeat(24)}${secret.slice(-4)}` : "<REDACTED>";
}

export interface StoredEnvVar extends Json {
  value: string;
  env_var: string;
  from_env: boolean;
}

/** An incoming EnvVar in stored form; `stored` is what it replaces (its secret survives a redacted echo). */
export function envVarIn(incoming: unknown, stored?: unknown): StoredEnvVar {
  const previous = isRecord(stored) && typeof stored.value === "string" ? (stored as StoredEnvVar) : undefined;
  let value = "";
  let envVar = "";
  if (typeof incoming === "string") {
    if (incoming.startsWith("env.")) envVar = incoming;
    else value = incoming;
  } else if (isRecord(incoming)) {
    value = typeof incoming.value === "string" ? incoming.value : "";
    envVar = typeof incoming.env_var === "string" ? incoming.env_var : "";
  }
  if (previous && value !== "" && (value === redact(previous.value) || value === "<REDACTED>")) {
    return { ...previous };
  }
  return { value, env_var: envVar, from_env: envVar !== "" };
}

/** Read form: secrets redacted, plain settings (regions, endpoints) shown. */
export function envVarOut(stored: unknown, secret: boolean): Json {
  const s = isRecord(stored) ? stored : {};
  const value = typeof s.value === "string" ? s.value : "";
  return { value: secret ? redact(value) : value, env_var: typeof s.env_var === "string" ? s.env_var : "", from_env: s.from_env === true };
}

/** EnvVar fields of a key, and whether each is a secret (redacted on read). */
const KEY_CONFIG_FIELDS: Record<string, Record<string, boolean>> = {
  azure_key_config: { endpoint: false, api_version: false, client_id: false, client_secret: true, tenant_id: false },
  vertex_key_config: { project_id: false, project_number: false, region: false, auth_credentials: true },
  bedrock_key_config: {
    access_key: true, secret_key: true, session_token: true, region: false, arn: false, role_arn: false, external_id: true,
  },
  vllm_key_config: { url: false },
  ollama_key_config: { url: false },
  sgl_key_config: { url: false },
};

/** Proxy and network secrets of a provider (research §2.5). */
export const PROXY_FIELDS: Record<string, boolean> = { url: false, username: true, password: true, ca_cert_pem: false };

/** A key as written, in stored form; `stored` is the key it replaces. */
export function keyIn(incoming: Json, stored?: Json): Json {
  const out: Json = { ...incoming, value: envVarIn(incoming.value, stored?.value) };
  for (const [config, fields] of Object.entries(KEY_CONFIG_FIELDS)) {
    const block = incoming[config];
    if (!isRecord(block)) continue;
    const before = isRecord(stored?.[config]) ? (stored![config] as Json) : {};
    out[config] = mapFields(block, fields, (name, v) => envVarIn(v, before[name]));
  }
  return out;
}

export function keyOut(stored: Json): Json {
  const out: Json = { ...stored, value: envVarOut(stored.value, true) };
  for (const [config, fields] of Object.entries(KEY_CONFIG_FIELDS)) {
    const block = stored[config];
    if (isRecord(block)) out[config] = mapFields(block, fields, (name, v) => envVarOut(v, fields[name]!));
  }
  return out;
}

/** Applies `f` to the EnvVar fields of `block` named in `fields`; other fields pass through. */
export function mapFields(block: Json, fields: Record<string, boolean>, f: (name: string, v: unknown) => Json): Json {
  const out: Json = { ...block };
  for (const name of Object.keys(fields)) if (block[name] !== undefined && block[name] !== null) out[name] = f(name, block[name]);
  return out;
}
