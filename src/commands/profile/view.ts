import { join } from "node:path";
import { maskSecret } from "../../redact.js";
import type { DetailView, ListView } from "../../output/view.js";
import { CONFIG_FILE_NAME } from "../../profiles/paths.js";
import type { KeySource, ResolvedProfile, StoredProfile } from "../../profiles/types.js";

/** A profile as printed: the key is always masked, in tables and in JSON. */
export interface ProfileRecord {
  name: string | null;
  backend: string;
  baseUrl: string;
  apiKey: string | null;
  /** Bifrost's auth scheme (none, basic, bearer); null where the backend has only one. */
  auth: string | null;
  current: boolean;
  /** Where the key is: "keychain" (the OS keychain), "file" (config.json), "env" (GW_API_KEY); null without a key. */
  keyStore: KeySource | null;
}

type AnyProfile = Omit<StoredProfile, "backend"> & Pick<ResolvedProfile, "keySource"> & { backend: string };

/** A keychain key is masked only where it was read (gw profile show); `gw profile list` reads none. */
export function toProfileRecord(name: string | null, p: AnyProfile, current: boolean): ProfileRecord {
  const keyStore = p.keySource ?? (p.keyStore ? "keychain" : p.apiKey ? "file" : null);
  return { name, backend: p.backend, baseUrl: p.baseUrl, apiKey: p.apiKey ? maskSecret(p.apiKey) : null, auth: p.auth ?? null, current, keyStore };
}

function keyText(p: ProfileRecord): string {
  return p.apiKey ?? (p.keyStore === "keychain" ? "(in the OS keychain)" : "(none)");
}

export const profileListView: ListView<ProfileRecord> = {
  columns: [
    { header: "CURRENT", value: (p) => (p.current ? "*" : "") },
    { header: "NAME", value: (p) => p.name ?? "" },
    { header: "BACKEND", value: (p) => p.backend },
    { header: "BASE URL", value: (p) => p.baseUrl },
    { header: "API KEY", value: keyText },
  ],
  empty: "No profiles. Add one: gw profile add <name> --backend langwatch --base-url <url>",
};

/** `keyWhere`: the key's place in words (key-store.ts keyLocation), or the error reading it from the keychain. */
export function profileDetailView(configDir: string, showAuth = false, keyWhere?: string): DetailView<ProfileRecord> {
  return {
    fields: [
      { header: "Name", value: (p) => p.name ?? "(ad-hoc from GW_* environment variables)" },
      { header: "Backend", value: (p) => p.backend },
      { header: "Base URL", value: (p) => p.baseUrl },
      { header: "API key", value: keyText },
      ...(showAuth ? [{ header: "Auth", value: (p: ProfileRecord) => p.auth ?? "-" }] : []),
      { header: "Current", value: (p) => (p.current ? "yes" : "no") },
      { header: "Stored in", value: () => `${join(configDir, CONFIG_FILE_NAME)} (mode 0600)` },
      ...(keyWhere ? [{ header: "Key stored in", value: () => keyWhere }] : []),
    ],
  };
}
