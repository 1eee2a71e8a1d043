import { UsageError } from "../errors.js";
import { AUTH_MODES } from "../backends/backend.js";
import { BACKEND_NAMES } from "../backends/registry.js";
import type { AuthMode, BackendName, ConfigData, ResolvedProfile } from "./types.js";

type Env = Record<string, string | undefined>;

/**
 * Which profile a command runs with. Precedence: flag > env > stored profile > default.
 * - name: --profile, else GW_PROFILE, else the current profile;
 * - GW_BACKEND, GW_BASE_URL, GW_API_KEY (and GW_AUTH) override that field of the profile, and with no profile at all
 *   they form an ad-hoc one (CI needs nothing stored);
 * - a stored key is only ever sent to its own profile's URL: overriding the URL requires GW_API_KEY.
 */
export function resolveProfile(flagProfile: string | undefined, env: Env, config: ConfigData): ResolvedProfile {
  const explicitName = flagProfile ?? nonEmpty(env.GW_PROFILE);
  const name = explicitName ?? config.current;
  const envBackend = nonEmpty(env.GW_BACKEND);
  const envUrl = nonEmpty(env.GW_BASE_URL)?.replace(/\/+$/, "");
  const envKey = nonEmpty(env.GW_API_KEY);
  const envAuth = nonEmpty(env.GW_AUTH);
  if (envAuth !== undefined && !AUTH_MODES.includes(envAuth as AuthMode)) {
    throw new UsageError(`invalid GW_AUTH "${envAuth}" (allowed: ${AUTH_MODES.join(", ")})`);
  }

  if (envBackend !== undefined && !BACKEND_NAMES.includes(envBackend as BackendName)) {
    throw new UsageError(`invalid GW_BACKEND "${envBackend}" (allowed: ${BACKEND_NAMES.join(", ")})`);
  }

  const stored = name !== undefined ? config.profiles[name] : undefined;
  if (explicitName !== undefined && !stored) {
    const source = flagProfile !== undefined ? "--profile" : "GW_PROFILE";
    throw new UsageError(`profile "${explicitName}" (from ${source}) does not exist; see gw profile list`);
  }

  if (!stored || name === undefined) {
    if (!envUrl) {
      throw new UsageError(
        "no profile: add one with `gw profile add <name> --backend langwatch --base-url <url>`, " +
          "or set GW_BASE_URL and GW_API_KEY (and GW_BACKEND) for an ad-hoc profile",
      );
    }
    return {
      name: null,
      backend: (envBackend as BackendName | undefined) ?? "langwatch",
      baseUrl: envUrl,
      ...(envKey ? { apiKey: envKey, keySource: "env" as const } : {}),
      ...(envAuth ? { auth: envAuth as AuthMode } : {}),
    };
  }

  const baseUrl = envUrl ?? stored.baseUrl;
  if (envUrl && envUrl !== stored.baseUrl.replace(/\/+$/, "") && !envKey && (stored.apiKey || stored.keyStore)) {
    throw new UsageError(
      `GW_BASE_URL points profile "${name}" at ${envUrl}, but its stored key is only sent to ${stored.baseUrl}; ` +
        "set GW_API_KEY as well",
    );
  }
  const apiKey = envKey ?? stored.apiKey;
  // A keychain key is read afterwards (profiles/stored-key.ts), only when GW_API_KEY does not win anyway.
  const keySource = envKey ? "env" : stored.apiKey ? "file" : stored.keyStore ? "keychain" : undefined;
  const auth = (envAuth as AuthMode | undefined) ?? stored.auth;
  return {
    name,
    backend: (envBackend as BackendName | undefined) ?? stored.backend,
    baseUrl,
    ...(apiKey ? { apiKey } : {}),
    ...(auth ? { auth } : {}),
    ...(keySource ? { keySource } : {}),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
